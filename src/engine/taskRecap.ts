import { DateTime } from 'luxon';
import type { RecapQueryLink } from '../contract/recap';
import type { RecapRule } from './taskForms';

/**
 * Which complaint recap an SOP step with the task property `rekap` works on, in the districts'
 * zone. A periodic report's instance starts when its period begins, so it reports on the period
 * before: a quarterly report started on 1 April is about January–March (`triwulan-lalu`), Kapuas
 * Hulu's monthly recap started on 1 December about November (`bulan-lalu`). A daily recap
 * (`hari-ini`, SOP 555/06) is about the day the step came to the Kasi.
 */
export function recapOf(
  rule: RecapRule,
  at: { instanceStartedAt: Date; taskCreatedAt: Date },
  district: string | null,
  zone: string,
): RecapQueryLink {
  if (rule === 'hari-ini') {
    const day = DateTime.fromJSDate(at.taskCreatedAt, { zone }).toISODate()!;
    return { district, from: day, to: day };
  }
  const started = DateTime.fromJSDate(at.instanceStartedAt, { zone });
  if (rule === 'bulan-lalu') return { district, period: started.minus({ months: 1 }).toFormat('yyyy-MM') };
  const previous = started.minus({ months: 3 });
  return { district, period: `${previous.year}-Q${previous.quarter}` };
}
