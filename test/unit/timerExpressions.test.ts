import { cycleRepetitions, isAnchoredCycle, nextCycleOccurrence, resolveTimer } from '../../src/engine/timerExpressions';
import { firstStartDue, nextStartTimer } from '../../src/engine/timerJobs';
import { WorkingCalendar } from '../../src/engine/workingCalendar';
import { indonesianPublicHolidays } from '../../src/engine/holidays';

const wib = (local: string): Date => new Date(`${local}:00+07:00`);
const MINUTE = 60_000;

describe('resolveTimer', () => {
  const calendar = new WorkingCalendar({ holidays: new Set(indonesianPublicHolidays([2026, 2027]).map((h) => h.date)) });

  describe('timeDuration', () => {
    it('adds wall-clock time without a calendar', () => {
      const now = wib('2026-01-09T15:00');
      expect(resolveTimer('timeDuration', 'PT10M', now)).toEqual({ dueAt: new Date(now.getTime() + 10 * MINUTE) });
      expect(resolveTimer('timeDuration', 'P3D', now).dueAt).toEqual(wib('2026-01-12T15:00'));
    });

    it('adds working time with a calendar', () => {
      expect(resolveTimer('timeDuration', 'P3D', wib('2026-01-09T15:00'), calendar).dueAt).toEqual(wib('2026-01-14T15:00'));
      expect(resolveTimer('timeDuration', 'PT7H30M', wib('2026-01-09T15:00'), calendar).dueAt).toEqual(wib('2026-01-12T15:00'));
    });
  });

  describe('timeDate', () => {
    it('reads a value without an offset as office time (WIB)', () => {
      expect(resolveTimer('timeDate', '2026-02-02T08:00', wib('2026-01-01T00:00')).dueAt).toEqual(new Date('2026-02-02T01:00:00Z'));
    });

    it('respects an explicit offset', () => {
      expect(resolveTimer('timeDate', '2026-02-02T08:00:00Z', wib('2026-01-01T00:00')).dueAt).toEqual(new Date('2026-02-02T08:00:00Z'));
      expect(resolveTimer('timeDate', '2026-02-02T08:00:00+08:00', wib('2026-01-01T00:00')).dueAt).toEqual(new Date('2026-02-02T00:00:00Z'));
    });

    it('moves a date outside working time to the next working moment with a calendar', () => {
      // 2026-02-01 is a Sunday.
      expect(resolveTimer('timeDate', '2026-02-01T10:00', wib('2026-01-01T00:00'), calendar).dueAt).toEqual(wib('2026-02-02T07:30'));
      expect(resolveTimer('timeDate', '2026-02-02T10:00', wib('2026-01-01T00:00'), calendar).dueAt).toEqual(wib('2026-02-02T10:00'));
    });
  });

  describe('timeCycle', () => {
    const quarterly = 'R/2026-01-01T08:00:00+07:00/P3M';

    it('gives the first occurrence at or after now for a cycle with a start', () => {
      expect(resolveTimer('timeCycle', quarterly, wib('2026-01-15T00:00'))).toEqual({ dueAt: wib('2026-04-01T08:00'), repeat: -1 });
      expect(resolveTimer('timeCycle', quarterly, wib('2026-01-01T08:00')).dueAt).toEqual(wib('2026-01-01T08:00'));
      expect(resolveTimer('timeCycle', quarterly, wib('2025-06-01T08:00')).dueAt).toEqual(wib('2026-01-01T08:00'));
      expect(resolveTimer('timeCycle', quarterly, wib('2027-05-01T00:00')).dueAt).toEqual(wib('2027-07-01T08:00'));
    });

    it('moves occurrences on holidays and weekends to the next working moment with a calendar', () => {
      // 1 January 2026 is Tahun Baru: the occurrence waits for Friday 2 January 07:30.
      expect(resolveTimer('timeCycle', quarterly, wib('2025-12-01T00:00'), calendar).dueAt).toEqual(wib('2026-01-02T07:30'));
      expect(resolveTimer('timeCycle', quarterly, wib('2026-01-15T00:00'), calendar).dueAt).toEqual(wib('2026-04-01T08:00'));
      // From Saturday 3 January: 3 April 2026 is Wafat Yesus Kristus (Friday) -> Monday 6 April.
      const fromSaturday = 'R/2026-01-03T08:00/P3M';
      expect(resolveTimer('timeCycle', fromSaturday, wib('2026-01-02T00:00'), calendar).dueAt).toEqual(wib('2026-01-05T07:30'));
      expect(resolveTimer('timeCycle', fromSaturday, wib('2026-01-06T00:00'), calendar).dueAt).toEqual(wib('2026-04-06T07:30'));
    });

    it('counts Rn from the start and reports the remaining repetitions', () => {
      const monthly = 'R4/2026-01-31T08:00/P1M';
      expect(resolveTimer('timeCycle', monthly, wib('2026-01-01T00:00'))).toEqual({ dueAt: wib('2026-01-31T08:00'), repeat: 4 });
      expect(resolveTimer('timeCycle', monthly, wib('2026-03-01T00:00'))).toEqual({ dueAt: wib('2026-03-31T08:00'), repeat: 2 });
      expect(resolveTimer('timeCycle', monthly, wib('2026-04-30T08:00'))).toEqual({ dueAt: wib('2026-04-30T08:00'), repeat: 1 });
      expect(() => resolveTimer('timeCycle', monthly, wib('2026-04-30T08:01'))).toThrow(/no occurrence left/);
    });

    it('schedules a cycle without a start one period from now', () => {
      const now = wib('2026-01-09T15:00');
      expect(resolveTimer('timeCycle', 'R/P1D', now)).toEqual({ dueAt: wib('2026-01-10T15:00'), repeat: -1 });
      expect(resolveTimer('timeCycle', 'R3/PT10M', now)).toEqual({ dueAt: new Date(now.getTime() + 10 * MINUTE), repeat: 3 });
      expect(resolveTimer('timeCycle', 'R/P1D', now, calendar)).toEqual({ dueAt: wib('2026-01-12T15:00'), repeat: -1 });
    });

    it('finds the current occurrence of a fine-grained cycle started long ago quickly', () => {
      expect(resolveTimer('timeCycle', 'R/2020-01-01T00:00/PT1M', new Date('2026-01-05T08:00:30+07:00')).dueAt).toEqual(
        wib('2026-01-05T08:01'),
      );
    });

    it('rejects R0', () => {
      expect(() => resolveTimer('timeCycle', 'R0/P1D', wib('2026-01-01T00:00'))).toThrow(/R0/);
    });
  });

  describe('invalid values', () => {
    const now = wib('2026-01-05T08:00');
    it.each<[Parameters<typeof resolveTimer>[0], string]>([
      ['timeCycle', '0 0 * * *'],
      ['timeCycle', '0 8 1 */3 *'],
      ['timeCycle', 'R/PXD'],
      ['timeCycle', 'R3'],
      ['timeCycle', 'P1D'],
      ['timeCycle', 'Rx/P1D'],
      ['timeCycle', 'R/2026-13-01T00:00/P1D'],
      ['timeCycle', 'R/2026-01-01T00:00/2026-02-01T00:00'],
      ['timeCycle', 'R/PT0S'],
      ['timeDate', 'tomorrow'],
      ['timeDate', '2026-02-30T08:00'],
      ['timeDuration', '1 day'],
      ['timeDuration', 'P'],
    ])('%s %j throws an error naming the value', (type, value) => {
      expect(() => resolveTimer(type, value, now)).toThrow(value);
      expect(() => resolveTimer(type, value, now, calendar)).toThrow(value);
    });
  });
});

