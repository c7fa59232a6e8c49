import type { ComplaintRecapReport } from '../contract/recap';
import { channelLabels, lateLabel, recapFileName, statusLabels } from './recapLabels';
import { csvRows, wibTime } from './spreadsheetCsv';

/**
 * The recap's list of complaints as a spreadsheet: SOP 555/03's "print-out of all reports", one
 * row a complaint, for the Admin Utama to sort, filter and pivot. The counts are the web page's.
 */

const header = ['no', 'nomor pelacakan', 'diterima', 'kanal', 'perihal', 'opd', 'status', 'dijawab', 'ditutup', 'terlambat'];

const time = (at: string | null) => (at ? wibTime(at) : '');

export function recapCsv(report: ComplaintRecapReport): string {
  const rows = report.complaints.map((c, i) => [
    String(i + 1),
    c.trackingId,
    time(c.receivedAt),
    channelLabels[c.channel] ?? c.channel,
    c.subject,
    c.opdName ?? c.opd ?? '',
    statusLabels[c.status] ?? c.status,
    time(c.answeredAt),
    time(c.closedAt),
    lateLabel(c).toLowerCase(),
  ]);
  return csvRows([header, ...rows]);
}

/** `rekap-pengaduan-kapuas-2026-Q4.csv` (see recapFileName). */
export const recapCsvName = (report: ComplaintRecapReport): string => recapFileName(report, 'csv');
