import { BOX_H, BOX_W, flowOf, shapeMarks, type Mark, type RowFlow } from './flowchart';
import type { SopIdentity, SopSheet } from './model';
import { columnWidths } from './columns';
import { sheetLabels as L } from './labels';

/**
 * The SOP sheet as one HTML document (A4 landscape when printed): the identity block on the first
 * page, the procedure table from the second, its header repeated on each printed page. No script
 * and no outside resource: the flowchart is inline SVG, the styles inline, so the page prints the
 * same on an offline intranet and is safe to show in a frame of the app.
 */

const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const lines = (s: string) => esc(s).replace(/\n/g, '<br>');
const list = (items: string[]) => (items.length ? `<ol>${items.map((i) => `<li>${esc(i)}</li>`).join('')}</ol>` : '<span class="none">-</span>');

const CSS = `
@page { size: A4 landscape; margin: 10mm; }
* { box-sizing: border-box; }
body { font-family: Arial, Helvetica, sans-serif; font-size: 9pt; color: #000; margin: 12px; background: #fff; }
table { border-collapse: collapse; width: 100%; }
td, th { border: 1px solid #000; padding: 3px 5px; vertical-align: top; }
th { background: #eee; font-weight: bold; text-align: center; vertical-align: middle; }
ol { margin: 0; padding-left: 16px; }
.identity { margin-bottom: 8px; }
.identity .org { text-align: center; font-weight: bold; text-transform: uppercase; width: 45%; vertical-align: middle; }
.identity .org .title { margin-top: 8px; }
.identity .label { width: 16%; font-weight: bold; }
.ident-lists td { width: 50%; }
.ident-lists .head { font-weight: bold; border-bottom: none; }
.ident-lists .body { border-top: none; }
.procedure { table-layout: fixed; break-before: page; page-break-before: always; margin-top: 12px; }
.procedure thead { display: table-header-group; }
.procedure tr { break-inside: avoid; page-break-inside: avoid; }
.procedure td.no { text-align: center; }
.procedure td.time { text-align: center; white-space: nowrap; }
.procedure td.flow { position: relative; padding: 0; height: 64px; }
.procedure tr.terminator td.activity { font-style: italic; }
.procedure td.remarks ul { margin: 0; padding-left: 12px; }
svg.lines { position: absolute; inset: 0; width: 100%; height: 100%; }
svg.shape { position: absolute; top: calc(50% - ${BOX_H / 2}px); overflow: visible; }
.version { margin-top: 8px; font-size: 8pt; color: #333; }
h1.sheet-title { font-size: 11pt; text-align: center; margin: 10px 0 0; text-transform: uppercase; }
.none { color: #555; }
`;

function identityBlock(id: SopIdentity): string {
  const org = id.organisation.map((o) => `<div>${esc(o)}</div>`).join('');
  const rows: [string, string, string][] = [
    ['number', L.number, esc(id.number)],
    ['dateMade', L.dateMade, esc(id.dateMade)],
    ['dateRevised', L.dateRevised, esc(id.dateRevised)],
    ['dateEffective', L.dateEffective, esc(id.dateEffective)],
    ['approvedBy', L.approvedBy, esc(id.approvedBy)],
    ['title', L.title, `<b>${esc(id.title)}</b>`],
  ];
  return `<table class="identity" data-part="identity">
${rows.map(([field, label, value], i) => `<tr>${i === 0 ? `<td class="org" rowspan="${rows.length}">${org}<div class="title">${esc(L.heading)}<br>${esc(id.title)}</div></td>` : ''}<td class="label">${esc(label)}</td><td data-field="${field}">${value}</td></tr>`).join('\n')}
</table>
<table class="ident-lists">
${(
    [
      ['legalBasis', L.legalBasis, id.legalBasis, 'qualifications', L.qualifications, id.qualifications],
      ['related', L.related, id.related, 'equipment', L.equipment, id.equipment],
      ['warnings', L.warnings, id.warnings, 'records', L.records, id.records],
    ] as const
  )
    .map(
      ([af, a, av, bf, b, bv]) =>
        `<tr><td class="head">${esc(a)} :</td><td class="head">${esc(b)} :</td></tr><tr><td class="body" data-field="${af}">${list([...av])}</td><td class="body" data-field="${bf}">${list([...bv])}</td></tr>`,
    )
    .join('\n')}
</table>`;
}

function svgMark(m: Mark): string {
  switch (m.kind) {
    case 'line':
      return `<polyline points="${m.points.map((p) => p.join(',')).join(' ')}" fill="none" stroke="#000" stroke-width="1"/>`;
    case 'arrow':
      return m.dir === 'down'
        ? `<path d="M${m.x - 3},${m.y - 5} L${m.x + 3},${m.y - 5} L${m.x},${m.y} Z" fill="#000"/>`
        : `<path d="M${m.x - 5},${m.y - 3} L${m.x - 5},${m.y + 3} L${m.x},${m.y} Z" fill="#000"/>`;
    case 'terminator':
      return `<rect x="${m.x}" y="${m.y}" width="${m.w}" height="${m.h}" rx="${m.h / 2}" fill="#fff" stroke="#000"/>`;
    case 'rect':
      return `<rect x="${m.x}" y="${m.y}" width="${m.w}" height="${m.h}" fill="#fff" stroke="#000"/>${m.double ? `<line x1="${m.x + 5}" y1="${m.y}" x2="${m.x + 5}" y2="${m.y + m.h}" stroke="#000"/><line x1="${m.x + m.w - 5}" y1="${m.y}" x2="${m.x + m.w - 5}" y2="${m.y + m.h}" stroke="#000"/>` : ''}`;
    case 'diamond':
      return `<polygon points="${m.cx},${m.cy - m.h / 2} ${m.cx + m.w / 2},${m.cy} ${m.cx},${m.cy + m.h / 2} ${m.cx - m.w / 2},${m.cy}" fill="#fff" stroke="#000"/>`;
    case 'circle':
      return `<circle cx="${m.cx}" cy="${m.cy}" r="${m.r}" fill="#fff" stroke="#000"/>`;
    case 'text':
      return `<text x="${m.x}" y="${m.y}" font-size="${m.size}" text-anchor="${m.anchor}"${m.bold ? ' font-weight="bold"' : ''} font-family="Arial, Helvetica, sans-serif">${esc(m.text)}</text>`;
  }
}

