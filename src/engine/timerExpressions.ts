import { DateTime, Duration } from 'luxon';
import { defaultWorkingCalendarOptions, parseIsoDuration, WorkingCalendar } from './workingCalendar';

export type TimerType = 'timeDuration' | 'timeDate' | 'timeCycle';

export interface TimerDue {
  dueAt: Date;
  /** remaining repetitions including this one; -1 = unbounded */
  repeat?: number;
}

export class TimerExpressionError extends Error {}

/** A repeating interval `R[n]/[start/]period`; `repetitions` undefined means unbounded. */
interface Cycle {
  repetitions: number | undefined;
  start: DateTime | undefined;
  period: Duration;
  periodText: string;
}

/** A cycle with a start: its occurrences are fixed points in time. */
interface AnchoredCycle extends Cycle {
  start: DateTime;
}

function isAnchored(cycle: Cycle): cycle is AnchoredCycle {
  return cycle.start !== undefined;
}

const UNBOUNDED = -1;

/** The shortest interval a cycle may repeat at; `R/PT1S` would start an instance every second. */
export const MIN_CYCLE_PERIOD_MS = 60_000;

/**
 * How many times a cycle fires in all (`R3/…`: 3), or undefined for `R/…` (forever). A cycle
 * without a start is counted by whoever fires it; one with a start counts its fixed occurrences.
 */
export function cycleRepetitions(value: string): number | undefined {
  return parseCycle(value, undefined).repetitions;
}

/** Whether a cycle has a start date (`R/2026-01-01T08:00/P1M`): its occurrences are fixed points in time. */
export function isAnchoredCycle(value: string): boolean {
  return isAnchored(parseCycle(value, undefined));
}

/** workingCalendar undefined => calendar (wall-clock) time. */
export function resolveTimer(type: TimerType, value: string, now: Date, workingCalendar?: WorkingCalendar): TimerDue {
  assertValidNow(now);
  switch (type) {
    case 'timeDuration':
      return { dueAt: addDuration(now, value, workingCalendar) };
    case 'timeDate':
      return { dueAt: resolveTimeDate(value, workingCalendar) };
    case 'timeCycle':
      return resolveCycle(value, now, workingCalendar);
    default:
      throw new TimerExpressionError(`Unknown timer type "${String(type)}" for value "${value}"`);
  }
}

/**
 * Next occurrence strictly after `after` of a cycle; undefined when the repetitions are exhausted.
 * A cycle without a start has no fixed occurrences to count, so its repetitions are counted by
 * the caller (TimerDue.repeat); here it only ends when it is R0.
 */
export function nextCycleOccurrence(cycle: string, after: Date, workingCalendar?: WorkingCalendar): Date | undefined {
  assertValidNow(after);
  const parsed = parseCycle(cycle, workingCalendar);
  if (parsed.repetitions === 0) return undefined;
  if (!isAnchored(parsed)) return addDuration(after, parsed.periodText, workingCalendar);
  const index = firstOccurrenceIndex(parsed, after.getTime(), false, workingCalendar);
  if (parsed.repetitions !== undefined && index >= parsed.repetitions) return undefined;
  return occurrence(parsed, index, workingCalendar);
}

function zoneOf(workingCalendar: WorkingCalendar | undefined): string {
  return workingCalendar?.zone ?? defaultWorkingCalendarOptions.zone;
}

function assertValidNow(at: Date): void {
  if (Number.isNaN(at.getTime())) throw new TimerExpressionError('The reference time of a timer is not a valid date');
}

/** `context` prefixes the message when the duration is only part of the timer value. */
function parseDuration(value: string, context?: string): Duration {
  try {
    return parseIsoDuration(value);
  } catch (e) {
    const message = (e as Error).message;
    throw new TimerExpressionError(context ? `${context}: ${message}` : message);
  }
}

function addDuration(from: Date, value: string, workingCalendar: WorkingCalendar | undefined): Date {
  const duration = parseDuration(value);
  if (workingCalendar) return workingCalendar.addWorkingDuration(from, value);
  // Added in the zone so that "P1D" is the same wall-clock time tomorrow, as people read it.
  return DateTime.fromJSDate(from, { zone: zoneOf(workingCalendar) }).plus(duration).toJSDate();
}

