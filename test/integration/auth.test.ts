import { LoginThrottle } from '../../src/domain/loginThrottle';
import { backends, signIn, startTestSystem, type TestSystem } from '../support/testSystem';
import { anonymous, closeTestSystem, fillPath, sessionCookieOf } from './helpers';

jest.setTimeout(30_000);

describe.each(backends)('auth (%s)', (backend) => {
  let t: TestSystem;

  beforeAll(async () => {
    t = await startTestSystem(backend);
  });

  afterAll(async () => {
    await closeTestSystem(t);
  });

  it('signs in with the right password and sets an httpOnly, SameSite=Lax session cookie', async () => {
    const res = await anonymous(t.system).post('/api/auth/login').send({ username: 'kasi', password: 'demo12345' });

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ username: 'kasi', roles: ['kasi'], groups: ['kasi'], active: true });
    expect(JSON.stringify(res.body)).not.toMatch(/password|hash/i);
    const setCookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
    const session = setCookie.find((c) => c.startsWith('sop_session='));
    expect(session).toBeDefined();
    expect(session).toMatch(/;\s*HttpOnly/i);
    expect(session).toMatch(/;\s*SameSite=Lax/i);
    expect(session).toMatch(/;\s*Path=\//);
    expect(session).not.toMatch(/;\s*Secure/i); // NODE_ENV=test: served over plain http
    expect(sessionCookieOf(res).length).toBeGreaterThan('sop_session='.length + 30);
  });

  it('refuses a wrong password and an unknown user with the same 401, without a cookie', async () => {
    const wrong = await anonymous(t.system).post('/api/auth/login').send({ username: 'kasi', password: 'demo12346' });
    const unknown = await anonymous(t.system).post('/api/auth/login').send({ username: 'nobody-here', password: 'demo12345' });

    for (const res of [wrong, unknown]) {
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ error: 'wrong username or password' });
      expect(res.headers['set-cookie']).toBeUndefined();
    }
  });

  it('answers 400 naming the missing field', async () => {
    const noPassword = await anonymous(t.system).post('/api/auth/login').send({ username: 'kasi' });
    expect(noPassword.status).toBe(400);
    expect(noPassword.body.detail).toMatch(/password/);
    expect(noPassword.body.detail).not.toMatch(/username/);

    const noUsername = await anonymous(t.system).post('/api/auth/login').send({ password: 'demo12345' });
    expect(noUsername.status).toBe(400);
    expect(noUsername.body.detail).toMatch(/username/);
    expect(noUsername.body.detail).not.toMatch(/password/);

    const empty = await anonymous(t.system).post('/api/auth/login').send({ username: '', password: 'demo12345' });
    expect(empty.status).toBe(400);
    expect(empty.body.detail).toMatch(/username/);
  });

  it('rejects a body that is not JSON with 400', async () => {
    const res = await anonymous(t.system).post('/api/auth/login').set('Content-Type', 'application/json').send('{"username": ');
    expect(res.status).toBe(400);
    expect(res.body.error).toMatch(/JSON/);
  });

  it('tells the signed-in user who they are, with roles and OPD groups', async () => {
    const agent = await signIn(t.system, 'pejabat-penghubung');
    const me = await agent.get('/api/auth/me');

    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({
      username: 'pejabat-penghubung',
      opd: 'dinkes',
      roles: ['pejabat-penghubung'],
      groups: ['pejabat-penghubung', 'pejabat-penghubung:dinkes'],
    });
  });

  it('says what each role permits, so the web app offers only those screens', async () => {
    const may = async (username: string) => (await (await signIn(t.system, username)).get('/api/auth/me')).body.may;
    expect(await may('pejabat-penghubung')).toEqual({ deploy: false, intake: false, readHistory: true, readDashboard: false, recap: true, administer: false, sendEvents: false, superviseLate: true });
    expect(await may('admin-utama')).toEqual({ deploy: false, intake: true, readHistory: true, readDashboard: true, recap: true, administer: false, sendEvents: false, superviseLate: false });
    expect(await may('pemilik-proses')).toEqual({ deploy: true, intake: false, readHistory: true, readDashboard: true, recap: true, administer: false, sendEvents: true, superviseLate: false });
    expect(await may('auditor')).toEqual({ deploy: false, intake: false, readHistory: true, readDashboard: true, recap: true, administer: false, sendEvents: false, superviseLate: false });
    expect((await may('admin-sistem')).administer).toBe(true);
  });

  it('answers /api/auth/me with 401 without a session or with a made-up one', async () => {
    const none = await anonymous(t.system).get('/api/auth/me');
    expect(none.status).toBe(401);
    expect(none.body.error).toBe('not signed in');

    const forged = await anonymous(t.system).get('/api/auth/me').set('Cookie', 'sop_session=not-a-real-token');
    expect(forged.status).toBe(401);
  });

  it('ends the session on logout: the old cookie no longer works', async () => {
    const login = await anonymous(t.system).post('/api/auth/login').send({ username: 'kabid', password: 'demo12345' });
    const cookie = sessionCookieOf(login);
    expect((await anonymous(t.system).get('/api/auth/me').set('Cookie', cookie)).status).toBe(200);

    const logout = await anonymous(t.system).post('/api/auth/logout').send({}).set('Cookie', cookie);
    expect(logout.status).toBe(204);
    const cleared = ([] as string[]).concat(logout.headers['set-cookie'] ?? []).find((c) => c.startsWith('sop_session='));
    expect(cleared).toMatch(/Expires=Thu, 01 Jan 1970/);

    // Replaying the old token is refused: the session is gone on the server, not only in the browser.
    expect((await anonymous(t.system).get('/api/auth/me').set('Cookie', cookie)).status).toBe(401);
    expect((await anonymous(t.system).post('/api/auth/logout').send({}).set('Cookie', cookie)).status).toBe(401);
  });

  it('keeps other sessions of the same user when one logs out', async () => {
    const a = await signIn(t.system, 'kadis');
    const b = await signIn(t.system, 'kadis');
    expect((await a.post('/api/auth/logout').send({})).status).toBe(204);
    expect((await a.get('/api/auth/me')).status).toBe(401);
    expect((await b.get('/api/auth/me')).status).toBe(200);
  });

  it('serves /api/health and the OpenAPI document without a session', async () => {
    const health = await anonymous(t.system).get('/api/health');
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ status: 'ok', database: backend, clock: 'manual', now: '2026-11-16T01:00:00.000Z' });

    const doc = await anonymous(t.system).get('/api/openapi.json');
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toBe('3.1.0');
  });

  it('answers 401 on every non-public route of the OpenAPI document without a session', async () => {
    const doc = (await anonymous(t.system).get('/api/openapi.json')).body as {
      security: unknown[];
      paths: Record<string, Record<string, { security?: unknown[] }>>;
    };
    const checked: string[] = [];
    const publicOps: string[] = [];
    for (const [template, operations] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(operations)) {
        const isPublic = Array.isArray(op.security) && op.security.length === 0;
        const res = await anonymous(t.system)[method as 'get' | 'post' | 'put' | 'patch' | 'delete'](fillPath(template)).send({});
        if (isPublic) {
          publicOps.push(`${method.toUpperCase()} ${template}`);
          expect([method, template, res.status]).not.toEqual([method, template, 401]);
        } else {
          expect([method, template, res.status]).toEqual([method, template, 401]);
          checked.push(`${method.toUpperCase()} ${template}`);
        }
      }
    }
    expect(publicOps.sort()).toEqual(['GET /api/health', 'GET /api/openapi.json', 'GET /api/public/complaints/{trackingId}', 'GET /api/ready', 'GET /metrics', 'POST /api/auth/login', 'POST /api/public/complaints/{trackingId}/replies']);
    // The document lists every route family; a shrunken document would make this test vacuous.
    expect(checked.length).toBeGreaterThanOrEqual(20);
    expect(checked).toEqual(expect.arrayContaining(['GET /api/tasks', 'POST /api/deployments', 'PATCH /api/users/{id}', 'POST /api/_clock/advance']));
  });
  describe('guessing passwords', () => {
    const login = (username: string, password: string) => anonymous(t.system).post('/api/auth/login').send({ username, password });

    it('refuses the sixth try after five wrong passwords for one name from one address, even with the right one (429, Retry-After)', async () => {
      for (let i = 0; i < 5; i++) expect((await login('kabid', `salah-${i}`)).status).toBe(401);
      const locked = await login('kabid', 'demo12345');
      expect(locked.status).toBe(429);
      expect(locked.body).toMatchObject({ error: 'too many failed sign-ins', code: 'auth.throttled', params: { minutes: 15 } });
      expect(Number(locked.headers['retry-after'])).toBeGreaterThan(14 * 60);
      expect(locked.headers['set-cookie']).toBeUndefined();
      // Another name from the same address is not locked.
      expect((await login('kadis', 'demo12345')).status).toBe(200);
    });

    // The rules with a clock of our own: windows and locks pass without waiting.
    let now = new Date(); // real time, as the HTTP tries above were counted
    const throttle = () => new LoginThrottle(t.system.db, { now: () => now });
    const later = (minutes: number) => {
      now = new Date(now.getTime() + minutes * 60_000);
    };
    const fail = async (username: string, ip: string, times: number) => {
      for (let i = 0; i < times; i++) await throttle().failed({ username, ip });
    };

    it('lifts a lock after 15 minutes, and forgives a failure once its window has passed', async () => {
      await fail('sekda', '10.0.0.1', 5);
      expect(await throttle().retryAfterSeconds({ username: 'SEKDA', ip: '10.0.0.1' })).toBe(15 * 60);
      later(15);
      expect(await throttle().retryAfterSeconds({ username: 'sekda', ip: '10.0.0.1' })).toBe(0);
      // Four failures, a pause longer than the window, four more: never five in one window.
      await fail('apip', '10.0.0.2', 4);
      later(16);
      await fail('apip', '10.0.0.2', 4);
      expect(await throttle().retryAfterSeconds({ username: 'apip', ip: '10.0.0.2' })).toBe(0);
    });

    it('a right password forgives that address its mistakes for the name, not the address its other names', async () => {
      await fail('kasi', '10.0.0.3', 4);
      await throttle().succeeded({ username: 'kasi', ip: '10.0.0.3' });
      await fail('kasi', '10.0.0.3', 4);
      expect(await throttle().retryAfterSeconds({ username: 'kasi', ip: '10.0.0.3' })).toBe(0);
    });

    it('locks an address trying many names, and a name tried from many addresses', async () => {
      for (let i = 0; i < 20; i++) await throttle().failed({ username: `nama-${i}`, ip: '10.0.0.4' });
      expect(await throttle().retryAfterSeconds({ username: 'nama-baru', ip: '10.0.0.4' })).toBe(15 * 60);
      expect(await throttle().retryAfterSeconds({ username: 'nama-baru', ip: '10.0.0.5' })).toBe(0);

      for (let i = 0; i < 50; i++) await throttle().failed({ username: 'pimpinan-opd', ip: `10.1.0.${i}` });
      expect(await throttle().retryAfterSeconds({ username: 'pimpinan-opd', ip: '10.2.0.1' })).toBe(15 * 60);
    });

    it('keeps no rows once windows and locks have passed', async () => {
      later(60);
      await throttle().failed({ username: 'tim-pengaduan', ip: '10.0.0.9' });
      const { rows } = await t.system.db.query<{ key: string }>('select key from login_failures');
      expect(rows.map((r) => r.key).sort()).toEqual(['ip:10.0.0.9', 'user-ip:tim-pengaduan|10.0.0.9', 'user:tim-pengaduan']);
    });
  });
});
