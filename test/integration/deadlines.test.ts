import { loadConfig } from '../../src/config';
import { createSystem } from '../../src/system';
import { backends, signIn, startTestSystem, type TestSystem } from '../support/testSystem';
import { closeTestSystem, deployFixture, tasksIn, wib, type Agent, type HistoryItem } from './helpers';

jest.setTimeout(60_000);

/**
 * A holiday added or removed while complaints run: every working-time deadline whose span crosses
 * that day is counted again from when its step began (a cuti bersama across a P3D deadline moves
 * it one working day), the timer fires at the moved moment and not before, the history says so,
 * and removing the holiday moves it back. The manual clock starts on Monday 16 November 2026, 08:00 WIB.
 */
describe.each(backends)('deadlines follow the working calendar (%s)', (backend) => {
  let t: TestSystem;
  let admin: Agent;
  let kasi: Agent;
  let auditor: Agent;
  beforeAll(async () => {
    t = await startTestSystem(backend);
    admin = await signIn(t.system, 'admin-sistem');
    kasi = await signIn(t.system, 'kasi');
    auditor = await signIn(t.system, 'auditor');
    await deployFixture(await signIn(t.system, 'pemilik-proses'), 'deadline-p3d');
  });
  afterAll(() => closeTestSystem(t));

  const start = async () => {
    const res = await kasi.post('/api/process-definitions/tenggat-p3d/start').send({});
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  const timers = async (id: string) => ((await auditor.get(`/api/instances/${id}`)).body as { timers: { elementId: string; dueAt: string }[] }).timers;
  const taskOf = async (id: string, elementId = 'telaah') => (await tasksIn(kasi, id)).find((x) => x.elementId === elementId)!;
  const taskDue = async (id: string) => (await taskOf(id)).dueAt;
  const history = async (id: string) => (await auditor.get(`/api/instances/${id}/history`)).body as HistoryItem[];
  const fired = async (id: string) => (await history(id)).filter((h) => h.type === 'timer-fired').length;
  const clockTo = async (local: string) => {
    await kasi.post('/api/_clock/set').send({ at: `${local}+07:00` }).expect(200);
    await t.system.engine.scheduler.runDue();
  };

  it('a cuti bersama across a pending P3D deadline moves its task and timer one working day; the timer fires then, not before', async () => {
    const a = await start();
    const b = await start();
    expect(await taskDue(a)).toBe(wib('2026-11-19T08:00:00'));
    expect(await timers(a)).toEqual([{ elementId: 'lewat3', dueAt: wib('2026-11-19T08:00:00') }]);

    const added = await admin.put('/api/calendar/holidays/2026-11-17').send({ name: 'Cuti bersama uji' });
    expect(added.status).toBe(200);
    expect(added.body.deadlinesMoved).toEqual({ moved: 4, instances: 2 });
    for (const id of [a, b]) {
      expect(await taskDue(id)).toBe(wib('2026-11-20T08:00:00'));
      expect(await timers(id)).toEqual([{ elementId: 'lewat3', dueAt: wib('2026-11-20T08:00:00') }]);
    }
    const moves = (await history(a)).filter((h) => h.type === 'deadline-moved');
    expect(moves.map((h) => [h.elementId, h.actor, h.to]).sort()).toEqual([
      ['lewat3', 'admin-sistem', wib('2026-11-20T08:00:00')],
      ['telaah', 'admin-sistem', wib('2026-11-20T08:00:00')],
    ]);

    // Thursday morning, the old deadline passed: nothing fires, also when the engine runs the
    // instance for another step (it recovers the timer from its state, which holds the old date).
    await clockTo('2026-11-19T09:00:00');
    const other = await taskOf(a, 'catat');
    await kasi.post(`/api/tasks/${other.id}/claim`).send({}).expect(200);
    await kasi.post(`/api/tasks/${other.id}/complete`).send({ variables: {} }).expect(200);
    const task = await taskOf(a);
    await kasi.post(`/api/tasks/${task.id}/claim`).send({}).expect(200);
    expect(await fired(a)).toBe(0);
    expect(await timers(a)).toEqual([{ elementId: 'lewat3', dueAt: wib('2026-11-20T08:00:00') }]);
    expect(await fired(b)).toBe(0);

    await clockTo('2026-11-20T08:01:00');
    expect(await fired(a)).toBe(1);
    expect(await fired(b)).toBe(1);
    expect((await auditor.get(`/api/instances/${a}`)).body.status).toBe('running');
    // The task stays, now late against its moved due date, and can be done.
    await kasi.post(`/api/tasks/${task.id}/complete`).send({ variables: {} }).expect(200);
    expect((await auditor.get(`/api/instances/${a}`)).body.status).toBe('completed');
  });

  it('removing the holiday moves the deadline back, and a deadline that is then past fires at once', async () => {
    // Friday 20 November 09:00: P3D ends Wednesday 25 November 09:00.
    await clockTo('2026-11-20T09:00:00');
    const c = await start();
    expect(await taskDue(c)).toBe(wib('2026-11-25T09:00:00'));
    expect((await admin.put('/api/calendar/holidays/2026-11-23').send({ name: 'Libur daerah uji' })).body.deadlinesMoved.moved).toBeGreaterThanOrEqual(2);
    expect(await taskDue(c)).toBe(wib('2026-11-26T09:00:00'));

    await clockTo('2026-11-25T09:30:00');
    expect(await fired(c)).toBe(0);
    const removed = await admin.delete('/api/calendar/holidays/2026-11-23').send({});
    expect(removed.status).toBe(200);
    expect(removed.body.deadlinesMoved.moved).toBeGreaterThanOrEqual(2);
    expect(await taskDue(c)).toBe(wib('2026-11-25T09:00:00'));
    await t.system.engine.scheduler.runDue();
    expect(await fired(c)).toBe(1);
    const incidents = (await history(c)).filter((h) => h.type === 'incident');
    expect(incidents).toEqual([]);
  });

  it('a day no deadline crosses moves nothing, and staff other than admin-sistem may not change the calendar', async () => {
    const none = await admin.put('/api/calendar/holidays/2027-03-03').send({ name: 'Jauh di depan' });
    expect(none.body.deadlinesMoved).toEqual({ moved: 0, instances: 0 });
    expect((await kasi.put('/api/calendar/holidays/2027-03-04').send({ name: 'x' })).status).toBe(403);
  });
});

const onServer = process.env.TEST_DATABASE_URL ? describe : describe.skip;

onServer('a holiday added on one app process counts on another at once', () => {
  it('the second process counts the new holiday in its very next due date', async () => {
    const t = await startTestSystem('postgres');
    const second = await createSystem(loadConfig({ NODE_ENV: 'test', SOP_CLOCK: 'manual', PROCESSES_DIR: '/nonexistent', PORT: '0', DATABASE_URL: t.system.config.databaseUrl! }));
    try {
      const reader = await signIn(second, 'kasi');
      const due = async () => (await reader.get('/api/calendar/due').query({ duration: 'P1D', from: wib('2026-11-16T08:00:00') })).body.dueAt;
      expect(await due()).toBe(wib('2026-11-17T08:00:00'));
      await (await signIn(t.system, 'admin-sistem')).put('/api/calendar/holidays/2026-11-17').send({ name: 'Cuti bersama' }).expect(200);
      expect(await due()).toBe(wib('2026-11-18T08:00:00'));
    } finally {
      await second.close();
      await closeTestSystem(t);
    }
  });
});
