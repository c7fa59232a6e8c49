import { a4Pdf, winAnsi } from '../reports/pdfDocument';
import type { Block, DocumentModel, Signature } from './stepDocumentContent';

/**
 * A step document as a PDF on A4, drawn on the server by pdfkit with the PDF standard fonts
 * (Times, as letters are typed), so no browser is needed and nothing is read from the system.
 * Same model as the HTML page: the two say the same.
 */

const MARGIN = 56;
const REGULAR = 'Times-Roman';
const BOLD = 'Times-Bold';
const LABEL_WIDTH = 130;
const PAD = 3;

export function stepDocumentPdf(doc: DocumentModel, createdAt: Date): Promise<Buffer> {
  const { doc: pdf, done } = a4Pdf({
    margins: { top: 40, left: MARGIN, right: MARGIN, bottom: MARGIN },
    title: `${doc.title} ${doc.subtitle ?? ''}`.trim(),
    createdAt,
  });
  letterhead(pdf, doc);
  pdf.font(BOLD).fontSize(13).text(winAnsi(doc.title.toUpperCase()), { width: width(pdf), align: 'center', underline: true });
  if (doc.subtitle) pdf.font(REGULAR).fontSize(11).text(winAnsi(doc.subtitle), { width: width(pdf), align: 'center' });
  pdf.moveDown(1);
  for (const b of doc.blocks) block(pdf, b);
  signatures(pdf, doc);
  if (doc.note) pdf.moveDown(1).font(REGULAR).fontSize(8).text(winAnsi(doc.note), left(pdf), pdf.y, { width: width(pdf) });
  pdf.end();
  return done;
}

const width = (pdf: PDFKit.PDFDocument) => pdf.page.width - pdf.page.margins.left - pdf.page.margins.right;
const left = (pdf: PDFKit.PDFDocument) => pdf.page.margins.left;
const bottom = (pdf: PDFKit.PDFDocument) => pdf.page.height - pdf.page.margins.bottom;

/** The kop surat: the logo text in a box at the left, the names centred, a double rule under them. */
function letterhead(pdf: PDFKit.PDFDocument, doc: DocumentModel): void {
  const lh = doc.letterhead;
  const top = pdf.y;
  const logo = lh.logoText ? 70 : 0;
  if (logo) {
    pdf.rect(left(pdf), top, logo - 10, 50).lineWidth(1).stroke('#000000');
    pdf.font(BOLD).fontSize(9).text(winAnsi(lh.logoText), left(pdf) + 2, top + 20, { width: logo - 14, align: 'center' });
  }
  const x = left(pdf) + logo;
  const w = width(pdf) - logo;
  pdf.font(BOLD).fontSize(13).text(winAnsi(lh.government), x, top, { width: w, align: 'center' });
  pdf.font(BOLD).fontSize(15).text(winAnsi(lh.agency), x, pdf.y, { width: w, align: 'center' });
  const contact = [lh.address, lh.phone && `Telp. ${lh.phone}`, lh.email && `Surel: ${lh.email}`].filter(Boolean).join(' - ');
  if (contact) pdf.font(REGULAR).fontSize(9).text(winAnsi(contact), x, pdf.y, { width: w, align: 'center' });
  const y = Math.max(pdf.y, top + (logo ? 52 : 0)) + 4;
  pdf.moveTo(left(pdf), y).lineTo(left(pdf) + width(pdf), y).lineWidth(2).stroke('#000000');
  pdf.moveTo(left(pdf), y + 3).lineTo(left(pdf) + width(pdf), y + 3).lineWidth(0.5).stroke('#000000');
  pdf.x = left(pdf);
  pdf.y = y + 14;
}

