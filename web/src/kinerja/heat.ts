import type { ActivityPerformance } from '../../../src/contract/performance';
import { lang, t } from '../i18n';

/** The heat of an activity by its share on time: green from 90%, amber from 70%, red below; none without data. */
export type Heat = 'green' | 'amber' | 'red' | 'none';

export function heatOf(a: Pick<ActivityPerformance, 'onTimeShare'>): Heat {
  if (a.onTimeShare === null) return 'none';
  if (a.onTimeShare >= 0.9) return 'green';
  if (a.onTimeShare >= 0.7) return 'amber';
  return 'red';
}

/** The marker class the diagram's element gets (styled in kinerja.css; the e2e test looks for it). */
export const heatClass = (h: Heat) => `heat-${h}`;

const HOUR = 3_600_000;
/** A working day of the calendar: 07:30–12:00 and 13:00–16:00. */
const WORKING_DAY = 7.5 * HOUR;

const number = (n: number, digits = 1) => n.toLocaleString(lang.get() === 'en' ? 'en-GB' : 'id-ID', { maximumFractionDigits: digits });

/** Working milliseconds in words: minutes, hours, or working days and hours. */
export function workingDuration(ms: number | null): string {
  if (ms === null) return '–';
  if (ms < HOUR) return t('kinerja.dur.minutes', { m: number(ms / 60_000, 0) });
  if (ms < WORKING_DAY) return t('kinerja.dur.hours', { h: number(ms / HOUR) });
  const days = Math.floor(ms / WORKING_DAY);
  return t('kinerja.dur.days', { d: days, h: number((ms - days * WORKING_DAY) / HOUR) });
}

export const sharePercent = (share: number | null): string => (share === null ? '–' : `${number(share * 100)}%`);

export function tooltipOf(a: ActivityPerformance): string {
  return t('kinerja.tooltip', {
    name: a.name ?? a.elementId,
    done: a.done,
    share: sharePercent(a.onTimeShare),
    median: workingDuration(a.medianMs),
    p90: workingDuration(a.p90Ms),
    max: workingDuration(a.maxMs),
    wait: workingDuration(a.waitMeanMs),
  });
}
