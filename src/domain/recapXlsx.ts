import ExcelJS from 'exceljs';
import type { ComplaintRecapReport } from '../contract/recap';
import { channelLabels, opdLabel, periodLine, recapTitle, statusLabels, totalLabels, wibStamp } from './recapLabels';

/**
 * The recap as an Excel workbook (SOP 555/03's quarterly report as the Admin Utama hands it on):
 * a summary sheet with the web page's counts and a sheet listing every complaint of the period.
 * Counts are numbers and times are dates, so the Kasi can sum, sort and filter without
 * converting text; cells are values only (no formulas), so a subject like "=1+1" stays text.
 */

const WIB_OFFSET_MS = 7 * 60 * 60 * 1000;
const DATE_FORMAT = 'dd/mm/yyyy hh:mm';

/**
 * A spreadsheet date has no time zone: exceljs writes a Date's UTC fields. The districts read
 * WIB, so the cell gets a Date whose UTC fields are the WIB wall-clock time.
 */
export const wibWallClock = (at: string): Date => new Date(Date.parse(at) + WIB_OFFSET_MS);

const listHeader = ['No.', 'Nomor pelacakan', 'Diterima', 'Kanal', 'Perihal', 'OPD', 'Status', 'Dijawab', 'Ditutup', 'Terlambat'];
/** The list's columns holding a time (1-based, as exceljs counts). */
const dateColumns = [3, 8, 9];

export async function recapXlsx(report: ComplaintRecapReport): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'LAPOR!-SP4N SOP';
  // Dated when the recap was made, so the same recap gives the same file.
  book.created = book.modified = new Date(report.generatedAt);
  summarySheet(book, report);
  listSheet(book, report);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** The title rows both sheets start with: district, period, the OPD of a share, when it was made. */
function titleRows(sheet: ExcelJS.Worksheet, report: ComplaintRecapReport): void {
  addRow(sheet, [recapTitle(report)]).font = { bold: true, size: 14 };
  addRow(sheet, [periodLine(report.period)]).font = { bold: true };
  addRow(sheet, [report.scope.opd ? `OPD: ${opdLabel(report.scope)}` : 'Semua OPD']);
  addRow(sheet, [`Dibuat ${wibStamp(report.generatedAt)}`]).font = { italic: true, color: { argb: 'FF555555' } };
  addRow(sheet, []);
}

export function headingRow(sheet: ExcelJS.Worksheet, cells: string[]): void {
  const row = addRow(sheet, cells);
  row.font = { bold: true };
  row.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF4' } };
    cell.border = { bottom: { style: 'thin' } };
  });
}

function summarySheet(book: ExcelJS.Workbook, report: ComplaintRecapReport): void {
  const sheet = book.addWorksheet('Ringkasan', { pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  titleRows(sheet, report);
  const section = (title: string) => {
    addRow(sheet, []);
    addRow(sheet, [title]).font = { bold: true, size: 12 };
  };
  addRow(sheet, ['Jumlah pengaduan']).font = { bold: true, size: 12 };
  for (const [key, label] of totalLabels) addRow(sheet, [label, report.totals[key]]);

  section('Menurut kanal');
  headingRow(sheet, ['Kanal', 'Jumlah']);
  for (const c of report.byChannel) addRow(sheet, [channelLabels[c.channel] ?? c.channel, c.count]);
  addRow(sheet, ['Jumlah', report.totals.received]).font = { bold: true };

  section('Menurut status');
  headingRow(sheet, ['Status', 'Jumlah']);
  for (const s of report.byStatus) addRow(sheet, [statusLabels[s.status] ?? s.status, s.count]);
  addRow(sheet, ['Jumlah', report.totals.received]).font = { bold: true };

  section('Tindak lanjut OPD');
  headingRow(sheet, ['OPD', 'Diterima', 'Ditindaklanjuti', 'Terbuka', 'Terlambat']);
  for (const o of report.byOpd) addRow(sheet, [opdLabel(o), o.received, o.answered, o.open, o.late]);
  if (report.byOpd.length === 0) addRow(sheet, ['Tidak ada pengaduan yang diterima pada periode ini.']);

  // The first column holds the labels and OPD names; the title rows overflow into the empty cells beside them.
  sheet.getColumn(1).width = fit([...totalLabels.map(([, l]) => l), ...report.byOpd.map(opdLabel), ...Object.values(statusLabels)], 14);
  for (const i of [2, 3, 4, 5]) sheet.getColumn(i).width = 15;
  for (const i of [2, 3, 4, 5]) sheet.getColumn(i).numFmt = '0';
  sheet.views = [{ state: 'frozen', ySplit: 2 }];
}

function listSheet(book: ExcelJS.Workbook, report: ComplaintRecapReport): void {
  const sheet = book.addWorksheet('Daftar Pengaduan', { pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  titleRows(sheet, report);
  headingRow(sheet, listHeader);
  const headerRow = sheet.rowCount;
  report.complaints.forEach((c, i) =>
    addRow(sheet, [
      i + 1,
      c.trackingId,
      wibWallClock(c.receivedAt),
      channelLabels[c.channel] ?? c.channel,
      c.subject,
      c.opdName ?? c.opd ?? null,
      statusLabels[c.status] ?? c.status,
      c.answeredAt ? wibWallClock(c.answeredAt) : null,
      c.closedAt ? wibWallClock(c.closedAt) : null,
      c.late ? 'Ya' : 'Tidak',
    ]),
  );
  if (report.complaints.length === 0) addRow(sheet, ['Tidak ada pengaduan yang diterima pada periode ini.']);
  const texts = (pick: (c: ComplaintRecapReport['complaints'][number]) => string) => report.complaints.map(pick);
  const widths = [
    6,
    fit(texts((c) => c.trackingId), 16),
    17,
    fit(texts((c) => channelLabels[c.channel] ?? c.channel), 10),
    fit(texts((c) => c.subject), 12, 60),
    fit(texts((c) => c.opdName ?? c.opd ?? ''), 8, 45),
    fit(texts((c) => statusLabels[c.status] ?? c.status), 10),
    17,
    17,
    11,
  ];
  widths.forEach((w, i) => (sheet.getColumn(i + 1).width = w));
  for (const col of dateColumns) sheet.getColumn(col).numFmt = DATE_FORMAT;
  sheet.getColumn(1).numFmt = '0';
  // Long subjects wrap inside their (capped) column rather than running over the next.
  sheet.getColumn(5).alignment = { wrapText: true, vertical: 'top' };
  sheet.views = [{ state: 'frozen', ySplit: headerRow }];
  if (report.complaints.length > 0) sheet.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: headerRow, column: listHeader.length } };
}

/**
 * Adds a row of values. XML 1.0 has no place for most control characters: one in a subject
 * (JSON lets \u0001 through) would make a file no spreadsheet opens, so it is shown as "?".
 */
export function addRow(sheet: ExcelJS.Worksheet, cells: unknown[]): ExcelJS.Row {
  return sheet.addRow(cells.map((c) => (typeof c === 'string' ? xmlText(c) : c)));
}

export const xmlText = (text: string): string => text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '?');

/** A column width (in characters) that fits the longest of `texts`, at least `min`, at most `max`. */
export function fit(texts: string[], min: number, max = 50): number {
  return Math.min(max, Math.max(min, ...texts.map((t) => t.length + 2)));
}
