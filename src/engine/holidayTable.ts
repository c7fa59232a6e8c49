import type { Queryable } from '../db/database';
import type { WorkingCalendarProvider } from './calendarProvider';
import type { Deadlines, DeadlinesMoved } from './deadlines';
import { deleteHoliday, listHolidays, upsertHoliday, type Holiday } from './holidays';

/**
 * The holiday table as admins edit it. Every change reaches the working calendar at once (in
 * every app process: calendarProvider reads the table's version) and moves the running deadlines
 * whose span crosses the day (src/engine/deadlines.ts).
 */
export class HolidayTable {
  constructor(
    private readonly db: Queryable,
    private readonly calendars: WorkingCalendarProvider,
    private readonly deadlines: Deadlines,
  ) {}

  list(year?: number): Promise<Holiday[]> {
    return listHolidays(this.db, year);
  }

  async put(h: { date: string; name: string }, actor: string | null = null): Promise<Holiday & { deadlinesMoved: DeadlinesMoved }> {
    const saved = await upsertHoliday(this.db, h);
    this.calendars.invalidate();
    const deadlinesMoved = await this.deadlines.recomputeAcross(saved.date, `hari libur ditambahkan: ${saved.name}`, actor);
    return { ...saved, deadlinesMoved };
  }

  /** Undefined when there was no holiday on that date. */
  async remove(date: string, actor: string | null = null): Promise<{ date: string; deadlinesMoved: DeadlinesMoved } | undefined> {
    const removed = await deleteHoliday(this.db, date);
    if (!removed) return undefined;
    this.calendars.invalidate();
    return { date, deadlinesMoved: await this.deadlines.recomputeAcross(date, 'hari libur dihapus', actor) };
  }
}
