import { Complaints } from '../../src/domain/complaints';
import { formatTrackingId, normalizeTrackingId } from '../../src/domain/trackingIds';
import { backends, signIn, startTestSystem, type TestSystem } from '../support/testSystem';
import { type Agent, closeTestSystem, deployFixture, wib } from './helpers';

jest.setTimeout(60_000);

/** Tracking IDs: per district and year, in WIB, never shared, no gaps, also between app processes. */
describe.each(backends)('complaint tracking IDs (%s)', (backend) => {
  let t: TestSystem;
  let adminUtama: Agent;

  const numbers = async () =>
    (await t.system.db.query<{ tracking_id: string }>('select tracking_id from complaints order by tracking_id')).rows.map((r) => r.tracking_id);

  beforeAll(async () => {
    t = await startTestSystem(backend);
    const owner = await signIn(t.system, 'pemilik-proses');
    for (const f of ['complaints-sop-555-01', 'complaints-sop-555-05', 'complaints-sop-kapuas-hulu']) await deployFixture(owner, f);
    adminUtama = await signIn(t.system, 'admin-utama');
  });

  afterAll(async () => {
    await closeTestSystem(t);
  });

  it('writes and reads the human form', () => {
    expect(formatTrackingId('kapuas', 2026, 123)).toBe('KPS-2026-000123');
    expect(formatTrackingId('kapuas-hulu', 2026, 45)).toBe('KPH-2026-000045');
    expect(formatTrackingId('kapuas', 2026, 1_234_567)).toBe('KPS-2026-1234567');
    expect(normalizeTrackingId(' kps-2026-000123 ')).toBe('KPS-2026-000123');
    for (const bad of ['KPS-2026-123', 'ABC-2026-000123', 'KPS-26-000123', 'KPS-2026-000123;', '']) expect(normalizeTrackingId(bad)).toBeUndefined();
  });

  it('never gives one number twice when a second app process enters complaints at the same moment', async () => {
    // A second service on the same database is what another app process is: it shares only the database.
    const otherProcess = new Complaints(t.system.db, t.system.engine, t.system.opds, t.system.config.timezone);
    const me = (await adminUtama.get('/api/auth/me')).body;
    const body = (i: number) => ({ channel: 'sms' as const, subject: `Serentak ${i}`, description: 'dua proses' });
    const results = await Promise.all([
      ...[1, 2, 3, 4, 5].map((i) => adminUtama.post('/api/complaints').send(body(i)).then((r) => r.body.trackingId as string)),
      ...[6, 7, 8, 9, 10].map((i) => otherProcess.intake(body(i), me).then((c) => c.trackingId)),
    ]);
    expect(new Set(results).size).toBe(10);
    expect(await numbers()).toEqual(Array.from({ length: 10 }, (_, i) => formatTrackingId('kapuas', 2026, i + 1)));
    const instances = await t.system.db.query<{ n: number }>('select count(*)::int as n from process_instances where business_key like $1', ['KPS-2026-%']);
    expect(instances.rows[0].n).toBe(10);
  });

  it('counts each district on its own and starts again at 1 in a new year of WIB', async () => {
    const kph = await adminUtama.post('/api/complaints').send({ district: 'kapuas-hulu', channel: 'lapor', subject: 's', description: 'd' });
    expect(kph.body.trackingId).toBe('KPH-2026-000001');

    // 00:30 WIB on 1 January 2027 is still 2026 in UTC: the year is the districts' year.
    await adminUtama.post('/api/_clock/set').send({ at: wib('2027-01-01T00:30:00') }).expect(200);
    const kps = await adminUtama.post('/api/complaints').send({ channel: 'email', subject: 's', description: 'd' });
    expect(kps.body.trackingId).toBe('KPS-2027-000001');
    expect((await adminUtama.post('/api/complaints').send({ channel: 'email', subject: 's', description: 'd' })).body.trackingId).toBe('KPS-2027-000002');
  });
});
