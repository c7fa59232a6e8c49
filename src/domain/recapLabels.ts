import { DateTime } from 'luxon';
import type { Channel, ComplaintStatus, District } from '../contract/complaints';
import type { ComplaintRecapReport, RecapPeriod } from '../contract/recap';
import { WIB } from './auditInstances';

/**
 * The recap's words in Bahasa Indonesia for the files the server writes (CSV, XLSX, PDF): the
 * files go to people who print and sign them, so they read like the web page's recap does.
 */

/** Spelled as the SOPs and the web app spell them, so the sheet reads like the page. */
export const channelLabels: Record<Channel, string> = {
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

export const statusLabels: Record<ComplaintStatus, string> = {
  diterima: 'Diterima',
  diproses: 'Diproses',
  selesai: 'Selesai',
  'tidak-ditindaklanjuti': 'Tidak ditindaklanjuti',
  'diteruskan-ombudsman': 'Diteruskan ke Ombudsman RI',
};

export const districtLabels: Record<District, string> = {
  kapuas: 'Kabupaten Kapuas',
  'kapuas-hulu': 'Kabupaten Kapuas Hulu',
};

/** The totals under the names the web page gives them, in its order. */
export const totalLabels: [keyof ComplaintRecapReport['totals'], string][] = [
  ['received', 'Pengaduan diterima'],
  ['answered', 'Ditindaklanjuti'],
  ['finished', 'Ditutup'],
  ['open', 'Masih terbuka'],
  ['late', 'Terlambat'],
];

/**
 * The recap's "Terlambat" cell of one complaint: late, or extended by a superior (Ditunda) and
 * within its new deadline ("Ditunda/diperpanjang"), or neither.
 */
export const lateLabel = (c: { late: boolean; extended?: boolean }): string => (c.late ? 'Ya' : c.extended ? 'Ditunda/diperpanjang' : 'Tidak');

const monthNames = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];
const quarterNames = ['I', 'II', 'III', 'IV'];

/** `2026-10-01` as "1 Oktober 2026". */
export const dayLabel = (day: string): string => {
  const [y, m, d] = day.split('-').map(Number);
  return `${d} ${monthNames[m - 1]} ${y}`;
};

/** "Triwulan IV 2026", "November 2026", "1 Oktober 2026 s.d. 15 Oktober 2026" (as the web page titles it). */
export function periodLabel(p: RecapPeriod): string {
  if (p.kind === 'quarter') return `Triwulan ${quarterNames[p.quarter - 1]} ${p.year}`;
  if (p.kind === 'month') return `${monthNames[p.month - 1]} ${p.year}`;
  return p.from === p.to ? dayLabel(p.from) : `${dayLabel(p.from)} s.d. ${dayLabel(p.to)}`;
}

/** The title every recap file carries: "Rekap Pengaduan LAPOR!-SP4N Kabupaten Kapuas". */
export const recapTitle = (r: ComplaintRecapReport): string => `Rekap Pengaduan LAPOR!-SP4N ${districtLabels[r.district]}`;

/** "Periode: Triwulan IV 2026 (1 Oktober 2026 s.d. 31 Desember 2026)"; a range says its days once. */
export const periodLine = (p: RecapPeriod): string =>
  p.kind === 'range' ? `Periode: ${periodLabel(p)}` : `Periode: ${periodLabel(p)} (${dayLabel(p.from)} s.d. ${dayLabel(p.to)})`;

/** An instant as the districts' clocks show it, to the minute: "16 November 2026 09:00 WIB". */
export const wibStamp = (at: string): string => {
  const d = DateTime.fromISO(at, { zone: WIB });
  return `${d.day} ${monthNames[d.month - 1]} ${d.year} ${d.toFormat('HH:mm')} WIB`;
};

export const opdLabel = (o: { opd: string | null; opdName: string | null }): string => o.opdName ?? o.opd ?? '(belum ada OPD)';

/** `rekap-pengaduan-kapuas-2026-Q4.csv`, `…-2026-11.xlsx`, or `…-2026-10-01_2026-10-15.pdf`; an OPD's share names it. */
export function recapFileName(report: ComplaintRecapReport, extension: 'csv' | 'xlsx' | 'pdf'): string {
  const p = report.period;
  const when =
    p.kind === 'quarter' ? `${p.year}-Q${p.quarter}` : p.kind === 'month' ? `${p.year}-${String(p.month).padStart(2, '0')}` : `${p.from}_${p.to}`;
  return `rekap-pengaduan-${report.district}${report.scope.opd ? `-${report.scope.opd}` : ''}-${when}.${extension}`;
}
