import type { ComplaintRecapReport } from '../contract/recap';
import { channelLabels, lateLabel, opdLabel, periodLine, periodLabel, recapTitle, statusLabels, totalLabels, wibStamp } from './recapLabels';
import { wibTime } from './spreadsheetCsv';
import { a4Pdf, winAnsi } from '../reports/pdfDocument';

/**
 * The recap as a PDF on A4 (SOP 555/03: the Admin Utama prints the report, the Kasi and the Kabid
 * check and initial it), written on the server by pdfkit, so no browser is needed. Only the
 * PDF standard fonts (Helvetica), which pdfkit ships as metrics and every reader has: nothing is
 * fetched or read from the system.
 */

const MARGIN = 40;
/** Room under the content for the page number. */
const FOOTER = 30;
const PAD = 3;
const REGULAR = 'Helvetica';
const BOLD = 'Helvetica-Bold';

interface Column {
  header: string;
  width: number;
  align?: 'left' | 'right';
}

export function recapPdf(report: ComplaintRecapReport): Promise<Buffer> {
  const { doc, done } = a4Pdf({
    margins: { top: MARGIN, left: MARGIN, right: MARGIN, bottom: MARGIN + FOOTER },
    bufferPages: true,
    title: `${recapTitle(report)}, ${periodLabel(report.period)}`,
    createdAt: new Date(report.generatedAt),
  });
  write(doc, report);
  numberPages(doc);
  doc.end();
  return done;
}

function write(doc: PDFKit.PDFDocument, report: ComplaintRecapReport): void {
  const width = contentWidth(doc);
  doc.font(BOLD).fontSize(14).text(winAnsi(recapTitle(report)), { width });
  doc.font(BOLD).fontSize(10).text(winAnsi(periodLine(report.period)), { width });
  doc.font(REGULAR).fontSize(9);
  if (report.scope.opd) doc.text(winAnsi(`OPD: ${opdLabel(report.scope)}`), { width });
  doc.fillColor('#555555').text(winAnsi(`Dibuat ${wibStamp(report.generatedAt)}`), { width }).fillColor('black');

  heading(doc, 'Jumlah pengaduan');
  table(doc, [{ header: 'Uraian', width: 200 }, { header: 'Jumlah', width: 70, align: 'right' }], totalLabels.map(([key, label]) => [label, String(report.totals[key])]));

  heading(doc, 'Menurut kanal');
  const count = (label: string) => [{ header: label, width: 200 }, { header: 'Jumlah', width: 70, align: 'right' as const }];
  table(doc, count('Kanal'), [...report.byChannel.map((c) => [channelLabels[c.channel] ?? c.channel, String(c.count)]), ['Jumlah', String(report.totals.received)]], true);

  heading(doc, 'Menurut status');
  table(doc, count('Status'), [...report.byStatus.map((s) => [statusLabels[s.status] ?? s.status, String(s.count)]), ['Jumlah', String(report.totals.received)]], true);

  heading(doc, 'Tindak lanjut OPD');
  if (report.byOpd.length === 0) doc.font(REGULAR).fontSize(9).text('Tidak ada pengaduan yang diterima pada periode ini.');
  else
    table(
      doc,
      [
        { header: 'OPD', width: 235 },
        { header: 'Diterima', width: 70, align: 'right' },
        { header: 'Ditindaklanjuti', width: 70, align: 'right' },
        { header: 'Terbuka', width: 70, align: 'right' },
        { header: 'Terlambat', width: 70, align: 'right' },
      ],
      report.byOpd.map((o) => [opdLabel(o), String(o.received), String(o.answered), String(o.open), String(o.late)]),
    );

  heading(doc, 'Daftar pengaduan');
  if (report.complaints.length === 0) doc.font(REGULAR).fontSize(9).text('Tidak ada pengaduan yang diterima pada periode ini.');
  else
    table(
      doc,
      [
        { header: 'No.', width: 22, align: 'right' },
        { header: 'Nomor pelacakan', width: 76 },
        { header: 'Diterima (WIB)', width: 70 },
        { header: 'Kanal', width: 52 },
        { header: 'Perihal', width: 90 },
        { header: 'OPD', width: 85 },
        { header: 'Status', width: 60 },
        // Wide enough for "diperpanjang" on a line of its own (Ditunda, see lateLabel).
        { header: 'Terlambat', width: 60 },
      ],
      report.complaints.map((c, i) => [
        String(i + 1),
        c.trackingId,
        wibTime(c.receivedAt).slice(0, 16),
        channelLabels[c.channel] ?? c.channel,
        c.subject,
        c.opdName ?? c.opd ?? '',
        statusLabels[c.status] ?? c.status,
        lateLabel(c).replace('/', '/ '),
      ]),
    );

  initials(doc);
}

