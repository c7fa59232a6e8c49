import { DateTime } from 'luxon';
import type { Queryable } from '../db/database';
import type { District } from './opds';

/**
 * Tracking IDs: `KPS-2026-000123` (Kapuas), `KPH-2026-000045` (Kapuas Hulu). The number counts
 * per district and year; it is what a reporter quotes on the phone, so it stays short and
 * readable, and it is also the business key of the complaint's process instances.
 */
export const trackingPrefix: Record<District, string> = { kapuas: 'KPS', 'kapuas-hulu': 'KPH' };

const pattern = /^(KPS|KPH)-(\d{4})-(\d{6,9})$/;

export function formatTrackingId(district: District, year: number, n: number): string {
  return `${trackingPrefix[district]}-${year}-${String(n).padStart(6, '0')}`;
}

/** The canonical form of what someone typed (case and surrounding space forgiven), or undefined. */
export function normalizeTrackingId(value: string): string | undefined {
  const id = value.trim().toUpperCase();
  return pattern.test(id) ? id : undefined;
}

/** The year a complaint is counted in: the calendar year in the districts' zone. */
export function trackingYear(at: Date, zone: string): number {
  return DateTime.fromJSDate(at, { zone }).year;
}

/**
 * Takes the next number inside the caller's transaction. The upsert locks the counter row until
 * the transaction ends, so concurrent intakes queue on it and never share a number; a rollback
 * gives the number back.
 */
export async function takeNextNumber(tx: Queryable, district: District, year: number): Promise<number> {
  const { rows } = await tx.query<{ last: number }>(
    `insert into complaint_counters (district, year, last) values ($1, $2, 1)
     on conflict (district, year) do update set last = complaint_counters.last + 1
     returning last`,
    [district, year],
  );
  return rows[0].last;
}
