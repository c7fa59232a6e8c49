import { DateTime } from 'luxon';
import { WIB } from './auditInstances';

/**
 * CSV files staff open in Excel or LibreOffice (an instance's history, the complaint recap):
 * UTF-8 that Excel reads as such, RFC 4180 quoting, no cell a spreadsheet would run, times in WIB.
 */

/**
 * A cell as RFC 4180 wants it, and harmless in a spreadsheet: text starting with = + - @ (or a
 * tab/CR that some programs skip) would run as a formula, so it gets a leading apostrophe.
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvRows(rows: string[][]): string {
  // The BOM makes Excel read UTF-8 (names like "Dinas Pekerjaan Umum" with non-ASCII are common).
  return `\uFEFF${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

/** An instant as the districts' clocks show it, to the second. */
export const wibTime = (at: string) => DateTime.fromISO(at, { zone: WIB }).toFormat('yyyy-MM-dd HH:mm:ss');