export const contentWidth = (doc: PDFKit.PDFDocument) => doc.page.width - doc.page.margins.left - doc.page.margins.right;
const pageBottom = (doc: PDFKit.PDFDocument) => doc.page.height - doc.page.margins.bottom;

/** A section heading, on a new page when it would stand alone at the foot of one. */
export function heading(doc: PDFKit.PDFDocument, text: string): void {
  if (doc.y + 60 > pageBottom(doc)) doc.addPage();
  doc.moveDown(0.8).font(BOLD).fontSize(11).text(text, doc.page.margins.left, doc.y).moveDown(0.3);
}

/**
 * A ruled table at the left margin: cells wrap within their column, a row that does not fit
 * starts a new page, and the header repeats there. `totalRow`: the last row is a sum, in bold.
 */
export function table(doc: PDFKit.PDFDocument, columns: Column[], rows: string[][], totalRow = false): void {
  const left = doc.page.margins.left;
  doc.fontSize(8);
  const heightOf = (cells: string[], font: string) => {
    doc.font(font);
    return Math.max(...cells.map((cell, i) => doc.heightOfString(winAnsi(cell) || ' ', { width: columns[i].width - 2 * PAD }))) + 2 * PAD;
  };
  const drawRow = (cells: string[], font: string, fill?: string) => {
    const height = heightOf(cells, font);
    const top = doc.y;
    let x = left;
    cells.forEach((cell, i) => {
      const { width, align } = columns[i];
      if (fill) doc.rect(x, top, width, height).fill(fill).fillColor('black');
      doc.rect(x, top, width, height).lineWidth(0.5).stroke('#777777');
      doc.font(font).text(winAnsi(cell), x + PAD, top + PAD, { width: width - 2 * PAD, align: align ?? 'left' });
      x += width;
    });
    doc.x = left;
    doc.y = top + height;
  };
  const header = columns.map((c) => c.header);
  const drawHeader = () => drawRow(header, BOLD, '#E8EEF4');
  if (doc.y + heightOf(header, BOLD) + heightOf(rows[0] ?? header, REGULAR) > pageBottom(doc)) doc.addPage();
  drawHeader();
  rows.forEach((cells, i) => {
    const font = totalRow && i === rows.length - 1 ? BOLD : REGULAR;
    if (doc.y + heightOf(cells, font) > pageBottom(doc)) {
      doc.addPage();
      drawHeader();
    }
    drawRow(cells, font);
  });
}

/** SOP 555/03: the report is drawn up by the Admin Utama and checked and initialled by the Kasi and the Kabid. */
function initials(doc: PDFKit.PDFDocument): void {
  const boxHeight = 60;
  if (doc.y + 20 + boxHeight > pageBottom(doc)) doc.addPage();
  else doc.y += 20;
  const width = contentWidth(doc) / 3;
  const top = doc.y;
  ['Disusun oleh Admin Utama', 'Diperiksa dan diparaf Kasi', 'Diperiksa dan diparaf Kabid'].forEach((label, i) => {
    const x = doc.page.margins.left + i * width;
    doc.rect(x, top, width, boxHeight).lineWidth(0.5).stroke('#777777');
    doc.font(REGULAR).fontSize(8).text(label, x + PAD, top + PAD, { width: width - 2 * PAD, align: 'center' });
  });
  doc.x = doc.page.margins.left;
  doc.y = top + boxHeight;
}

/** "Halaman 2 dari 3" at the foot of every page, once the number of pages is known. */
export function numberPages(doc: PDFKit.PDFDocument): void {
  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    // Below the bottom margin: without lifting it pdfkit would start a new page for the line.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font(REGULAR).fontSize(8).fillColor('#555555').text(`Halaman ${i - start + 1} dari ${count}`, doc.page.margins.left, doc.page.height - MARGIN, {
      width: contentWidth(doc),
      align: 'center',
      lineBreak: false,
    });
    doc.fillColor('black');
    doc.page.margins.bottom = bottom;
  }
}
