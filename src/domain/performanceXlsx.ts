import ExcelJS from 'exceljs';
import type { SopPerformanceReport } from '../contract/performance';
import { percentileNote, performanceHeader, performanceScopeLine, performanceTitle, workingHours } from './performanceLabels';
import { periodLine, wibStamp } from './recapLabels';
import { addRow, fit, headingRow } from './recapXlsx';

/**
 * SOP performance as an Excel workbook: the title rows (SOP, district, period, OPD), then one row
 * per activity. Counts and hours are numbers, the share on time a percentage, so the figures
 * can be sorted and summed as they are.
 */
export async function performanceXlsx(report: SopPerformanceReport): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'LAPOR!-SP4N SOP';
  book.created = book.modified = new Date(report.generatedAt);
  const sheet = book.addWorksheet('Kinerja SOP', { pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  addRow(sheet, [performanceTitle(report)]).font = { bold: true, size: 14 };
  addRow(sheet, [periodLine(report.period)]).font = { bold: true };
  addRow(sheet, [performanceScopeLine(report)]);
  addRow(sheet, [`Dibuat ${wibStamp(report.generatedAt)}`]).font = { italic: true, color: { argb: 'FF555555' } };
  addRow(sheet, []);
  headingRow(sheet, performanceHeader);
  const headerRow = sheet.rowCount;
  for (const a of report.activities) {
    addRow(sheet, [
      a.name ?? a.elementId,
      a.standard,
      a.done,
      a.onTime,
      a.late,
      a.onTimeShare,
      workingHours(a.meanMs),
      workingHours(a.medianMs),
      workingHours(a.p90Ms),
      workingHours(a.maxMs),
      workingHours(a.waitMeanMs),
    ]);
  }
  if (report.activities.length === 0) addRow(sheet, ['Versi ini tidak memiliki kegiatan (user task).']);
  addRow(sheet, []);
  addRow(sheet, [percentileNote]).font = { italic: true };
  sheet.getColumn(1).width = fit(report.activities.map((a) => a.name ?? a.elementId), 16, 60);
  sheet.getColumn(2).width = fit(report.activities.map((a) => a.standard ?? ''), 12, 30);
  for (const c of [3, 4, 5]) {
    sheet.getColumn(c).width = 11;
    sheet.getColumn(c).numFmt = '0';
  }
  sheet.getColumn(6).width = 14;
  sheet.getColumn(6).numFmt = '0.0%';
  for (const c of [7, 8, 9, 10, 11]) {
    sheet.getColumn(c).width = 16;
    sheet.getColumn(c).numFmt = '0.00';
  }
  sheet.getRow(headerRow).alignment = { wrapText: true, vertical: 'top' };
  sheet.views = [{ state: 'frozen', ySplit: headerRow }];
  return Buffer.from(await book.xlsx.writeBuffer());
}