function parseDateTime(value: string, zone: string, context: string): DateTime {
  // A value without an offset is office time, not the server's (often UTC) time.
  const dt = DateTime.fromISO(value.trim(), { zone });
  if (!dt.isValid) {
    throw new TimerExpressionError(`${context}: "${value}" is not an ISO 8601 date-time such as 2026-01-01T08:00:00+07:00`);
  }
  return dt;
}

function resolveTimeDate(value: string, workingCalendar: WorkingCalendar | undefined): Date {
  const at = parseDateTime(value, zoneOf(workingCalendar), 'Invalid timeDate').toJSDate();
  return workingCalendar ? workingCalendar.nextWorkingMoment(at) : at;
}

function parseCycle(value: string, workingCalendar: WorkingCalendar | undefined): Cycle {
  const parts = value.trim().split('/');
  const repeatMatch = /^R(\d*)$/.exec(parts[0] ?? '');
  if (!repeatMatch || parts.length < 2 || parts.length > 3) {
    throw new TimerExpressionError(
      `Invalid timeCycle "${value}": expected an ISO 8601 repeating interval such as R/P1D, R3/PT10M or ` +
        'R/2026-01-01T08:00:00+07:00/P3M (cron expressions are not supported)',
    );
  }
  const repetitions = repeatMatch[1] === '' ? undefined : Number(repeatMatch[1]);
  const periodText = parts[parts.length - 1];
  const period = parseDuration(periodText, `Invalid timeCycle "${value}"`);
  if (period.toMillis() <= 0) throw new TimerExpressionError(`Invalid timeCycle "${value}": the period must be longer than zero`);
  if (period.toMillis() < MIN_CYCLE_PERIOD_MS) {
    throw new TimerExpressionError(`Invalid timeCycle "${value}": the interval must be at least 1 minute (PT1M), so a cycle cannot flood the server`);
  }
  const start = parts.length === 3 ? parseDateTime(parts[1], zoneOf(workingCalendar), `Invalid timeCycle "${value}"`) : undefined;
  return { repetitions, start, period, periodText };
}

function resolveCycle(value: string, now: Date, workingCalendar: WorkingCalendar | undefined): TimerDue {
  const cycle = parseCycle(value, workingCalendar);
  if (cycle.repetitions === 0) throw new TimerExpressionError(`timeCycle "${value}" has no occurrences (R0)`);
  if (!isAnchored(cycle)) {
    return { dueAt: addDuration(now, cycle.periodText, workingCalendar), repeat: cycle.repetitions ?? UNBOUNDED };
  }
  const index = firstOccurrenceIndex(cycle, now.getTime(), true, workingCalendar);
  if (cycle.repetitions !== undefined && index >= cycle.repetitions) {
    throw new TimerExpressionError(`timeCycle "${value}" has no occurrence left at or after ${now.toISOString()}`);
  }
  const repeat = cycle.repetitions === undefined ? UNBOUNDED : cycle.repetitions - index;
  return { dueAt: occurrence(cycle, index, workingCalendar), repeat };
}

/**
 * Occurrence k is start + k * period counted from the start, never by adding the period to the
 * previous occurrence: monthly from 31 January must give 31 March, not a date eroded by February.
 * With a working calendar an occurrence that falls outside working time waits for the next one.
 */
function occurrence(cycle: AnchoredCycle, index: number, workingCalendar: WorkingCalendar | undefined): Date {
  const at = cycle.start.plus(cycle.period.mapUnits((n) => n * index)).toJSDate();
  return workingCalendar ? workingCalendar.nextWorkingMoment(at) : at;
}

/**
 * Smallest k whose occurrence is after `thresholdMs` (or at it, when `inclusive`), capped at the
 * number of repetitions. Jumps close by the nominal period length first, so a minutely cycle
 * started years ago needs a few steps, not millions.
 */
function firstOccurrenceIndex(
  cycle: AnchoredCycle,
  thresholdMs: number,
  inclusive: boolean,
  workingCalendar: WorkingCalendar | undefined,
): number {
  const accepts = (index: number) => {
    const dueMs = occurrence(cycle, index, workingCalendar).getTime();
    return inclusive ? dueMs >= thresholdMs : dueMs > thresholdMs;
  };
  const limit = cycle.repetitions ?? Number.POSITIVE_INFINITY;
  const startMs = cycle.start.toMillis();
  let index = Math.min(limit, Math.max(0, Math.floor((thresholdMs - startMs) / cycle.period.toMillis())));
  while (index > 0 && accepts(index - 1)) index--;
  while (index < limit && !accepts(index)) index++;
  return index;
}
