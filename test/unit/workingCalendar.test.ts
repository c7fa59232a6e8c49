import { DateTime, IANAZone } from 'luxon';
import { ComputingZone, WorkingCalendar } from '../../src/engine/workingCalendar';
import { indonesianPublicHolidays } from '../../src/engine/holidays';

/** Office time in Kalimantan Barat: WIB, UTC+7, no DST. */
const wib = (local: string): Date => new Date(`${local}:00+07:00`);
const HOUR = 3_600_000;

describe('WorkingCalendar', () => {
  const calendar = new WorkingCalendar({});

  describe('working days and moments', () => {
    it('treats weekends and holidays as non-working days', () => {
      const withHoliday = new WorkingCalendar({ holidays: new Set(['2026-01-01']) });
      expect(calendar.isWorkingDay(wib('2026-01-09T10:00'))).toBe(true); // Friday
      expect(calendar.isWorkingDay(wib('2026-01-10T10:00'))).toBe(false); // Saturday
      expect(calendar.isWorkingDay(wib('2026-01-11T10:00'))).toBe(false); // Sunday
      expect(withHoliday.isWorkingDay(wib('2026-01-01T10:00'))).toBe(false);
    });

    it('uses the calendar zone, not UTC, to decide the date', () => {
      // 2026-01-09T20:00Z is Saturday 03:00 in WIB.
      expect(calendar.isWorkingDay(new Date('2026-01-09T20:00:00Z'))).toBe(false);
    });

    it('treats intervals as [from, to)', () => {
      expect(calendar.isWorkingMoment(wib('2026-01-13T07:29'))).toBe(false);
      expect(calendar.isWorkingMoment(wib('2026-01-13T07:30'))).toBe(true);
      expect(calendar.isWorkingMoment(wib('2026-01-13T11:59'))).toBe(true);
      expect(calendar.isWorkingMoment(wib('2026-01-13T12:00'))).toBe(false);
      expect(calendar.isWorkingMoment(wib('2026-01-13T13:00'))).toBe(true);
      expect(calendar.isWorkingMoment(wib('2026-01-13T16:00'))).toBe(false);
      expect(calendar.isWorkingMoment(wib('2026-01-10T10:00'))).toBe(false);
    });

    it('finds the next working moment', () => {
      const inside = wib('2026-01-13T10:15');
      expect(calendar.nextWorkingMoment(inside)).toEqual(inside);
      expect(calendar.nextWorkingMoment(wib('2026-01-13T12:30'))).toEqual(wib('2026-01-13T13:00'));
      expect(calendar.nextWorkingMoment(wib('2026-01-13T06:00'))).toEqual(wib('2026-01-13T07:30'));
      expect(calendar.nextWorkingMoment(wib('2026-01-09T16:00'))).toEqual(wib('2026-01-12T07:30'));
    });
  });

  describe('addWorkingDuration, time part', () => {
    it('Friday 15:00 + PT7H30M is Monday 15:00', () => {
      expect(calendar.addWorkingDuration(wib('2026-01-09T15:00'), 'PT7H30M')).toEqual(wib('2026-01-12T15:00'));
    });

    it('skips the lunch break: 11:00 + PT2H is 14:00', () => {
      expect(calendar.addWorkingDuration(wib('2026-01-13T11:00'), 'PT2H')).toEqual(wib('2026-01-13T14:00'));
    });

    it('Tuesday 16:30 + PT15M is Wednesday 07:45', () => {
      expect(calendar.addWorkingDuration(wib('2026-01-13T16:30'), 'PT15M')).toEqual(wib('2026-01-14T07:45'));
    });

    it('returns the end of an interval when the amount ends exactly there', () => {
      expect(calendar.addWorkingDuration(wib('2026-01-13T07:30'), 'PT7H30M')).toEqual(wib('2026-01-13T16:00'));
      expect(calendar.addWorkingDuration(wib('2026-01-13T07:30'), 'PT4H30M')).toEqual(wib('2026-01-13T12:00'));
      expect(calendar.addWorkingDuration(wib('2026-01-13T15:00'), 'PT1H')).toEqual(wib('2026-01-13T16:00'));
    });

    it('handles fractional seconds and hours', () => {
      expect(calendar.addWorkingDuration(wib('2026-01-13T08:00'), 'PT0.5H')).toEqual(wib('2026-01-13T08:30'));
      expect(calendar.addWorkingDuration(wib('2026-01-13T08:00'), 'PT1.5S')).toEqual(new Date(wib('2026-01-13T08:00').getTime() + 1500));
    });

    it('zero duration gives the next working moment', () => {
      expect(calendar.addWorkingDuration(wib('2026-01-10T10:00'), 'PT0S')).toEqual(wib('2026-01-12T07:30'));
      expect(calendar.addWorkingDuration(wib('2026-01-13T10:00'), 'P0D')).toEqual(wib('2026-01-13T10:00'));
    });
  });

  describe('addWorkingDuration, day part', () => {
    it('Friday 15:00 + P3D is Wednesday 15:00', () => {
      expect(calendar.addWorkingDuration(wib('2026-01-09T15:00'), 'P3D')).toEqual(wib('2026-01-14T15:00'));
    });

    it('Saturday 10:00 + P1D is Tuesday 07:30 (Saturday moves to Monday 07:30 first)', () => {
      expect(calendar.addWorkingDuration(wib('2026-01-10T10:00'), 'P1D')).toEqual(wib('2026-01-13T07:30'));
    });

    it('skips a holiday: Thursday before a holiday Friday + P1D is Monday', () => {
      const withGoodFriday = new WorkingCalendar({ holidays: new Set(['2026-04-03']) });
      expect(withGoodFriday.addWorkingDuration(wib('2026-04-02T10:00'), 'P1D')).toEqual(wib('2026-04-06T10:00'));
    });

    it('moves a result that lands in the lunch break to 13:00', () => {
      expect(calendar.addWorkingDuration(wib('2026-01-13T12:30'), 'P1D')).toEqual(wib('2026-01-14T13:00'));
    });

    it('counts a week as five working days', () => {
      expect(calendar.addWorkingDuration(wib('2026-01-13T10:00'), 'P1W')).toEqual(wib('2026-01-20T10:00'));
      expect(calendar.addWorkingDuration(wib('2026-01-13T10:00'), 'P2W')).toEqual(calendar.addWorkingDuration(wib('2026-01-13T10:00'), 'P10D'));
    });

    it('adds days first, then hours: Friday 15:00 + P1DT2H is Tuesday 08:30', () => {
      expect(calendar.addWorkingDuration(wib('2026-01-09T15:00'), 'P1DT2H')).toEqual(wib('2026-01-13T08:30'));
    });

    it('adds months in calendar time, then moves to the next working moment', () => {
      // 31 January (Saturday) + 1 month = 28 February (Saturday) -> Monday 2 March 07:30.
      expect(calendar.addWorkingDuration(wib('2026-01-31T10:00'), 'P1M')).toEqual(wib('2026-03-02T07:30'));
      expect(calendar.addWorkingDuration(wib('2026-01-13T10:00'), 'P1M')).toEqual(wib('2026-02-13T10:00'));
      expect(calendar.addWorkingDuration(wib('2026-01-13T10:00'), 'P1Y')).toEqual(wib('2027-01-13T10:00'));
    });

    it('counts 60 working days across Indonesian public holidays', () => {
      const holidays = new Set(indonesianPublicHolidays([2026]).map((h) => h.date));
      const withHolidays = new WorkingCalendar({ holidays });
      const expectedDate = countWorkingDaysIndependently('2026-03-02', 60, holidays);

      const due = withHolidays.addWorkingDuration(wib('2026-03-02T09:00'), 'P60D');

      expect(due).toEqual(wib(`${expectedDate}T09:00`));
      // The holidays matter here (Nyepi, Idul Fitri, Wafat Yesus Kristus, Hari Buruh, ...).
      expect(calendar.addWorkingDuration(wib('2026-03-02T09:00'), 'P60D').getTime()).toBeLessThan(due.getTime());
    });
  });

  describe('addWorkingDuration, invalid input', () => {
    it.each(['', 'garbage', 'P', 'PT', '3 days', '-P1D', 'P1.5D'])('rejects %j with a clear error', (value) => {
      expect(() => calendar.addWorkingDuration(wib('2026-01-13T10:00'), value)).toThrow(/duration/);
    });
  });

  describe('workingMsBetween', () => {
    it('counts only working time over a weekend', () => {
      // Friday 15:00-16:00 (1 h) + Monday 07:30-09:00 (1.5 h).
      expect(calendar.workingMsBetween(wib('2026-01-09T15:00'), wib('2026-01-12T09:00'))).toBe(2.5 * HOUR);
    });

    it('is negative (mirrored) when to is before from', () => {
      expect(calendar.workingMsBetween(wib('2026-01-12T09:00'), wib('2026-01-09T15:00'))).toBe(-2.5 * HOUR);
    });

    it('excludes the lunch break and is zero inside non-working time', () => {
      expect(calendar.workingMsBetween(wib('2026-01-13T11:00'), wib('2026-01-13T14:00'))).toBe(2 * HOUR);
      expect(calendar.workingMsBetween(wib('2026-01-10T08:00'), wib('2026-01-11T15:00'))).toBe(0);
      expect(calendar.workingMsBetween(wib('2026-01-13T08:00'), wib('2026-01-13T08:00'))).toBe(0);
    });

    it('is the inverse of adding a time duration', () => {
      const from = wib('2026-01-09T15:20');
      for (const hours of [1, 7.5, 20, 100]) {
        const due = calendar.addWorkingDuration(from, `PT${hours}H`);
        expect(calendar.workingMsBetween(from, due)).toBe(hours * HOUR);
      }
    });
  });

  describe('options', () => {
    it('supports other working days and intervals', () => {
      const saturdays = new WorkingCalendar({ workingDays: [1, 2, 3, 4, 5, 6], intervals: [{ from: '08:00', to: '14:00' }] });
      expect(saturdays.addWorkingDuration(wib('2026-01-09T13:00'), 'PT2H')).toEqual(wib('2026-01-10T09:00'));
      expect(saturdays.addWorkingDuration(wib('2026-01-09T10:00'), 'P1W')).toEqual(wib('2026-01-16T10:00'));
    });

    it('rejects invalid configurations', () => {
      expect(() => new WorkingCalendar({ zone: 'Mars/Olympus' })).toThrow(/time zone/);
      expect(() => new WorkingCalendar({ workingDays: [] })).toThrow(/working day/);
      expect(() => new WorkingCalendar({ workingDays: [0] })).toThrow(/weekday/);
      expect(() => new WorkingCalendar({ intervals: [] })).toThrow(/interval/);
      expect(() => new WorkingCalendar({ intervals: [{ from: '7:30', to: '12:00' }] })).toThrow(/HH:mm/);
      expect(() => new WorkingCalendar({ intervals: [{ from: '12:00', to: '08:00' }] })).toThrow(/reversed/);
      expect(() =>
        new WorkingCalendar({ intervals: [{ from: '08:00', to: '12:00' }, { from: '11:00', to: '13:00' }] }),
      ).toThrow(/overlap/);
    });

    it('fails clearly instead of looping when there is never working time', () => {
      const allHolidays = new Set<string>();
      for (let d = new Date(Date.UTC(2026, 0, 1)); d.getUTCFullYear() < 2037; d = new Date(d.getTime() + 86_400_000)) {
        allHolidays.add(d.toISOString().slice(0, 10));
      }
      const closed = new WorkingCalendar({ holidays: allHolidays });
      expect(() => closed.nextWorkingMoment(wib('2026-01-05T08:00'))).toThrow(/no working/);
    });
  });
});

