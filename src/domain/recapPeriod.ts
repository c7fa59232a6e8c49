import { DateTime } from 'luxon';
import type { RecapPeriod } from '../contract/recap';
import { WIB } from './auditInstances';

export type { RecapPeriod };

/**
 * The periods the SOPs recap over: a month (Kapuas Hulu, activity 10), a quarter (triwulan:
 * SOP 555/03 and 555/04), or any run of days (555/06's daily recap is a range of one day).
 */

/** `2026-11` names a month, `2026-Q4` a quarter. */
export const PERIOD_PATTERN = /^(\d{4})-(?:(0[1-9]|1[0-2])|[Qq]([1-4]))$/;

/** The longest from/to range: a year, so an annual report fits and a typo of a decade does not load it all. */
export const MAX_RANGE_DAYS = 366;

type Quarter = 1 | 2 | 3 | 4;

const dayOf = (d: DateTime) => d.toFormat('yyyy-MM-dd');

export function monthPeriod(year: number, month: number): RecapPeriod {
  const start = DateTime.fromObject({ year, month, day: 1 }, { zone: WIB });
  return { kind: 'month', year, month, from: dayOf(start), to: dayOf(start.endOf('month')) };
}

export function quarterPeriod(year: number, quarter: Quarter): RecapPeriod {
  const start = DateTime.fromObject({ year, month: (quarter - 1) * 3 + 1, day: 1 }, { zone: WIB });
  return { kind: 'quarter', year, quarter, from: dayOf(start), to: dayOf(start.plus({ months: 2 }).endOf('month')) };
}

/** The month or quarter `text` names (see PERIOD_PATTERN); undefined when it names none. */
export function namedPeriod(text: string): RecapPeriod | undefined {
  const m = PERIOD_PATTERN.exec(text);
  if (!m) return undefined;
  return m[2] ? monthPeriod(Number(m[1]), Number(m[2])) : quarterPeriod(Number(m[1]), Number(m[3]) as Quarter);
}

/** The quarter a moment falls in, in WIB: the period of a recap asked for without one. */
export function quarterOf(at: Date): RecapPeriod {
  const d = DateTime.fromJSDate(at, { zone: WIB });
  return quarterPeriod(d.year, d.quarter as Quarter);
}

/** How many days from `from` to `to` (yyyy-MM-dd), both counted. */
export function daysIn(from: string, to: string): number {
  return DateTime.fromISO(to, { zone: WIB }).diff(DateTime.fromISO(from, { zone: WIB }), 'days').days + 1;
}
