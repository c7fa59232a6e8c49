import type { Queryable } from './db/database';

/**
 * Every place that reads "now" reads it here, so tests and the demo can move time with
 * `SOP_CLOCK=manual` and the timers behave exactly as they would in real working days.
 */
export interface Clock {
  readonly kind: 'system' | 'manual';
  now(): Date;
  /** Re-reads a clock shared through the database (manual mode with several app processes). */
  refresh(): Promise<void>;
}

export class SystemClock implements Clock {
  readonly kind = 'system' as const;
  now(): Date {
    return new Date();
  }
  async refresh(): Promise<void> {}
}

export class ClockError extends Error {}

/** A clock that only moves when told to; its time lives in the database so app processes agree. */
export class ManualClock implements Clock {
  readonly kind = 'manual' as const;
  private current: Date;

  private constructor(private readonly db: Queryable, start: Date) {
    this.current = start;
  }

  /**
   * Joins the clock stored in the database. Only an explicit `start` (SOP_CLOCK_START) moves it,
   * and only forward; without one a process joins the shared time as it is (a fresh database
   * starts at real time). Moving it to real time instead would fire every timer in between.
   */
  static async open(db: Queryable, start: Date | undefined): Promise<ManualClock> {
    const initial = start ?? new Date();
    await db.query(
      start
        ? `insert into manual_clock (id, now) values (1, $1)
           on conflict (id) do update set now = greatest(manual_clock.now, excluded.now)`
        : 'insert into manual_clock (id, now) values (1, $1) on conflict (id) do nothing',
      [initial.toISOString()],
    );
    const clock = new ManualClock(db, initial);
    await clock.refresh();
    return clock;
  }

  now(): Date {
    return new Date(this.current.getTime());
  }

  async refresh(): Promise<void> {
    const { rows } = await this.db.query<{ now: Date | string }>('select now from manual_clock where id = 1');
    if (rows[0]) this.current = new Date(rows[0].now);
  }

  async set(at: Date): Promise<Date> {
    await this.refresh();
    if (Number.isNaN(at.getTime())) throw new ClockError('"at" is not a valid date');
    if (at.getTime() < this.current.getTime()) {
      throw new ClockError(`the clock only moves forward: ${at.toISOString()} is before ${this.current.toISOString()}`);
    }
    const { rows } = await this.db.query<{ now: Date | string }>(
      'update manual_clock set now = greatest(now, $1) where id = 1 returning now',
      [at.toISOString()],
    );
    this.current = new Date(rows[0].now);
    return this.now();
  }

  async advance(ms: number): Promise<Date> {
    await this.refresh();
    return this.set(new Date(this.current.getTime() + ms));
  }
}
