import { DateTime, Duration, FixedOffsetZone, IANAZone, type Zone } from 'luxon';

/**
 * Working time of an Indonesian regional government office. SOP deadlines ("3 hari kerja",
 * "1 x 24 jam kerja") are counted in this time, not in wall-clock time.
 */
export interface WorkingCalendarOptions {
  zone: string;
  /** luxon weekdays: 1 = Monday ... 7 = Sunday */
  workingDays: number[];
  /** 'HH:mm' wall-clock intervals, each [from, to) */
  intervals: { from: string; to: string }[];
  /** 'yyyy-MM-dd' dates in `zone` */
  holidays: ReadonlySet<string>;
}

export const defaultWorkingCalendarOptions: Omit<WorkingCalendarOptions, 'holidays'> = {
  // Kapuas Hulu (Kalimantan Barat) is on WIB; Pontianak is its IANA zone.
  zone: 'Asia/Pontianak',
  workingDays: [1, 2, 3, 4, 5],
  intervals: [
    { from: '07:30', to: '12:00' },
    { from: '13:00', to: '16:00' },
  ],
};

const MS_PER_MINUTE = 60_000;

/**
 * A calendar whose holidays or working days leave no working moment for years is a
 * configuration error; without this bound the searches below would never end.
 */
const MAX_DAYS_WITHOUT_WORK = 3660;

interface ClockTime {
  hour: number;
  minute: number;
}

interface ParsedInterval {
  from: ClockTime;
  to: ClockTime;
}

/** One stretch of working time, as epoch milliseconds [start, end). */
interface WorkingSpan {
  start: number;
  end: number;
}

/**
 * The longest duration a timer, due date or due-date question may have: about five years of
 * working days. Anything longer is a slip of the keyboard (P99999999D), and counting it out
 * in working time would hold the server for minutes.
 */
export const MAX_WORKING_DAYS = 1300;
const MAX_CALENDAR_MONTHS = 60;
/** The default office day (07:30–12:00, 13:00–16:00) in hours: P1D of working time. */
const WORKING_HOURS_PER_DAY = 7.5;

export class DurationTooLong extends Error {
  constructor(readonly duration: string) {
    super(`The duration "${duration}" is too long: at most ${MAX_WORKING_DAYS} working days (about five years), ${MAX_WORKING_DAYS * WORKING_HOURS_PER_DAY} hours or ${MAX_CALENDAR_MONTHS} months`);
  }
}

function checkDurationBound(value: string, d: Duration): void {
  const o = d.toObject();
  const months = (o.years ?? 0) * 12 + (o.months ?? 0);
  const days = (o.weeks ?? 0) * 5 + (o.days ?? 0);
  const hours = Duration.fromObject({ hours: o.hours ?? 0, minutes: o.minutes ?? 0, seconds: o.seconds ?? 0, milliseconds: o.milliseconds ?? 0 }).as('hours');
  if (months > MAX_CALENDAR_MONTHS || days > MAX_WORKING_DAYS || hours > MAX_WORKING_DAYS * WORKING_HOURS_PER_DAY) throw new DurationTooLong(value);
}

/**
 * Parses an ISO 8601 duration and rejects what no timer can mean: unparseable text, an
 * empty duration ("P", "PT"), negative parts, and more than MAX_WORKING_DAYS.
 */
export function parseIsoDuration(value: string): Duration {
  const text = value.trim();
  const duration = Duration.fromISO(text);
  if (!duration.isValid) {
    throw new Error(`Invalid ISO 8601 duration "${value}": ${duration.invalidExplanation ?? duration.invalidReason}`);
  }
  const parts = Object.values(duration.toObject());
  if (parts.length === 0) throw new Error(`Invalid ISO 8601 duration "${value}": it has no components`);
  if (parts.some((n) => n < 0)) throw new Error(`Invalid ISO 8601 duration "${value}": negative durations are not supported`);
  checkDurationBound(value, duration);
  return duration;
}

function parseClockTime(text: string): ClockTime {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$|^(24):(00)$/.exec(text);
  if (!match) throw new Error(`Invalid working interval time "${text}": expected HH:mm`);
  const hour = Number(match[1] ?? match[3]);
  const minute = Number(match[2] ?? match[4]);
  return { hour, minute };
}

function minutesOfDay(t: ClockTime): number {
  return t.hour * 60 + t.minute;
}