/**
 * Counts working days with plain UTC date arithmetic, deliberately without luxon, so the
 * expectation does not share code with the implementation.
 */
function countWorkingDaysIndependently(startDate: string, count: number, holidays: ReadonlySet<string>): string {
  const [y, m, d] = startDate.split('-').map(Number);
  let day = new Date(Date.UTC(y, m - 1, d));
  let counted = 0;
  while (counted < count) {
    day = new Date(day.getTime() + 86_400_000);
    const weekday = day.getUTCDay();
    const iso = day.toISOString().slice(0, 10);
    if (weekday !== 0 && weekday !== 6 && !holidays.has(iso)) counted++;
  }
  return day.toISOString().slice(0, 10);
}

describe('ComputingZone: the fixed offset stands in for a named zone only where they agree', () => {
  const around = Date.parse('2026-11-16T00:00:00Z');

  it('computes Asia/Pontianak (UTC+7 since 1988) by its fixed offset, with the same wall-clock times', () => {
    const z = new ComputingZone('Asia/Pontianak', around);
    const named = IANAZone.create('Asia/Pontianak');
    for (let ms = around - 4 * 365 * 86_400_000; ms < around + 24 * 365 * 86_400_000; ms += 7_777_777_777) {
      expect(z.at(ms).isUniversal).toBe(true);
      expect(DateTime.fromMillis(ms, { zone: z.at(ms) }).toISO({ includeOffset: false })).toBe(DateTime.fromMillis(ms, { zone: named }).toISO({ includeOffset: false }));
    }
  });

  it('keeps the named zone outside the checked years (Pontianak was UTC+8 before 1988)', () => {
    const z = new ComputingZone('Asia/Pontianak', around);
    const in1980 = Date.parse('1980-06-01T00:00:00Z');
    expect(z.at(in1980).isUniversal).toBe(false);
    expect(DateTime.fromMillis(in1980, { zone: z.at(in1980) }).offset).toBe(8 * 60);
  });

  it('keeps the named zone for a zone with daylight saving', () => {
    const z = new ComputingZone('Europe/Amsterdam', around);
    expect(z.at(around).isUniversal).toBe(false);
  });
});

