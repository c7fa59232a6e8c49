import { t } from '../i18n';
import type { TaskSla } from './types';

/** One working day of the districts' offices: 07:30–12:00 and 13:00–16:00. */
export const WORKING_DAY_MS = 7.5 * 3_600_000;
const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

/** "2 hari 3 jam": whole working days and hours, minutes only when less than an hour is left. */
export function workingDuration(ms: number): string {
  const abs = Math.abs(ms);
  const days = Math.floor(abs / WORKING_DAY_MS);
  const hours = Math.floor((abs % WORKING_DAY_MS) / HOUR_MS);
  const parts: string[] = [];
  if (days) parts.push(t('worklist.sla.days', { n: days }));
  if (hours) parts.push(t('worklist.sla.hours', { n: hours }));
  if (!parts.length) parts.push(t('worklist.sla.minutes', { n: Math.floor(abs / MINUTE_MS) }));
  return parts.join(' ');
}

/** The badge's words: "sisa 2 hari 3 jam kerja", "terlambat 1 hari kerja", "tanpa tenggat", "Diperpanjang · sisa 1 hari kerja". */
export function slaText(sla: TaskSla): string {
  if (sla.remainingWorkingMs === null) return t('worklist.sla.noDue');
  const time = workingDuration(sla.remainingWorkingMs);
  if (sla.state === 'red') return t('worklist.sla.late', { time });
  const left = t('worklist.sla.left', { time });
  const text = sla.state === 'amber' ? t('worklist.sla.soon', { text: left }) : left;
  // Within a deadline a superior extended (Ditunda): "Diperpanjang", never late.
  return sla.extendedFrom ? t('worklist.sla.extended', { text }) : text;
}