function parseIntervals(intervals: { from: string; to: string }[]): ParsedInterval[] {
  if (intervals.length === 0) throw new Error('A working calendar needs at least one working interval');
  const parsed = intervals
    .map((i) => ({ from: parseClockTime(i.from), to: parseClockTime(i.to) }))
    .sort((a, b) => minutesOfDay(a.from) - minutesOfDay(b.from));
  parsed.forEach((interval, index) => {
    if (minutesOfDay(interval.from) >= minutesOfDay(interval.to)) {
      throw new Error(`Working interval ${formatInterval(interval)} is empty or reversed`);
    }
    const previous = parsed[index - 1];
    if (previous && minutesOfDay(previous.to) > minutesOfDay(interval.from)) {
      throw new Error(`Working intervals ${formatInterval(previous)} and ${formatInterval(interval)} overlap`);
    }
  });
  return parsed;
}

function formatInterval(i: ParsedInterval): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(i.from.hour)}:${pad(i.from.minute)}-${pad(i.to.hour)}:${pad(i.to.minute)}`;
}

function validateWorkingDays(days: number[]): number[] {
  if (days.length === 0) throw new Error('A working calendar needs at least one working day');
  for (const d of days) {
    if (!Number.isInteger(d) || d < 1 || d > 7) throw new Error(`Invalid working weekday ${d}: expected 1 (Monday) to 7 (Sunday)`);
  }
  return [...new Set(days)];
}

function validateZone(zone: string): string {
  if (!DateTime.now().setZone(zone).isValid) throw new Error(`Invalid time zone "${zone}"`);
  return zone;
}

const YEAR_MS = 365.25 * 86_400_000;

/**
 * The zone luxon computes in for an instant. A named zone asks Intl for its offset at every date
 * luxon builds (a working-day deadline builds hundreds); where the zone's offset does not change
 * within the years we schedule in (Asia/Pontianak has been UTC+7 since 1988), its fixed offset
 * gives the same wall-clock times by arithmetic. Outside that window, or for a zone with
 * daylight saving, the named zone is used as is.
 */
export class ComputingZone {
  private readonly named: Zone;
  private readonly fixed: Zone | undefined;
  private readonly from: number;
  private readonly to: number;

  constructor(zone: string, around = Date.now()) {
    this.named = IANAZone.create(zone);
    this.from = around - 5 * YEAR_MS;
    this.to = around + 25 * YEAR_MS;
    const offset = this.named.offset(this.from);
    let constant = true;
    for (let t = this.from; t <= this.to && constant; t += YEAR_MS / 24) constant = this.named.offset(t) === offset;
    this.fixed = constant ? FixedOffsetZone.instance(offset) : undefined;
  }

  at(ms: number): Zone {
    return this.fixed && ms >= this.from && ms <= this.to ? this.fixed : this.named;
  }

  /** The zone's constant offset in ms when `ms` lies where it holds; undefined otherwise. */
  fixedOffsetMs(ms: number): number | undefined {
    return this.fixed && ms >= this.from && ms <= this.to ? this.fixed.offset(ms) * MS_PER_MINUTE : undefined;
  }
}

const MS_PER_DAY = 86_400_000;

/** Days since 1970-01-01 of a 'yyyy-MM-dd' date. */
const dayNumberOf = (isoDate: string): number => {
  const [y, m, d] = isoDate.split('-').map(Number);
  return Date.UTC(y, m - 1, d) / MS_PER_DAY;
};

/** luxon's weekday (1 = Monday … 7 = Sunday) of a day number; day 0, 1970-01-01, was a Thursday. */
const weekdayOfDayNumber = (day: number): number => ((((day + 3) % 7) + 7) % 7) + 1;

function assertValidDate(at: Date, what: string): void {
  if (Number.isNaN(at.getTime())) throw new Error(`${what} is not a valid date`);
}

export class WorkingCalendar {
  readonly zone: string;
  readonly workingDays: readonly number[];
  private readonly intervals: ParsedInterval[];
  private readonly holidays: ReadonlySet<string>;
  /** Holidays that fall on a working weekday, sorted: what a week of working days loses. */
  private readonly workdayHolidays: string[];
  private readonly computing: ComputingZone;
  /** The holidays as day numbers, for the fixed-offset walk. */
  private readonly holidayDays: ReadonlySet<number>;

  constructor(opts: Partial<WorkingCalendarOptions> & { holidays?: ReadonlySet<string> } = {}) {
    this.zone = validateZone(opts.zone ?? defaultWorkingCalendarOptions.zone);
    this.computing = new ComputingZone(this.zone);
    this.workingDays = validateWorkingDays(opts.workingDays ?? defaultWorkingCalendarOptions.workingDays);
    this.intervals = parseIntervals(opts.intervals ?? defaultWorkingCalendarOptions.intervals);
    // A copy, so a calendar is a value: whoever changes the holidays builds a new calendar.
    this.holidays = new Set(opts.holidays ?? []);
    this.holidayDays = new Set([...this.holidays].filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d)).map(dayNumberOf));
    this.workdayHolidays = [...this.holidays].filter((d) => this.workingDays.includes(DateTime.fromISO(d, { zone: this.zone }).weekday)).sort();
  }

  isWorkingDay(at: Date): boolean {
    assertValidDate(at, 'isWorkingDay: "at"');
    return this.isWorkingDate(this.inZone(at));
  }

  isWorkingMoment(at: Date): boolean {
    assertValidDate(at, 'isWorkingMoment: "at"');
    const t = at.getTime();
    const dt = this.inZone(at);
    if (!this.isWorkingDate(dt)) return false;
    return this.spansOfDay(dt.startOf('day')).some((s) => s.start <= t && t < s.end);
  }

  nextWorkingMoment(at: Date): Date {
    assertValidDate(at, 'nextWorkingMoment: "at"');
    return new Date(this.firstSpanFrom(at.getTime()).start);
  }

  addWorkingDuration(from: Date, isoDuration: string): Date {
    assertValidDate(from, 'addWorkingDuration: "from"');
    const duration = parseIsoDuration(isoDuration);
    const d = duration.toObject();
    rejectFractional(isoDuration, { years: d.years, months: d.months, weeks: d.weeks, days: d.days });

    let cursor = from;
    if (d.years || d.months) cursor = this.addCalendarMonths(cursor, d.years ?? 0, d.months ?? 0);
    const workingDayCount = (d.weeks ?? 0) * this.workingDays.length + (d.days ?? 0);
    if (workingDayCount > 0) cursor = this.addWorkingDays(cursor, workingDayCount);
    const timeMs = Duration.fromObject({
      hours: d.hours ?? 0,
      minutes: d.minutes ?? 0,
      seconds: d.seconds ?? 0,
      milliseconds: d.milliseconds ?? 0,
    }).toMillis();
    return this.consumeWorkingTime(cursor, timeMs);
  }

  workingMsBetween(from: Date, to: Date): number {
    assertValidDate(from, 'workingMsBetween: "from"');
    assertValidDate(to, 'workingMsBetween: "to"');
    if (to.getTime() < from.getTime()) return -this.workingMsBetween(to, from);
    const end = to.getTime();
    let total = 0;
    for (const span of this.spansFrom(from.getTime(), end)) {
      total += Math.min(span.end, end) - span.start;
    }
    return total;
  }

  private inZone(at: Date | number): DateTime {
    const ms = typeof at === 'number' ? at : at.getTime();
    return DateTime.fromMillis(ms, { zone: this.computing.at(ms) });
  }

  private isWorkingDate(dt: DateTime): boolean {
    return this.workingDays.includes(dt.weekday) && !this.holidays.has(dt.toISODate() ?? '');
  }

  /** Wall-clock intervals of one (working) day, so DST zones keep their office hours. */
  private spansOfDay(day: DateTime): WorkingSpan[] {
    return this.intervals.map((i) => ({
      start: atClockTime(day, i.from).toMillis(),
      end: atClockTime(day, i.to).toMillis(),
    }));
  }

  /**
   * Working spans from `startMs` on, the first one clipped to start at `startMs`.
   * Stops once a span would start at or after `untilMs`.
   */
  private *spansFrom(startMs: number, untilMs = Number.POSITIVE_INFINITY): Generator<WorkingSpan> {
    if (this.computing.fixedOffsetMs(startMs) !== undefined) yield* this.fixedOffsetSpansFrom(startMs, untilMs);
    else yield* this.zonedSpansFrom(startMs, untilMs);
  }

  /**
   * spansFrom where the zone's offset is constant: days are whole multiples of 24 hours, so a day
   * is a number and its spans are sums. A worklist page asks for the working time left of a
   * hundred tasks, some due weeks ago; with a luxon date per day that cost more than the page's
   * SQL. Where the constant offset stops holding, the zoned walk takes over.
   */
  private *fixedOffsetSpansFrom(startMs: number, untilMs: number): Generator<WorkingSpan> {
    const offset = this.computing.fixedOffsetMs(startMs)!;
    let day = Math.floor((startMs + offset) / MS_PER_DAY);
    let daysWithoutWork = 0;
    for (;;) {
      const dayStart = day * MS_PER_DAY - offset;
      if (dayStart >= untilMs) return;
      const here = this.computing.fixedOffsetMs(dayStart);
      if (here !== offset) {
        yield* this.zonedSpansFrom(Math.max(startMs, dayStart), untilMs);
        return;
      }
      let found = false;
      if (this.workingDays.includes(weekdayOfDayNumber(day)) && !this.holidayDays.has(day)) {
        for (const i of this.intervals) {
          const end = dayStart + minutesOfDay(i.to) * MS_PER_MINUTE;
          if (end <= startMs) continue;
          const start = Math.max(dayStart + minutesOfDay(i.from) * MS_PER_MINUTE, startMs);
          if (start >= untilMs) return;
          found = true;
          yield { start, end };
        }
      }
      daysWithoutWork = found ? 0 : daysWithoutWork + 1;
      if (daysWithoutWork > MAX_DAYS_WITHOUT_WORK) {
        throw new Error(`The working calendar has no working time for ${MAX_DAYS_WITHOUT_WORK} days after ${new Date(startMs).toISOString()}`);
      }
      day++;
    }
  }

  private *zonedSpansFrom(startMs: number, untilMs: number): Generator<WorkingSpan> {
    let day = this.inZone(startMs).startOf('day');
    let daysWithoutWork = 0;
    while (day.toMillis() < untilMs) {
      let found = false;
      if (this.isWorkingDate(day)) {
        for (const span of this.spansOfDay(day)) {
          if (span.end <= startMs) continue;
          const start = Math.max(span.start, startMs);
          if (start >= untilMs) return;
          found = true;
          yield { start, end: span.end };
        }
      }
      daysWithoutWork = found ? 0 : daysWithoutWork + 1;
      if (daysWithoutWork > MAX_DAYS_WITHOUT_WORK) {
        throw new Error(`The working calendar has no working time for ${MAX_DAYS_WITHOUT_WORK} days after ${new Date(startMs).toISOString()}`);
      }
      day = day.plus({ days: 1 }).startOf('day');
    }
  }

  private firstSpanFrom(startMs: number): WorkingSpan {
    const first = this.spansFrom(startMs).next();
    if (first.done) throw new Error('The working calendar has no working time left');
    return first.value;
  }

  /** Months and years are calendar units: a quarter is a quarter whatever the holidays. */
  private addCalendarMonths(from: Date, years: number, months: number): Date {
    return this.nextWorkingMoment(this.inZone(from).plus({ years, months }).toJSDate());
  }

  /** "N hari kerja" keeps the time of day: Friday 15:00 + 3 working days is Wednesday 15:00. */
  private addWorkingDays(from: Date, count: number): Date {
    let dt = this.inZone(this.nextWorkingMoment(from));
    let remaining = count;
    while (remaining > 0) {
      // A week later is the same weekday; when it is no holiday, the working days in between are
      // the week's working days less its holidays, so it is where stepping day by day would land.
      const weekLater = dt.plus({ weeks: 1 });
      const inWeek = this.workingDays.length - this.workdayHolidaysBetween(dt, weekLater);
      if (inWeek <= remaining && this.isWorkingDate(weekLater)) {
        dt = weekLater;
        remaining -= inWeek;
      } else {
        dt = this.nextWorkingDaySameTime(dt);
        remaining--;
      }
    }
    return this.nextWorkingMoment(dt.toJSDate());
  }

  /** Holidays on working weekdays in (after, until], by their yyyy-MM-dd dates. */
  private workdayHolidaysBetween(after: DateTime, until: DateTime): number {
    return firstIndexAbove(this.workdayHolidays, until.toISODate() ?? '') - firstIndexAbove(this.workdayHolidays, after.toISODate() ?? '');
  }

  private nextWorkingDaySameTime(dt: DateTime): DateTime {
    let next = dt;
    for (let skipped = 0; skipped <= MAX_DAYS_WITHOUT_WORK; skipped++) {
      next = next.plus({ days: 1 });
      if (this.isWorkingDate(next)) return next;
    }
    throw new Error(`The working calendar has no working day for ${MAX_DAYS_WITHOUT_WORK} days after ${dt.toISO()}`);
  }

  /**
   * Walks the working spans; an amount that ends exactly at a span end returns that end
   * (16:00 today), because the deadline is "by close of business", not "next morning".
   */
  private consumeWorkingTime(from: Date, amountMs: number): Date {
    let remaining = amountMs;
    for (const span of this.spansFrom(from.getTime())) {
      const available = span.end - span.start;
      if (remaining <= available) return new Date(span.start + remaining);
      remaining -= available;
    }
    throw new Error('The working calendar has no working time left');
  }
}

/** Index of the first entry greater than `value` in a sorted array. */
function firstIndexAbove(sorted: readonly string[], value: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function atClockTime(day: DateTime, t: ClockTime): DateTime {
  // '24:00' is the end of the day, which luxon cannot `set` as an hour.
  if (t.hour === 24) return day.plus({ days: 1 }).startOf('day');
  return day.set({ hour: t.hour, minute: t.minute, second: 0, millisecond: 0 });
}

function rejectFractional(value: string, parts: Record<string, number | undefined>): void {
  for (const [unit, amount] of Object.entries(parts)) {
    if (amount !== undefined && !Number.isInteger(amount)) {
      throw new Error(`Invalid working duration "${value}": ${unit} must be a whole number (use hours for parts of a day)`);
    }
  }
}
