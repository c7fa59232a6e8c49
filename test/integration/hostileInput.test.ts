import zlib from 'node:zlib';
import { backends, signIn, startTestSystem, type TestSystem } from '../support/testSystem';
import { type Agent, anonymous, closeTestSystem, deployFixture, fixture } from './helpers';

jest.setTimeout(60_000);

/**
 * Hostile input (issue 9): each bad request gets a 4xx with a message, writes nothing, and never
 * holds the server. Counted rows before and after show "nothing written".
 */
describe.each(backends)('hostile input (%s)', (backend) => {
  let t: TestSystem;
  const as: Record<string, Agent> = {};

  const count = async (table: string) => (await t.system.db.query<{ n: number }>(`select count(*)::int as n from ${table}`)).rows[0].n;

  /** Runs `request` and checks that none of `tables` gained or lost a row. */
  async function writesNothing<T>(tables: string[], request: () => Promise<T>): Promise<T> {
    const before = await Promise.all(tables.map(count));
    const res = await request();
    expect(Object.fromEntries(tables.map((x, i) => [x, before[i]]))).toEqual(Object.fromEntries(await Promise.all(tables.map(async (x) => [x, await count(x)]))));
    return res;
  }

  /** A refusal: the status, an error and a detail that says what was wrong. */
  function expectRefused(res: { status: number; body: { error?: string; detail?: unknown } }, status: number, detail: RegExp): void {
    expect([res.status, res.body.error, String(res.body.detail)]).toEqual([status, expect.any(String), expect.stringMatching(detail)]);
  }

  beforeAll(async () => {
    t = await startTestSystem(backend);
    for (const u of ['pemilik-proses', 'admin-utama', 'kasi', 'auditor']) as[u] = await signIn(t.system, u);
    await deployFixture(as['pemilik-proses'], 'approval');
    await deployFixture(as['pemilik-proses'], 'complaints-sop-555-05');
  });
  afterAll(() => closeTestSystem(t));

  describe('NUL characters', () => {
    it('refuses a NUL in the sign-in form, naming the field, and counts no failure', async () => {
      const res = await writesNothing(['login_failures', 'sessions'], () =>
        anonymous(t.system).post('/api/auth/login').send({ username: 'kasi\u0000', password: 'demo12345' }),
      );
      expectRefused(res, 400, /username/);
      expect(res.body.code).toBe('request.nulCharacter');
    });

    it('refuses a NUL deep inside a JSON body, naming its path', async () => {
      const res = await writesNothing(['process_instances', 'tasks', 'history'], () =>
        as.kasi.post('/api/process-definitions/approval/start').send({ variables: { pelapor: { nama: ['Budi', 'x\u0000y'] } } }),
      );
      expectRefused(res, 400, /variables\.pelapor\.nama\.1/);
    });

    it('refuses a NUL in a JSON key', async () => {
      const res = await writesNothing(['process_instances'], () =>
        as.kasi.post('/api/process-definitions/approval/start').send({ variables: { 'a\u0000b': 1 } }),
      );
      expectRefused(res, 400, /variables/);
    });

    it('refuses a NUL in a complaint intake', async () => {
      const res = await writesNothing(['complaints', 'process_instances', 'complaint_counters'], () =>
        as['admin-utama'].post('/api/complaints').send({ channel: 'whatsapp', subject: 'Jalan\u0000', description: 'Berlubang' }),
      );
      expectRefused(res, 400, /subject/);
    });

    it('refuses a NUL in a query string and in a path parameter', async () => {
      expectRefused(await as.auditor.get('/api/complaints?q=a%00b'), 400, /q/);
      expectRefused(await as.auditor.get('/api/complaints/KPS%00'), 400, /trackingId/);
      expectRefused(await anonymous(t.system).get('/api/public/complaints/KPS-2026-%00'), 400, /trackingId/);
    });
  });

  it('names each field at fault with its rule and real bound, for the web app to word in Indonesian', async () => {
    const res = await writesNothing(['complaints', 'process_instances'], () =>
      as['admin-utama']
        .post('/api/complaints')
        .send({ district: 'kapuas', channel: 'merpati', subject: '', description: 'x'.repeat(20_001), reporter: { name: 'A', umur: 3 } }),
    );
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('request.invalid');
    const fields = res.body.fields as { field: string; rule: string; limit?: number; expected?: string }[];
    expect(fields.find((f) => f.field === 'subject')).toMatchObject({ rule: 'required' });
    expect(fields.find((f) => f.field === 'channel')).toMatchObject({ rule: 'choice', expected: expect.stringContaining('whatsapp') });
    expect(fields.find((f) => f.field === 'description')).toMatchObject({ rule: 'maxLength', limit: expect.any(Number) });
    expect(fields.find((f) => f.field === 'reporter.umur')).toMatchObject({ rule: 'notAField' });
  });

  it('answers 400 for a malformed percent-encoding in a path', async () => {
    expectRefused(await as.kasi.get('/api/tasks/%E0%A4%A'), 400, /%E0%A4%A/);
    expectRefused(await anonymous(t.system).get('/api/public/complaints/%E0%A4%A'), 400, /%E0%A4%A/);
  });

  describe('dates in query strings', () => {
    it.each([
      ['/api/complaints?from=2026-02-30', /from/],
      ['/api/complaints?to=2026-13-01', /to/],
      ['/api/complaints?from=2026-02-30T08:00:00%2B07:00', /from/],
      ['/api/audit/instances?from=2026-02-30', /from/],
      ['/api/recap?from=2026-02-30&to=2026-03-31', /from/],
      ['/api/calendar/due?duration=P1D&from=2026-02-30T08:00:00%2B07:00', /from/],
    ])('refuses %s with 400', async (url, field) => {
      expectRefused(await as.auditor.get(url), 400, field);
    });

    it('still takes a real date', async () => {
      expect((await as.auditor.get('/api/complaints?from=2024-02-29&to=2026-02-28')).status).toBe(200);
    });
  });

  describe('bodies that cannot be read', () => {
    const login = () => anonymous(t.system).post('/api/auth/login');

    it('refuses an unknown charset with 415', async () => {
      const res = await login().set('Content-Type', 'application/json; charset=foo').send('{"username":"kasi","password":"demo12345"}');
      expectRefused(res, 415, /charset/i);
    });

    it('refuses a gzip body that is not gzip with 400', async () => {
      const res = await writesNothing(['sessions'], () =>
        login().set('Content-Type', 'application/json').set('Content-Encoding', 'gzip').send('this is not gzip at all'),
      );
      expectRefused(res, 400, /.+/);
    });

    it('refuses an unknown content encoding with 415', async () => {
      const res = await login().set('Content-Type', 'application/json').set('Content-Encoding', 'x-rot13').send('{}');
      expectRefused(res, 415, /x-rot13/);
    });

    it('still reads a real gzip body', async () => {
      const body = zlib.gzipSync(JSON.stringify({ username: 'kasi', password: 'demo12345' }));
      // superagent would JSON-encode a Buffer sent as application/json; the bytes go as they are.
      const res = await login().set('Content-Type', 'application/json').set('Content-Encoding', 'gzip').serialize((b: Buffer) => b as unknown as string).send(body);
      expect(res.status).toBe(200);
    });

    it('refuses broken JSON with 400', async () => {
      expectRefused(await login().set('Content-Type', 'application/json').send('{"username":'), 400, /.+/);
    });
  });

  it('refuses JSON nested deeper than 32 levels with 400, before it is parsed', async () => {
    const deep = `{"variables":{"v":${'['.repeat(10_000)}${']'.repeat(10_000)}}}`;
    const res = await writesNothing(['process_instances'], () =>
      as.kasi.post('/api/process-definitions/approval/start').set('Content-Type', 'application/json').send(deep),
    );
    expectRefused(res, 400, /32/);
    expect(res.body.code).toBe('request.tooDeep');
    // Brackets inside strings are text, not nesting.
    const text = await as.kasi.post('/api/process-definitions/approval/start').send({ variables: { v: '['.repeat(100) } });
    expect(text.status).toBe(201);
  });

  it.each(['__proto__', 'constructor', 'prototype'])('refuses a variable named %s anywhere in variables', async (key) => {
    const start = await writesNothing(['process_instances'], () =>
      as.kasi.post('/api/process-definitions/approval/start').set('Content-Type', 'application/json').send(`{"variables":{"a":{"${key}":{"x":1}}}}`),
    );
    expectRefused(start, 400, new RegExp(`variables\\.a.*${key}`));
    const started = await as.kasi.post('/api/process-definitions/approval/start').send({ variables: {} });
    const task = (await as.kasi.get('/api/tasks')).body.find((x: { instanceId: string }) => x.instanceId === started.body.id);
    await as.kasi.post(`/api/tasks/${task.id}/claim`).send({}).expect(200);
    const complete = await writesNothing(['history'], () =>
      as.kasi.post(`/api/tasks/${task.id}/complete`).set('Content-Type', 'application/json').send(`{"variables":{"${key}":true}}`),
    );
    expectRefused(complete, 400, new RegExp(key));
  });

  describe('working-time durations', () => {
    it('refuses a due-date question of more than ~5 years of working days, and keeps answering', async () => {
      const res = await as.kasi.get('/api/calendar/due?duration=P99999999D');
      expectRefused(res, 400, /1300 working days/);
      for (const d of ['P1300D', 'P99999W', 'PT99999999H', 'P9999Y']) expect([d, (await as.kasi.get(`/api/calendar/due?duration=${d}`)).status]).toEqual([d, d === 'P1300D' ? 200 : 400]);
      expect((await as.kasi.get('/api/calendar/due?duration=P3D')).status).toBe(200);
    });

    it('refuses to deploy a diagram whose timer or due date is longer than the bound', async () => {
      for (const [from, to] of [
        ['camunda:dueDate="P3D"', 'camunda:dueDate="P99999999D"'],
        ['P60D', 'P99999999D'],
      ] as const) {
        const name = from.startsWith('camunda') ? 'approval' : 'call-parent';
        const xml = fixture(name).replace(from, to).replace(/id="(approval|call-parent)"/, 'id="$1-long"');
        const res = await writesNothing(['deployments', 'process_definitions'], () => as['pemilik-proses'].post('/api/deployments').send({ name: `${name}-long.bpmn`, xml }));
        expectRefused(res, 400, /P99999999D/);
      }
      expect((await as.kasi.get('/api/tasks')).status).toBe(200);
    });
  });
});
