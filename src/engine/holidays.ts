import Holidays from 'date-holidays';
import { DateTime } from 'luxon';
import type { Holiday } from '../contract/admin';
import type { Queryable } from '../db/database';

/**
 * Public holidays (hari libur nasional) stored in PostgreSQL. Seeded from date-holidays and
 * edited by hand, because cuti bersama and shifted holidays are decreed every year (SKB 3 Menteri)
 * and no library knows them in advance.
 */
export type { Holiday };

const HOLIDAY_ZONE = 'Asia/Pontianak';
const SEED_SOURCE = 'date-holidays';
const MS_PER_DAY = 86_400_000;

/** Rows are read with to_char so pg and PGlite both give a plain 'yyyy-MM-dd' string. */
const HOLIDAY_COLUMNS = `to_char(date, 'YYYY-MM-DD') as date, name, source`;

export class HolidayInputError extends Error {}

function assertIsoDate(date: string): void {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !DateTime.fromISO(date, { zone: HOLIDAY_ZONE }).isValid) {
    throw new HolidayInputError(`Invalid holiday date "${date}": expected yyyy-MM-dd`);
  }
}

function assertYear(year: number): void {
  if (!Number.isInteger(year) || year < 1900 || year > 9999) throw new HolidayInputError(`Invalid year ${year}`);
}

/**
 * Indonesian public holidays of the given years, one entry per date. date-holidays starts
 * Islamic holidays at the previous sunset, so the civil date is taken from its `date` text,
 * not from `start`; the length (start..end) only tells how many dates a holiday covers.
 * Two holidays on one date (e.g. Natal and Maulid on 2027-12-25) become one entry naming both.
 */
export function indonesianPublicHolidays(years: number[]): Holiday[] {
  const calendar = new Holidays('ID', { types: ['public'], timezone: HOLIDAY_ZONE });
  const namesByDate = new Map<string, string[]>();
  for (const year of years) {
    assertYear(year);
    for (const h of calendar.getHolidays(year)) {
      if (h.type !== 'public') continue;
      for (const date of datesCovered(h.date, h.start, h.end)) {
        const names = namesByDate.get(date) ?? [];
        if (!names.includes(h.name)) names.push(h.name);
        namesByDate.set(date, names);
      }
    }
  }
  return [...namesByDate.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([date, names]) => ({ date, name: names.join(' / '), source: SEED_SOURCE }));
}

function datesCovered(dateText: string, start: Date, end: Date): string[] {
  const first = DateTime.fromISO(dateText.slice(0, 10), { zone: HOLIDAY_ZONE });
  const days = Math.max(1, Math.round((end.getTime() - start.getTime()) / MS_PER_DAY));
  return Array.from({ length: days }, (_, i) => first.plus({ days: i }).toISODate() ?? '');
}

/** Inserts the public holidays of `years`; dates already present (e.g. edited by hand) are kept. */
export async function seedIndonesianHolidays(db: Queryable, years: number[]): Promise<number> {
  const holidays = indonesianPublicHolidays(years);
  if (holidays.length === 0) return 0;
  const params: string[] = [];
  const values = holidays.map((h) => {
    params.push(h.date, h.name, h.source);
    const n = params.length;
    return `($${n - 2}::date, $${n - 1}, $${n})`;
  });
  const result = await db.query(
    `insert into holidays (date, name, source) values ${values.join(', ')} on conflict (date) do nothing`,
    params,
  );
  return result.rowCount;
}

export async function listHolidays(db: Queryable, year?: number): Promise<Holiday[]> {
  if (year === undefined) {
    const { rows } = await db.query<Holiday>(`select ${HOLIDAY_COLUMNS} from holidays order by holidays.date`);
    return rows;
  }
  assertYear(year);
  const { rows } = await db.query<Holiday>(
    `select ${HOLIDAY_COLUMNS} from holidays
     where holidays.date >= make_date($1::int, 1, 1) and holidays.date < make_date($1::int + 1, 1, 1)
     order by holidays.date`,
    [year],
  );
  return rows;
}

/** A hand-entered holiday replaces a seeded one on the same date: the decree wins over the library. */
export async function upsertHoliday(db: Queryable, h: { date: string; name: string }): Promise<Holiday> {
  assertIsoDate(h.date);
  const name = h.name.trim();
  if (name === '') throw new HolidayInputError('A holiday needs a name');
  const { rows } = await db.query<Holiday>(
    `insert into holidays (date, name, source) values ($1::date, $2, 'manual')
     on conflict (date) do update set name = excluded.name, source = excluded.source
     returning ${HOLIDAY_COLUMNS}`,
    [h.date, name],
  );
  return rows[0];
}

export async function deleteHoliday(db: Queryable, date: string): Promise<boolean> {
  assertIsoDate(date);
  const result = await db.query('delete from holidays where date = $1::date', [date]);
  return result.rowCount > 0;
}

export async function loadHolidaySet(db: Queryable): Promise<Set<string>> {
  const { rows } = await db.query<{ date: string }>(`select to_char(date, 'YYYY-MM-DD') as date from holidays`);
  return new Set(rows.map((r) => r.date));
}