describe('nextCycleOccurrence', () => {
  it('gives the next occurrence strictly after the given moment', () => {
    const quarterly = 'R/2026-01-01T08:00:00+07:00/P3M';
    expect(nextCycleOccurrence(quarterly, wib('2026-01-01T08:00'))).toEqual(wib('2026-04-01T08:00'));
    expect(nextCycleOccurrence(quarterly, wib('2026-01-01T07:59'))).toEqual(wib('2026-01-01T08:00'));
    expect(nextCycleOccurrence(quarterly, wib('2026-04-01T08:00'))).toEqual(wib('2026-07-01T08:00'));
  });

  it('adds months from the start, not from the previous occurrence', () => {
    const monthly = 'R/2026-01-31T08:00/P1M';
    expect(nextCycleOccurrence(monthly, wib('2026-01-31T08:00'))).toEqual(wib('2026-02-28T08:00'));
    expect(nextCycleOccurrence(monthly, wib('2026-02-28T08:00'))).toEqual(wib('2026-03-31T08:00'));
    expect(nextCycleOccurrence(monthly, wib('2026-03-31T08:00'))).toEqual(wib('2026-04-30T08:00'));
  });

  it('returns undefined once Rn repetitions are exhausted', () => {
    const three = 'R3/2026-01-05T08:00/PT10M';
    expect(nextCycleOccurrence(three, wib('2026-01-05T08:00'))).toEqual(wib('2026-01-05T08:10'));
    expect(nextCycleOccurrence(three, wib('2026-01-05T08:10'))).toEqual(wib('2026-01-05T08:20'));
    expect(nextCycleOccurrence(three, wib('2026-01-05T08:20'))).toBeUndefined();
    expect(nextCycleOccurrence('R0/P1D', wib('2026-01-05T08:20'))).toBeUndefined();
  });

  it('skips occurrences that a calendar merges into the same working moment', () => {
    const calendar = new WorkingCalendar({});
    // Hourly from Saturday: every weekend occurrence waits for Monday 07:30.
    const hourly = 'R/2026-01-10T00:00/PT1H';
    expect(nextCycleOccurrence(hourly, wib('2026-01-10T05:00'), calendar)).toEqual(wib('2026-01-12T07:30'));
    expect(nextCycleOccurrence(hourly, wib('2026-01-12T07:30'), calendar)).toEqual(wib('2026-01-12T08:00'));
  });

  it('adds one period to a cycle without a start', () => {
    const calendar = new WorkingCalendar({});
    expect(nextCycleOccurrence('R/P1D', wib('2026-01-09T15:00'))).toEqual(wib('2026-01-10T15:00'));
    expect(nextCycleOccurrence('R/P1D', wib('2026-01-09T15:00'), calendar)).toEqual(wib('2026-01-12T15:00'));
  });

  it('throws on an invalid cycle', () => {
    expect(() => nextCycleOccurrence('*/5 * * * *', wib('2026-01-05T08:00'))).toThrow('*/5 * * * *');
  });
});

