import { backends, signIn, startTestSystem, type TestSystem } from '../support/testSystem';
import { type Agent, anonymous, closeTestSystem } from './helpers';

jest.setTimeout(60_000);

/**
 * Cross-site request forgery: what another site's page can make a signed-in browser send (a
 * form post, a text/plain fetch, a JSON fetch from its own origin) changes nothing here.
 */
describe.each(backends)('cross-site requests (%s)', (backend) => {
  let t: TestSystem;
  let admin: Agent;

  const holidays = async () => (await t.system.db.query<{ n: number }>('select count(*)::int as n from holidays')).rows[0].n;
  const sessions = async () => (await t.system.db.query<{ n: number }>('select count(*)::int as n from sessions')).rows[0].n;

  beforeAll(async () => {
    t = await startTestSystem(backend);
    admin = await signIn(t.system, 'admin-sistem');
  });
  afterAll(() => closeTestSystem(t));

  it.each([
    ['an HTML form', 'application/x-www-form-urlencoded', 'name=Cuti'],
    ['a multipart form', 'multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="name"\r\n\r\nCuti\r\n--x--\r\n'],
    ['a text/plain fetch', 'text/plain', '{"name":"Cuti"}'],
  ])('refuses %s with 415 and writes nothing', async (_what, type, body) => {
    const before = await holidays();
    const res = await admin.put('/api/calendar/holidays/2027-06-10').set('Content-Type', type).send(body);
    expect([res.status, res.body.code, res.body.detail]).toEqual([415, 'request.notJson', expect.stringContaining('application/json')]);
    expect(await holidays()).toBe(before);
  });

  it('refuses a state-changing request with no content type, even with no body', async () => {
    const res = await admin.post('/api/auth/logout');
    expect([res.status, res.body.code]).toEqual([415, 'request.notJson']);
    expect((await admin.get('/api/auth/me')).status).toBe(200); // still signed in
    expect((await admin.delete('/api/calendar/holidays/2026-12-25')).status).toBe(415);
  });

  it('refuses JSON from another origin with 403 and writes nothing', async () => {
    const before = await holidays();
    const res = await admin.put('/api/calendar/holidays/2027-06-10').set('Origin', 'https://evil.example').send({ name: 'Cuti' });
    expect([res.status, res.body.code, res.body.detail]).toEqual([403, 'request.crossSite', expect.stringContaining('https://evil.example')]);
    expect((await admin.put('/api/calendar/holidays/2027-06-10').set('Origin', 'null').send({ name: 'Cuti' })).status).toBe(403);
    expect(await holidays()).toBe(before);
    const login = await anonymous(t.system).post('/api/auth/login').set('Origin', 'http://evil.example').send({ username: 'kasi', password: 'demo12345' });
    expect(login.status).toBe(403);
  });

  it('takes JSON from its own origin, or with no Origin (curl, other servers)', async () => {
    const own = await admin.put('/api/calendar/holidays/2027-06-10').set('Host', 'sop.kapuas.go.id').set('Origin', 'https://sop.kapuas.go.id').send({ name: 'Cuti' });
    expect(own.status).toBe(200);
    expect((await admin.delete('/api/calendar/holidays/2027-06-10').send({})).status).toBe(200);
    const before = await sessions();
    expect((await anonymous(t.system).post('/api/auth/login').send({ username: 'kasi', password: 'demo12345' })).status).toBe(200);
    expect(await sessions()).toBe(before + 1);
  });

  it('reads the own origin from X-Forwarded-Host only behind a trusted proxy', async () => {
    const request = (agent: Agent) => agent.put('/api/calendar/holidays/2027-06-11').set('Host', '127.0.0.1:3000').set('X-Forwarded-Host', 'sop.kapuas.go.id').set('Origin', 'https://sop.kapuas.go.id').send({ name: 'Cuti' });
    expect((await request(admin)).status).toBe(403);
    const proxied = await startTestSystem(backend, { TRUST_PROXY: 'loopback' });
    try {
      expect((await request(await signIn(proxied.system, 'admin-sistem'))).status).toBe(200);
    } finally {
      await closeTestSystem(proxied);
    }
  });

  it('leaves reading alone', async () => {
    expect((await admin.get('/api/calendar/holidays?year=2026').set('Origin', 'https://evil.example')).status).toBe(200);
  });
});
