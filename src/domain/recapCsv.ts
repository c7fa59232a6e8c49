import type { Channel, ComplaintStatus } from '../contract/complaints';
import type { ComplaintRecapReport } from '../contract/recap';
import { csvRows, wibTime } from './spreadsheetCsv';

/**
 * The recap's list of complaints as a spreadsheet: SOP 555/03's "print-out of all reports", one
 * row a complaint, for the Admin Utama to sort, filter and pivot. The counts are the web page's.
 */

const header = ['no', 'nomor pelacakan', 'diterima', 'kanal', 'perihal', 'opd', 'status', 'dijawab', 'ditutup', 'terlambat'];

/** Spelled as the SOPs and the web app spell them, so the sheet reads like the page. */
const channelLabels: Record<Channel, string> = {
  lapor: 'LAPOR! (SP4N)',
  sms: 'SMS',
  whatsapp: 'WhatsApp',
  instagram: 'Instagram',
  twitter: 'Twitter / X',
  facebook: 'Facebook',
  'surat-kabar': 'Surat kabar',
  email: 'Surel (e-mail)',
  surat: 'Surat',
  'datang-langsung': 'Datang langsung',
  'kanal-internal-opd': 'Kanal internal OPD',
};

const statusLabels: Record<ComplaintStatus, string> = {
  diterima: 'Diterima',
  diproses: 'Diproses',
  selesai: 'Selesai',
  'tidak-ditindaklanjuti': 'Tidak ditindaklanjuti',
  'diteruskan-ombudsman': 'Diteruskan ke Ombudsman RI',
};

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
    c.late ? 'ya' : 'tidak',
  ]);
  return csvRows([header, ...rows]);
}

/** `rekap-pengaduan-kapuas-2026-Q4.csv`, `…-2026-11.csv`, or `…-2026-10-01_2026-10-15.csv`. */
export function recapCsvName(report: ComplaintRecapReport): string {
  const p = report.period;
  const when =
    p.kind === 'quarter' ? `${p.year}-Q${p.quarter}` : p.kind === 'month' ? `${p.year}-${String(p.month).padStart(2, '0')}` : `${p.from}_${p.to}`;
  return `rekap-pengaduan-${report.district}${report.scope.opd ? `-${report.scope.opd}` : ''}-${when}.csv`;
}
