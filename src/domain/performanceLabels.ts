import type { SopPerformanceReport } from '../contract/performance';
import { districtLabels, periodLabel } from './recapLabels';

/** The SOP performance files' words (Bahasa Indonesia, like the recap's). */

/** A working day of the default calendar (07:30–12:00, 13:00–16:00): 7.5 hours. */
const WORKING_HOUR_MS = 3_600_000;

/** Working milliseconds as working hours, two decimals: a number a spreadsheet sums. */
export const workingHours = (ms: number | null): number | null => (ms === null ? null : Math.round((ms / WORKING_HOUR_MS) * 100) / 100);

/** "Kinerja SOP sop-555-05 versi 2 — Kabupaten Kapuas". */
export function performanceTitle(r: SopPerformanceReport): string {
  const where = r.district ? ` ${districtLabels[r.district as keyof typeof districtLabels]}` : '';
  return `Kinerja SOP ${r.processName ?? r.processKey} (${r.processKey} versi ${r.version})${where}`;
}

export const performanceScopeLine = (r: SopPerformanceReport): string => (r.opd ? `OPD: ${r.opdName ?? r.opd}` : 'Semua OPD');

/** The columns of both files, in order. */
export const performanceHeader = [
  'Kegiatan',
  'Standar waktu',
  'Selesai',
  'Tepat waktu',
  'Terlambat',
  'Tepat waktu (%)',
  'Rata-rata (jam kerja)',
  'Median (jam kerja)',
  'Persentil 90 (jam kerja)',
  'Terlama (jam kerja)',
  'Tunggu diambil, rata-rata (jam kerja)',
];

export const percentileNote = 'Median dan persentil 90 adalah perkiraan dari kelompok durasi (skala logaritmik); terlama dan rata-rata adalah nilai tepat. Durasi dihitung dalam jam kerja.';

/** `kinerja-sop-555-05-v2-2026-Q4.xlsx`; an OPD's share names it. */
export function performanceFileName(r: SopPerformanceReport, extension: 'xlsx' | 'pdf'): string {
  const p = r.period;
  const when = p.kind === 'quarter' ? `${p.year}-Q${p.quarter}` : p.kind === 'month' ? `${p.year}-${String(p.month).padStart(2, '0')}` : `${p.from}_${p.to}`;
  return `kinerja-${r.processKey}-v${r.version}${r.opd ? `-${r.opd}` : ''}-${when}.${extension}`.replace(/[^A-Za-z0-9._-]/g, '_');
}

export const periodTitle = (r: SopPerformanceReport): string => periodLabel(r.period);
