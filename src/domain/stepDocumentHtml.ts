import type { Block, DocumentModel, Signature } from './stepDocumentContent';

/**
 * A step document as one printable HTML page (A4, its own styles, nothing fetched): the browser
 * prints it as the PDF route draws it. Every text is escaped; the page runs no script.
 */

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

const style = `
@page { size: A4; margin: 20mm; }
body { font-family: "Times New Roman", Times, serif; font-size: 12pt; color: #000; max-width: 180mm; margin: 0 auto; padding: 10mm 0; }
.kop { display: flex; align-items: center; gap: 12px; border-bottom: 3px double #000; padding-bottom: 6px; margin-bottom: 16px; }
.kop .logo { border: 1px solid #000; padding: 8px; font-weight: bold; min-width: 60px; text-align: center; }
.kop .lines { flex: 1; text-align: center; }
.kop .gov { font-size: 13pt; font-weight: bold; }
.kop .agency { font-size: 15pt; font-weight: bold; }
.kop .contact { font-size: 10pt; }
h1 { font-size: 13pt; text-align: center; text-decoration: underline; margin: 8px 0 0; text-transform: uppercase; }
.subtitle { text-align: center; margin: 2px 0 14px; }
h2 { font-size: 12pt; margin: 14px 0 4px; }
table.fields td { vertical-align: top; padding: 2px 6px 2px 0; }
table.fields td.label { width: 45mm; }
table.grid { border-collapse: collapse; width: 100%; font-size: 10.5pt; }
table.grid th, table.grid td { border: 1px solid #000; padding: 3px 5px; vertical-align: top; text-align: left; }
p { text-align: justify; white-space: pre-wrap; }
.place { margin-top: 24px; text-align: right; }
.signatures { display: flex; justify-content: space-between; gap: 24px; margin-top: 8px; }
.signature { flex: 1; text-align: center; }
.signature.single { flex: 0 0 80mm; margin-left: auto; }
.signature .space { height: 22mm; }
.signature .name { font-weight: bold; text-decoration: underline; }
.note { font-size: 9pt; margin-top: 24px; }
@media print { .noprint { display: none; } body { padding: 0; } }
`;

function block(b: Block): string {
  switch (b.type) {
    case 'fields':
      return `<table class="fields">${b.rows.map(([k, v]) => `<tr><td class="label">${escape(k)}</td><td>:</td><td>${escape(v)}</td></tr>`).join('')}</table>`;
    case 'paragraph':
      return `<p>${escape(b.text)}</p>`;
    case 'heading':
      return `<h2>${escape(b.text)}</h2>`;
    case 'list':
      return `<ol>${b.items.map((i) => `<li>${escape(i)}</li>`).join('')}</ol>`;
    case 'table':
      return `<table class="grid"><thead><tr>${b.header.map((h) => `<th>${escape(h)}</th>`).join('')}</tr></thead><tbody>${
        b.rows.length ? b.rows.map((r) => `<tr>${r.map((c) => `<td>${escape(c)}</td>`).join('')}</tr>`).join('') : `<tr><td colspan="${b.header.length}">-</td></tr>`
      }</tbody></table>`;
  }
}

function signature(s: Signature, single: boolean): string {
  return `<div class="signature${single ? ' single' : ''}"><div>${escape(s.caption)}</div><div>${escape(s.position)}</div><div class="space"></div>
<div class="name">${escape(s.name || '(……………………………)')}</div><div>NIP. ${escape(s.nip || '……………………')}</div></div>`;
}

export function stepDocumentHtml(doc: DocumentModel): string {
  const lh = doc.letterhead;
  const contact = [lh.address, lh.phone && `Telp. ${lh.phone}`, lh.email && `Surel: ${lh.email}`].filter(Boolean).join(' · ');
  return `<!doctype html>
<html lang="id"><head><meta charset="utf-8"><title>${escape(`${doc.title} ${doc.subtitle ?? ''}`.trim())}</title><style>${style}</style></head>
<body>
<header class="kop">${lh.logoText ? `<div class="logo">${escape(lh.logoText)}</div>` : ''}<div class="lines">
<div class="gov">${escape(lh.government)}</div><div class="agency">${escape(lh.agency)}</div>${contact ? `<div class="contact">${escape(contact)}</div>` : ''}</div></header>
<h1>${escape(doc.title)}</h1>${doc.subtitle ? `<div class="subtitle">${escape(doc.subtitle)}</div>` : ''}
${doc.blocks.map(block).join('\n')}
<div class="place">${escape(doc.placeAndDate)}</div>
<div class="signatures">${doc.signatures.map((s) => signature(s, doc.signatures.length === 1)).join('')}</div>
${doc.note ? `<div class="note">${escape(doc.note)}</div>` : ''}
</body></html>`;
}