describe('cycle repetitions and the interval floor', () => {
  it('counts R3 as three firings, R/… as unbounded', () => {
    expect(cycleRepetitions('R3/PT10H')).toBe(3);
    expect(cycleRepetitions('R/PT10H')).toBeUndefined();
    expect(isAnchoredCycle('R3/PT10H')).toBe(false);
    expect(isAnchoredCycle('R/2026-01-01T08:00:00+07:00/P3M')).toBe(true);
  });

  it.each(['R/PT1S', 'R3/PT59S', 'R/2026-01-01T08:00/PT30S'])('refuses %s: under one minute', (cycle) => {
    expect(() => resolveTimer('timeCycle', cycle, wib('2026-01-05T08:00'))).toThrow(/at least 1 minute/);
  });

  it('accepts one minute', () => {
    expect(resolveTimer('timeCycle', 'R/PT1M', wib('2026-01-05T08:00')).dueAt).toEqual(wib('2026-01-05T08:01'));
  });
});

describe('nextStartTimer: a start timer fires at most Rn times', () => {
  const calendar = new WorkingCalendar({});
  const start = (value: string) => ({ elementId: 's', timerType: 'timeCycle' as const, value, workingTime: false });
  const due = wib('2026-01-05T08:00');

  it('counts down the firings left of a cycle without a start', () => {
    expect(nextStartTimer(start('R3/PT10H'), { dueAt: due, payload: { remaining: 3 } }, calendar)).toEqual({ next: wib('2026-01-05T18:00'), payload: { remaining: 2 } });
    expect(nextStartTimer(start('R3/PT10H'), { dueAt: due, payload: { remaining: 2 } }, calendar)).toEqual({ next: wib('2026-01-05T18:00'), payload: { remaining: 1 } });
    expect(nextStartTimer(start('R3/PT10H'), { dueAt: due, payload: { remaining: 1 } }, calendar)).toEqual({ next: undefined, payload: {} });
    // A job scheduled before the count was kept starts counting from the whole cycle.
    expect(nextStartTimer(start('R1/PT10H'), { dueAt: due, payload: {} }, calendar).next).toBeUndefined();
  });

  it('repeats R/… forever, and lets a cycle with a start count its own occurrences', () => {
    expect(nextStartTimer(start('R/PT10H'), { dueAt: due, payload: {} }, calendar).next).toEqual(wib('2026-01-05T18:00'));
    expect(nextStartTimer(start('R2/2026-01-05T08:00/PT10H'), { dueAt: due, payload: {} }, calendar).next).toEqual(wib('2026-01-05T18:00'));
    expect(nextStartTimer(start('R2/2026-01-05T08:00/PT10H'), { dueAt: wib('2026-01-05T18:00'), payload: {} }, calendar).next).toBeUndefined();
  });

  it('a first due date of a cycle without a start is one period from now', () => {
    expect(firstStartDue(start('R3/PT10H'), due, calendar)).toEqual(wib('2026-01-05T18:00'));
  });
});
