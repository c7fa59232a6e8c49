import type { Queryable } from '../db/database';
import { loadHolidaySet } from './holidays';
import { WorkingCalendar } from './workingCalendar';

/** Hands out the working calendar with the current holiday table, re-read at most every `ttlMs`. */
export interface WorkingCalendarProvider {
  get(): Promise<WorkingCalendar>;
  /** Forget the cached holidays (after an edit in this process). */
  invalidate(): void;
}

export function createCalendarProvider(db: Queryable, ttlMs = 30_000): WorkingCalendarProvider {
  let cached: { at: number; calendar: Promise<WorkingCalendar> } | undefined;
  return {
    get() {
      // Holiday edits by another app process reach this one within ttlMs.
      if (!cached || Date.now() - cached.at > ttlMs) {
        const calendar = loadHolidaySet(db).then((holidays) => new WorkingCalendar({ holidays }));
        cached = { at: Date.now(), calendar };
        calendar.catch(() => (cached = undefined));
      }
      return cached.calendar;
    },
    invalidate() {
      cached = undefined;
    },
  };
}