describe('WorkingCalendar: long working-day durations', () => {
  /** The plain definition: the same time of day on the next working day, N times. */
  function dayByDay(calendar: WorkingCalendar, from: Date, days: number): Date {
    let dt = DateTime.fromJSDate(calendar.nextWorkingMoment(from), { zone: calendar.zone });
    for (let i = 0; i < days; i++) {
      do dt = dt.plus({ days: 1 });
      while (!calendar.isWorkingDay(dt.toJSDate()));
    }
    return calendar.nextWorkingMoment(dt.toJSDate());
  }

  it('lands where counting day by day lands, across holidays and weekends', () => {
    const holidays = new Set(indonesianPublicHolidays([2026, 2027, 2028]).map((h) => h.date));
    const calendars = [new WorkingCalendar({ holidays }), new WorkingCalendar({ holidays, workingDays: [1, 2, 3, 4, 5, 6] }), new WorkingCalendar({ holidays, zone: 'Europe/Amsterdam' })];
    const starts = ['2026-01-01T08:00', '2026-03-13T15:00', '2026-12-24T10:00', '2026-06-06T13:30'].map(wib);
    for (const calendar of calendars) {
      for (const from of starts) {
        for (const days of [0, 1, 4, 5, 6, 11, 23, 60, 260, 511]) {
          expect([from.toISOString(), days, calendar.addWorkingDuration(from, `P${days}D`).toISOString()]).toEqual([from.toISOString(), days, dayByDay(calendar, from, days).toISOString()]);
        }
      }
    }
  });

  it('refuses more than 1300 working days (about five years) or its hours', () => {
    const calendar = new WorkingCalendar({});
    expect(() => calendar.addWorkingDuration(wib('2026-01-05T08:00'), 'P1300D')).not.toThrow();
    for (const d of ['P1301D', 'P99999999D', 'P261W', 'PT9751H', 'P61M', 'P6Y']) expect(() => calendar.addWorkingDuration(wib('2026-01-05T08:00'), d)).toThrow(/at most 1300 working days/);
  });
});