/** The lines of one row in lane units (100 a lane) and percent of the row's height. */
function flowLines(f: RowFlow, lanes: number): string {
  const x = (lane: number) => lane * 100 + 50;
  const out: string[] = [];
  for (let k = 1; k < lanes; k++) out.push(`<line x1="${k * 100}" y1="0" x2="${k * 100}" y2="100" stroke="#000" vector-effect="non-scaling-stroke"/>`);
  const segment = (pts: [number, number][]) =>
    `<polyline points="${pts.map((p) => p.join(',')).join(' ')}" fill="none" stroke="#000" stroke-width="1" vector-effect="non-scaling-stroke"/>`;
  if (f.inFromLane !== undefined) {
    out.push(
      f.inFromLane === f.lane
        ? segment([[x(f.lane), 0], [x(f.lane), 50]])
        : segment([[x(f.inFromLane), 0], [x(f.inFromLane), 12], [x(f.lane), 12], [x(f.lane), 50]]),
    );
  }
  if (f.outDown) out.push(segment([[x(f.lane), 50], [x(f.lane), 100]]));
  return `<svg class="lines" viewBox="0 0 ${lanes * 100} 100" preserveAspectRatio="none" aria-hidden="true">${out.join('')}</svg>`;
}

function flowCell(f: RowFlow, lanes: number, activity: string): string {
  const left = `calc(${(((f.lane + 0.5) / lanes) * 100).toFixed(3)}% - ${BOX_W / 2}px)`;
  const shape = `<svg class="shape" style="left: ${left}" width="${BOX_W}" height="${BOX_H}" viewBox="0 0 ${BOX_W} ${BOX_H}" role="img" aria-label="${esc(activity)}" data-shape="${f.shape}" data-lane="${f.lane}">${shapeMarks(f).map(svgMark).join('')}</svg>`;
  return `<td class="flow" colspan="${lanes}">${flowLines(f, lanes)}${shape}</td>`;
}

export function sopSheetHtml(sheet: SopSheet): string {
  const flows = flowOf(sheet);
  const lanes = sheet.lanes.length;
  const quality = sheet.hasInput ? 4 : 3;
  const widths = columnWidths(sheet);
  const cols = `<colgroup>${widths.map((w) => `<col style="width:${(w * 100).toFixed(2)}%">`).join('')}</colgroup>`;
  const header = `${cols}<thead>
<tr><th rowspan="2">${esc(L.no)}</th><th rowspan="2">${esc(L.activity)}</th><th colspan="${lanes}">${esc(L.performers)}</th><th colspan="${quality}">${esc(L.quality)}</th><th rowspan="2">${esc(L.remarks)}</th></tr>
<tr>${sheet.lanes.map((l) => `<th data-part="lane">${esc(l.name)}</th>`).join('')}${sheet.hasInput ? `<th>${esc(L.input)}</th>` : ''}<th>${esc(L.requirement)}</th><th>${esc(L.time)}</th><th>${esc(L.output)}</th></tr>
</thead>`;
  const body = sheet.rows
    .map((r, i) => {
      const remarks = r.remarks.length > 1 ? `<ul>${r.remarks.map((x) => `<li>${esc(x)}</li>`).join('')}</ul>` : esc(r.remarks[0] ?? '');
      return `<tr class="${r.shape}" data-row="${esc(r.no)}" data-element="${esc(r.elementId)}">
<td class="no">${esc(r.no)}</td><td class="activity">${esc(r.activity)}</td>${flowCell(flows[i], lanes, r.activity)}${sheet.hasInput ? `<td>${lines(r.input)}</td>` : ''}<td>${lines(r.requirement)}</td><td class="time">${esc(r.time)}</td><td>${lines(r.output)}</td><td class="remarks">${remarks}</td></tr>`;
    })
    .join('\n');
  const id = sheet.identity;
  return `<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<title>${esc(`SOP ${id.number} ${id.title}`)} (${esc(L.versionShort(sheet.version))})</title>
<style>${CSS}</style>
</head>
<body>
${identityBlock(id)}
<p class="version" data-part="version">${esc(L.versionNote(sheet.key, sheet.version, sheet.deployedAtText))}</p>
<table class="procedure" data-part="procedure">
<caption><h1 class="sheet-title">${esc(L.procedureTitle(id.title))}</h1></caption>
${header}
<tbody>
${body}
</tbody>
</table>
<p class="version">${esc(L.versionNote(sheet.key, sheet.version, sheet.deployedAtText))}</p>
</body>
</html>
`;
}
