import type { Queryable } from '../db/database';
import { loadHolidaySet } from './holidays';
import { WorkingCalendar } from './workingCalendar';

/** Hands out the working calendar with the current holiday table. */
export interface WorkingCalendarProvider {
  get(): Promise<WorkingCalendar>;
  /** Forget the cached holidays (after an edit in this process). */
  invalidate(): void;
}

/**
 * The calendar is rebuilt only when the holiday table's version (migration 19, bumped by a trigger
 * on every change) differs from the one it was built from: one primary-key read per use, and a
 * holiday another app process added counts here at once.
 */
export function createCalendarProvider(db: Queryable): WorkingCalendarProvider {
  let cached: { version: number; calendar: Promise<WorkingCalendar> } | undefined;
  return {
    async get() {
      const { rows } = await db.query<{ version: number | string }>('select version from calendar_version where id = 1');
      const version = Number(rows[0]?.version ?? 0);
      if (!cached || cached.version !== version) {
        const calendar = loadHolidaySet(db).then((holidays) => new WorkingCalendar({ holidays }));
        const entry = { version, calendar };
        cached = entry;
        calendar.catch(() => {
          if (cached === entry) cached = undefined;
        });
      }
      return cached.calendar;
    },
    invalidate() {
      cached = undefined;
    },
  };
}