describe('WorkingCalendar: the fixed-offset walk counts what minute-by-minute counting counts', () => {
  const calendar = new WorkingCalendar({ holidays: new Set(['2026-12-24', '2026-12-25', '2026-12-28']) });

  /** Working minutes in [from, to) by asking isWorkingMoment (the zoned path) at every minute. */
  function byMinutes(from: number, to: number): number {
    let n = 0;
    for (let t = from; t < to; t += 60_000) if (calendar.isWorkingMoment(new Date(t))) n++;
    return n * 60_000;
  }

  it('agrees on ranges across a weekend, holidays and office breaks, in both directions', () => {
    const base = Date.parse('2026-12-18T00:00:00Z');
    // Minute-aligned pseudo-random ranges within three weeks (a fixed sequence: reproducible).
    let seed = 7;
    const next = () => (seed = (seed * 48_271) % 2_147_483_647) / 2_147_483_647;
    for (let k = 0; k < 25; k++) {
      const a = base + Math.floor(next() * 21 * 1440) * 60_000;
      const b = base + Math.floor(next() * 21 * 1440) * 60_000;
      const [from, to] = a <= b ? [a, b] : [b, a];
      expect(calendar.workingMsBetween(new Date(from), new Date(to))).toBe(byMinutes(from, to));
      expect(calendar.workingMsBetween(new Date(to), new Date(from))).toBe(-byMinutes(from, to));
    }
  });
});
