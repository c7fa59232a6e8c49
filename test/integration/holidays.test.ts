import type { Database } from '../../src/db/database';
import { openPglite } from '../../src/db/pgliteDatabase';
import { migrate } from '../../src/db/migrations';
import {
  deleteHoliday,
  indonesianPublicHolidays,
  listHolidays,
  loadHolidaySet,
  seedIndonesianHolidays,
  upsertHoliday,
} from '../../src/engine/holidays';

// Opening PGlite and running every migration takes seconds on a busy machine.
jest.setTimeout(30_000);

describe('holidays (PGlite)', () => {
  let db: Database;

  beforeAll(async () => {
    db = await openPglite(undefined);
    await migrate(db);
  });

  afterAll(async () => {
    await db.close();
  });

  beforeEach(async () => {
    await db.query('delete from holidays');
  });

  it('seeds Indonesian public holidays once', async () => {
    const inserted = await seedIndonesianHolidays(db, [2026, 2027]);

    expect(inserted).toBe(indonesianPublicHolidays([2026, 2027]).length);
    expect(inserted).toBeGreaterThan(20);
    const year2027 = await listHolidays(db, 2027);
    expect(year2027).toContainEqual({ date: '2027-08-17', name: expect.stringMatching(/Kemerdekaan/), source: 'date-holidays' });
    expect(year2027.every((h) => h.date.startsWith('2027-'))).toBe(true);
    expect(await seedIndonesianHolidays(db, [2026, 2027])).toBe(0);
  });

  it('keeps one row per date, naming every holiday on it', async () => {
    await seedIndonesianHolidays(db, [2027]);
    const christmas = (await listHolidays(db, 2027)).find((h) => h.date === '2027-12-25');
    // date-holidays puts Maulid Nabi and Natal on the same day in 2027.
    expect(christmas?.name).toMatch(/Natal/);
    expect(christmas?.name).toMatch(/Maulid/);
  });

  it('takes the civil date of Islamic holidays, not the eve they start at', async () => {
    await seedIndonesianHolidays(db, [2026]);
    const dates = await loadHolidaySet(db);
    expect(dates.has('2026-05-27')).toBe(true); // Idul Adha
    expect(dates.has('2026-05-26')).toBe(false);
  });

  it('lists in date order, for one year or all', async () => {
    await upsertHoliday(db, { date: '2027-01-02', name: 'B' });
    await upsertHoliday(db, { date: '2026-12-31', name: 'A' });
    await upsertHoliday(db, { date: '2028-01-01', name: 'C' });

    expect((await listHolidays(db)).map((h) => h.date)).toEqual(['2026-12-31', '2027-01-02', '2028-01-01']);
    expect((await listHolidays(db, 2027)).map((h) => h.date)).toEqual(['2027-01-02']);
  });

  it('upserts manual holidays over seeded ones, and seeding keeps them', async () => {
    await seedIndonesianHolidays(db, [2027]);

    const manual = await upsertHoliday(db, { date: '2027-08-17', name: '  HUT RI ke-82 ' });
    expect(manual).toEqual({ date: '2027-08-17', name: 'HUT RI ke-82', source: 'manual' });
    const cutiBersama = await upsertHoliday(db, { date: '2027-08-16', name: 'Cuti bersama' });
    expect(cutiBersama.source).toBe('manual');

    expect(await seedIndonesianHolidays(db, [2027])).toBe(0);
    const rows = await listHolidays(db, 2027);
    expect(rows.find((h) => h.date === '2027-08-17')).toEqual(manual);
    expect(rows.find((h) => h.date === '2027-08-16')).toEqual(cutiBersama);
  });

  it('deletes a holiday and reports whether it existed', async () => {
    await upsertHoliday(db, { date: '2027-08-16', name: 'Cuti bersama' });

    expect(await deleteHoliday(db, '2027-08-16')).toBe(true);
    expect(await deleteHoliday(db, '2027-08-16')).toBe(false);
    expect(await loadHolidaySet(db)).toEqual(new Set());
  });

  it('loads the dates as a set of yyyy-MM-dd strings', async () => {
    await upsertHoliday(db, { date: '2027-08-16', name: 'Cuti bersama' });
    await upsertHoliday(db, { date: '2027-08-17', name: 'HUT RI' });

    expect(await loadHolidaySet(db)).toEqual(new Set(['2027-08-16', '2027-08-17']));
  });

  it('rejects malformed input', async () => {
    await expect(upsertHoliday(db, { date: '17-08-2027', name: 'x' })).rejects.toThrow(/yyyy-MM-dd/);
    await expect(upsertHoliday(db, { date: '2027-02-30', name: 'x' })).rejects.toThrow(/yyyy-MM-dd/);
    await expect(upsertHoliday(db, { date: '2027-08-17', name: '  ' })).rejects.toThrow(/name/);
    await expect(deleteHoliday(db, 'nope')).rejects.toThrow(/yyyy-MM-dd/);
    await expect(listHolidays(db, 2027.5)).rejects.toThrow(/year/);
  });
});
