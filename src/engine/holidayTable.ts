import type { Queryable } from '../db/database';
import type { WorkingCalendarProvider } from './calendarProvider';
import { deleteHoliday, listHolidays, upsertHoliday, type Holiday } from './holidays';

/** The holiday table as admins edit it; every change reaches this process's working calendar at once. */
export class HolidayTable {
  constructor(
    private readonly db: Queryable,
    private readonly calendars: WorkingCalendarProvider,
  ) {}

  list(year?: number): Promise<Holiday[]> {
    return listHolidays(this.db, year);
  }

  async put(h: { date: string; name: string }): Promise<Holiday> {
    const saved = await upsertHoliday(this.db, h);
    this.calendars.invalidate();
    return saved;
  }

  /** False when there was no holiday on that date. */
  async remove(date: string): Promise<boolean> {
    const removed = await deleteHoliday(this.db, date);
    if (removed) this.calendars.invalidate();
    return removed;
  }
}
