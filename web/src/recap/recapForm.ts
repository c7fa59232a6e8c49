import type { ComplaintRecapReport, RecapPeriod, RecapQueryLink } from '../../../src/contract/recap';
import { formatDate, monthName, t } from '../i18n';

/** The period types the SOPs recap over: Kapuas Hulu's month, 555/03's triwulan, any days (555/06's daily recap). */
export const periodKinds = ['bulan', 'triwulan', 'rentang'] as const;
export type PeriodKind = (typeof periodKinds)[number];

/** The form as its inputs hold it. */
export interface RecapForm {
  district: string;
  kind: PeriodKind;
  year: string;
  month: string;
  quarter: string;
  from: string;
  to: string;
}

const ROMAN = ['I', 'II', 'III', 'IV'];
const pad = (n: number | string) => String(n).padStart(2, '0');

/** Until the server answers: this quarter by the browser's clock, in WIB. */
export function initialForm(now = new Date()): RecapForm {
  const wib = new Date(now.getTime() + 7 * 3_600_000);
  const month = wib.getUTCMonth() + 1;
  return { district: '', kind: 'triwulan', year: String(wib.getUTCFullYear()), month: String(month), quarter: String(Math.ceil(month / 3)), from: '', to: '' };
}

/** The form showing the district and period a recap covers. */
export function formOf(report: ComplaintRecapReport): RecapForm {
  const p = report.period;
  const base = { ...initialForm(), district: report.district, from: p.from, to: p.to };
  if (p.kind === 'month') return { ...base, kind: 'bulan', year: String(p.year), month: String(p.month), quarter: String(Math.ceil(p.month / 3)) };
  if (p.kind === 'quarter') return { ...base, kind: 'triwulan', year: String(p.year), quarter: String(p.quarter), month: String((p.quarter - 1) * 3 + 1) };
  return { ...base, kind: 'rentang', year: p.from.slice(0, 4) };
}

/** What GET /api/recap (and its CSV) is asked for a form; the district only where the form offers it. */
export function queryOf(form: RecapForm, withDistrict: boolean): Record<string, string | undefined> {
  const district = withDistrict && form.district ? form.district : undefined;
  if (form.kind === 'rentang') return { district, from: form.from, to: form.to };
  return { district, period: form.kind === 'bulan' ? `${form.year}-${pad(form.month)}` : `${form.year}-Q${form.quarter}` };
}

export const quarterName = (quarter: number) => ROMAN[quarter - 1];

/** A WIB day (yyyy-MM-dd) as a date in the user's language. */
const dayLabel = (day: string) => formatDate(`${day}T00:00:00+07:00`);

/** A recap's query (`period` yyyy-MM or yyyy-Qn, or `from`/`to`) in words, as periodLabel says it. */
export function queryLabel(q: RecapQueryLink): string {
  const quarter = q.period?.match(/^(\d{4})-Q([1-4])$/);
  if (quarter) return t('recap.period.quarter', { quarter: quarterName(Number(quarter[2])), year: quarter[1] });
  const month = q.period?.match(/^(\d{4})-(\d{2})$/);
  if (month) return t('recap.period.month', { month: monthName(Number(month[2])), year: month[1] });
  if (q.from && q.to) return q.from === q.to ? dayLabel(q.from) : t('recap.period.range', { from: dayLabel(q.from), to: dayLabel(q.to) });
  return '';
}

/** "Triwulan IV 2026", "November 2026", "1 Okt 2026 s.d. 15 Okt 2026". */
export function periodLabel(p: RecapPeriod): string {
  if (p.kind === 'quarter') return t('recap.period.quarter', { quarter: quarterName(p.quarter), year: p.year });
  if (p.kind === 'month') return t('recap.period.month', { month: monthName(p.month), year: p.year });
  return p.from === p.to ? dayLabel(p.from) : t('recap.period.range', { from: dayLabel(p.from), to: dayLabel(p.to) });
}
