import type { SopSheet } from './model';

/**
 * The procedure table's column widths as fractions of the page width, shared by the HTML and the
 * PDF: No, Aktivitas, one per Pelaksana, [Input], Persyaratan/Kelengkapan, Waktu, Output,
 * Keterangan. The Pelaksana share one block, so a sheet with six lanes keeps its text readable.
 */
export function columnWidths(sheet: Pick<SopSheet, 'lanes' | 'hasInput'>): number[] {
  const lanesShare = sheet.hasInput ? 0.3 : 0.37;
  const lane = lanesShare / sheet.lanes.length;
  return [0.03, 0.17, ...sheet.lanes.map(() => lane), ...(sheet.hasInput ? [0.07] : []), 0.12, 0.06, 0.11, 0.14];
}
