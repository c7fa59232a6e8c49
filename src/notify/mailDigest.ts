import { DateTime } from 'luxon';
import type { Database } from '../db/database';
import type { WorkingCalendarProvider } from '../engine/calendarProvider';
import type { WorkingCalendar } from '../engine/workingCalendar';
import { digestMaxItems } from './templates';

/** The digest goes out at 07:30 WIB, before the working day starts. */
export const digestZone = 'Asia/Jakarta';
const digestHour = 7;
const digestMinute = 30;
/** A stretch of holidays longer than this is not looked behind (Lebaran's cuti bersama is about 10 days). */
const lookBackDays = 31;

/**
 * The latest digest moment at or before `now`: 07:30 WIB of a working day (the working calendar
 * with its holidays); undefined when none lies within the last month.
 */
export function digestSlotAt(now: Date, calendar: WorkingCalendar): Date | undefined {
  const today = DateTime.fromJSDate(now, { zone: digestZone }).startOf('day');
  for (let back = 0; back <= lookBackDays; back++) {
    const slot = today.minus({ days: back }).set({ hour: digestHour, minute: digestMinute });
    if (slot.toMillis() > now.getTime()) continue;
    if (calendar.isWorkingDay(slot.toJSDate())) return slot.toJSDate();
  }
  return undefined;
}

/**
 * The daily digest: at each slot, one mail per user listing their mails waiting in state `digest`
 * (preference `ringkasan`) made up to the slot's moment (later ones wait for the next slot),
 * oldest first, up to digestMaxItems with the count of the rest.
 *
 * Why a row per slot rather than a job of the scheduler: the scheduler's jobs belong to process
 * instances and definitions (timers, call steps, signals) and fire through the engine; a digest
 * is neither. Its slot row (mail_digest_runs, primary key = the slot) is inserted in the same
 * transaction that writes the digests: of several processes, or a process restarted after it,
 * only the first insert wins and the others find the slot taken; a run that fails rolls its row
 * back and the next poll tries again. A slot missed while every process was down is caught up
 * late (the latest due slot only: one digest, not one per missed morning).
 */
export class MailDigest {
  /** The slot this process last saw written (by itself or another): no query until the next one. */
  private lastSlot: number | undefined;

  constructor(
    private readonly db: Database,
    private readonly calendars: WorkingCalendarProvider,
    /** The workflow clock (the manual one in tests): slots and "since" are on the mails' time line. */
    private readonly now: () => Date,
  ) {}

  /** Writes the due slot's digests if no process has; returns how many digest mails it wrote. */
  async runDue(): Promise<number> {
    const now = this.now();
    const slot = digestSlotAt(now, await this.calendars.get());
    if (!slot || slot.getTime() === this.lastSlot) return 0;
    const written = await this.db.transaction(async (tx) => {
      const claimed = await tx.query('insert into mail_digest_runs (slot, ran_at, mails) values ($1, $2, 0) on conflict (slot) do nothing returning slot', [
        slot.toISOString(),
        now.toISOString(),
      ]);
      if (claimed.rows.length === 0) return 0;
      const day = DateTime.fromJSDate(slot, { zone: digestZone }).setLocale('id').toFormat('cccc, d LLLL yyyy');
      // Set-based: one statement writes every user's digest and marks what it lists.
      const { rows } = await tx.query<{ n: number }>(
        `with waiting as (
           select m.id, m.username, m.subject, m.link, m.created_at,
                  row_number() over (partition by m.username order by m.created_at, m.id) as n,
                  count(*) over (partition by m.username) as total
             from mail_outbox m where m.state = 'digest' and m.created_at <= $4),
         digests as (
           insert into mail_outbox (id, kind, username, to_address, subject, data, created_at, state)
           select gen_random_uuid(), 'ringkasan', w.username, u.email,
                  'Ringkasan pemberitahuan ' || $2 || ' (' || max(w.total) || ')',
                  jsonb_build_object('name', u.display_name, 'total', max(w.total),
                    'items', jsonb_agg(jsonb_build_object('title', w.subject, 'link', w.link, 'at', w.created_at) order by w.created_at, w.id) filter (where w.n <= $3)),
                  $1, 'pending'
             from waiting w join users u on u.username = w.username and u.active and u.email <> ''
            group by w.username, u.email, u.display_name
           returning id, username),
         marked as (
           update mail_outbox m set state = 'digested', digest_id = d.id
             from waiting w left join digests d on d.username = w.username
            where m.id = w.id
           returning 1)
         select (select count(*) from digests)::int as n, (select count(*) from marked)::int as marked`,
        [now.toISOString(), day, digestMaxItems, slot.toISOString()],
      );
      await tx.query('update mail_digest_runs set mails = $2 where slot = $1', [slot.toISOString(), rows[0].n]);
      return rows[0].n;
    });
    this.lastSlot = slot.getTime();
    return written;
  }
}