function block(pdf: PDFKit.PDFDocument, b: Block): void {
  const x = left(pdf);
  switch (b.type) {
    case 'fields':
      for (const [label, value] of b.rows) {
        pdf.font(REGULAR).fontSize(11);
        const h = pdf.heightOfString(winAnsi(value) || ' ', { width: width(pdf) - LABEL_WIDTH - 10 });
        if (pdf.y + h > bottom(pdf)) pdf.addPage();
        const y = pdf.y;
        pdf.text(winAnsi(label), x, y, { width: LABEL_WIDTH });
        pdf.text(':', x + LABEL_WIDTH, y);
        pdf.text(winAnsi(value) || ' ', x + LABEL_WIDTH + 10, y, { width: width(pdf) - LABEL_WIDTH - 10 });
        pdf.y = Math.max(pdf.y, y + h) + 2;
      }
      pdf.moveDown(0.4);
      break;
    case 'paragraph':
      // Left-aligned: justified lines are drawn word by word, and a reader's search or copy then loses the spaces.
      pdf.font(REGULAR).fontSize(11).text(winAnsi(b.text), x, pdf.y, { width: width(pdf) }).moveDown(0.5);
      break;
    case 'heading':
      if (pdf.y + 50 > bottom(pdf)) pdf.addPage();
      pdf.font(BOLD).fontSize(11).text(winAnsi(b.text), x, pdf.y, { width: width(pdf) }).moveDown(0.2);
      break;
    case 'list':
      b.items.forEach((item, i) => pdf.font(REGULAR).fontSize(11).text(winAnsi(`${i + 1}. ${item}`), x + 10, pdf.y, { width: width(pdf) - 10 }));
      pdf.moveDown(0.5);
      break;
    case 'table':
      table(pdf, b.header, b.rows.length ? b.rows : [b.header.map(() => '-')]);
      pdf.moveDown(0.5);
      break;
  }
}

/** A ruled table across the text width, the columns sized to the header's share; rows that do not fit move on. */
function table(pdf: PDFKit.PDFDocument, header: string[], rows: string[][]): void {
  const shares = header.length === 5 ? [0.18, 0.17, 0.22, 0.18, 0.25] : header.map(() => 1 / header.length);
  const widths = shares.map((s) => s * width(pdf));
  pdf.fontSize(9);
  const heightOf = (cells: string[], font: string) => {
    pdf.font(font);
    return Math.max(...cells.map((c, i) => pdf.heightOfString(winAnsi(c) || ' ', { width: widths[i] - 2 * PAD }))) + 2 * PAD;
  };
  const row = (cells: string[], font: string) => {
    const h = heightOf(cells, font);
    if (pdf.y + h > bottom(pdf)) pdf.addPage();
    const top = pdf.y;
    let x = left(pdf);
    cells.forEach((c, i) => {
      pdf.rect(x, top, widths[i], h).lineWidth(0.5).stroke('#000000');
      pdf.font(font).text(winAnsi(c), x + PAD, top + PAD, { width: widths[i] - 2 * PAD });
      x += widths[i];
    });
    pdf.x = left(pdf);
    pdf.y = top + h;
  };
  row(header, BOLD);
  rows.forEach((r) => row(r, REGULAR));
}

/** Place and date, then the signature blocks side by side (one: at the right, as letters are signed). */
function signatures(pdf: PDFKit.PDFDocument, doc: DocumentModel): void {
  const blockHeight = 130;
  if (pdf.y + blockHeight > bottom(pdf)) pdf.addPage();
  pdf.moveDown(1);
  const count = doc.signatures.length;
  const w = count === 1 ? width(pdf) / 2 : width(pdf) / count;
  const xOf = (i: number) => (count === 1 ? left(pdf) + width(pdf) / 2 : left(pdf) + i * w);
  pdf.font(REGULAR).fontSize(11).text(winAnsi(doc.placeAndDate), xOf(count - 1), pdf.y, { width: w, align: 'center' });
  const top = pdf.y + 4;
  doc.signatures.forEach((s: Signature, i) => {
    const x = xOf(i);
    pdf.font(REGULAR).fontSize(11);
    pdf.text(winAnsi(s.caption || ' '), x, top, { width: w, align: 'center' });
    pdf.text(winAnsi(s.position || ' '), x, pdf.y, { width: w, align: 'center' });
    const nameY = top + 80;
    pdf.font(BOLD).text(winAnsi(s.name || '(.............................)'), x, nameY, { width: w, align: 'center', underline: !!s.name });
    pdf.font(REGULAR).text(winAnsi(`NIP. ${s.nip || '.........................'}`), x, pdf.y, { width: w, align: 'center' });
  });
  pdf.x = left(pdf);
  pdf.y = top + blockHeight;
}
