import { DateTime } from 'luxon';
import { backends, signIn, startTestSystem, type TestSystem } from '../support/testSystem';
import { closeTestSystem, deployFixture, fixture, tasksIn, wib, type Agent, type HistoryItem } from './helpers';

jest.setTimeout(30_000);

const HOUR = 3600_000;
const MINUTE = 60_000;

interface InstanceView {
  id: string;
  status: string;
  version: number;
  activeElements: string[];
  startedAt: string;
  timers: { elementId: string; dueAt: string }[];
  variables: Record<string, unknown>;
}

describe.each(backends)('timers (%s)', (backend) => {
  const signInAll = async (t: TestSystem, users: string[]) => {
    const as: Record<string, Agent> = {};
    for (const u of users) as[u] = await signIn(t.system, u);
    return as;
  };
  const instance = async (agent: Agent, id: string) => (await agent.get(`/api/instances/${id}`)).body as InstanceView;
  const history = async (agent: Agent, id: string) => (await agent.get(`/api/instances/${id}/history`)).body as HistoryItem[];
  const start = async (agent: Agent, key: string, body: object = {}) => {
    const res = await agent.post(`/api/process-definitions/${key}/start`).send(body);
    expect(res.status).toBe(201);
    return res.body as InstanceView;
  };
  const setClock = async (agent: Agent, local: string) => {
    const res = await agent.post('/api/_clock/set').send({ at: `${local}+07:00` });
    expect(res.status).toBe(200);
    return res.body as { now: string; fired: number };
  };
  const advance = async (agent: Agent, ms: number) => {
    const res = await agent.post('/api/_clock/advance').send({ ms });
    expect(res.status).toBe(200);
    return res.body as { now: string; fired: number };
  };

  describe('boundary and intermediate timers', () => {
    let t: TestSystem;
    let as: Record<string, Agent>;
    let escalation: InstanceView;
    let interrupting: InstanceView;
    let waiting: InstanceView;

    beforeAll(async () => {
      t = await startTestSystem(backend);
      as = await signInAll(t, ['pemilik-proses', 'kasi', 'kabid', 'kadis', 'auditor']);
      for (const f of ['escalation-timer', 'interrupting-timer', 'wait-until-date']) await deployFixture(as['pemilik-proses'], f);
      escalation = await start(as.kasi, 'escalation-timer', { businessKey: 'ESK-1' });
      interrupting = await start(as.kasi, 'interrupting-timer', { businessKey: 'INT-1' });
      waiting = await start(as.kasi, 'wait-until-date', { businessKey: 'WAIT-1' });
    });

    afterAll(async () => {
      await closeTestSystem(t);
    });

    it('arms a working-time timer: PT7H30M from Monday 08:00 is due Tuesday 08:00', async () => {
      expect(escalation.startedAt).toBe(wib('2026-11-16T08:00:00'));
      expect(escalation.timers).toEqual([{ elementId: 'one-day', dueAt: wib('2026-11-17T08:00:00') }]);
      expect((await instance(as.auditor, escalation.id)).timers).toEqual(escalation.timers);
      // The task's camunda:dueDate P1D is one working day too.
      const [handle] = await tasksIn(as.kasi, escalation.id);
      expect(handle).toMatchObject({ elementId: 'handle', dueAt: wib('2026-11-17T08:00:00') });
      // P3D in working days: Thursday; a timeDate is kept as written.
      expect(interrupting.timers).toEqual([{ elementId: 'deadline', dueAt: wib('2026-11-19T08:00:00') }]);
      expect(waiting.timers).toEqual([{ elementId: 'wait', dueAt: wib('2026-11-20T10:00:00') }]);
      expect(waiting.activeElements).toEqual(['wait']);
    });

    it('does not fire before it is due', async () => {
      const moved = await advance(as.kasi, 7 * HOUR);
      // `mailed` counts the started task's own mail (assigned: at once), not a timer's.
      expect(moved).toMatchObject({ now: wib('2026-11-16T15:00:00'), fired: 0 });

      const now = await instance(as.auditor, escalation.id);
      expect(now.timers).toHaveLength(1);
      expect(now.activeElements).not.toContain('escalate');
      expect(await tasksIn(as.kabid, escalation.id)).toHaveLength(0);
      expect((await history(as.auditor, escalation.id)).some((h) => h.type === 'timer-fired')).toBe(false);
    });

    it('fires once past its due time: the escalation reaches kabid and the task stays with kasi', async () => {
      const moved = await advance(as.kasi, 17 * HOUR + MINUTE); // Tuesday 08:01
      expect(moved.now).toBe(wib('2026-11-17T08:01:00'));
      expect(moved.fired).toBe(1);

      const now = await instance(as.auditor, escalation.id);
      expect(now.timers).toEqual([]);
      expect([...now.activeElements].sort()).toEqual(['escalate', 'handle']);
      const [escalate] = await tasksIn(as.kabid, escalation.id);
      expect(escalate).toMatchObject({ elementId: 'escalate', name: 'Escalation: complaint not handled', candidateGroups: ['kabid'] });
      expect(await tasksIn(as.kasi, escalation.id)).toEqual([expect.objectContaining({ elementId: 'handle' })]);

      const fired = (await history(as.auditor, escalation.id)).filter((h) => h.type === 'timer-fired');
      expect(fired).toEqual([expect.objectContaining({ elementId: 'one-day', actor: null, at: wib('2026-11-17T08:01:00') })]);

      // Nothing fires a second time.
      expect((await advance(as.kasi, HOUR)).fired).toBe(0);
      expect(await tasksIn(as.kabid, escalation.id)).toHaveLength(1);
    });

    it('an interrupting timer cancels the task and the instance moves on', async () => {
      const [handle] = await tasksIn(as.kasi, interrupting.id);
      expect((await as.kasi.post(`/api/tasks/${handle.id}/claim`).send({})).status).toBe(200);

      expect((await setClock(as.kasi, '2026-11-19T07:59:00')).fired).toBe(0);
      expect((await as.auditor.get(`/api/tasks/${handle.id}`)).body.status).toBe('open');

      expect((await setClock(as.kasi, '2026-11-19T08:01:00')).fired).toBe(1);
      const task = await as.auditor.get(`/api/tasks/${handle.id}`);
      expect(task.status).toBe(200);
      expect(task.body).toMatchObject({ id: handle.id, status: 'cancelled', elementId: 'handle' });
      expect(await tasksIn(as.kasi, interrupting.id)).toEqual([]);

      const now = await instance(as.auditor, interrupting.id);
      expect(now).toMatchObject({ status: 'running', activeElements: ['take-over'], timers: [] });
      const [takeOver] = await tasksIn(as.kadis, interrupting.id);
      expect(takeOver.elementId).toBe('take-over');

      const h = await history(as.auditor, interrupting.id);
      const types = h.map((x) => `${x.type}:${x.elementId ?? ''}`);
      expect(types).toContain('timer-fired:deadline');
      expect(types).toContain('task-cancelled:handle');
      expect(h.find((x) => x.type === 'task-cancelled')).toMatchObject({ taskId: handle.id });
      expect(types.indexOf('timer-fired:deadline')).toBeLessThan(types.indexOf('task-created:take-over'));

      // The withdrawn task can no longer be completed, even by its assignee.
      expect((await as.kasi.post(`/api/tasks/${handle.id}/complete`).send({})).status).toBe(409);

      expect((await as.kadis.post(`/api/tasks/${takeOver.id}/claim`).send({})).status).toBe(200);
      expect((await as.kadis.post(`/api/tasks/${takeOver.id}/complete`).send({})).status).toBe(200);
      expect((await instance(as.auditor, interrupting.id)).status).toBe('completed');
    });

    it('an intermediate timeDate timer waits until its moment', async () => {
      expect((await setClock(as.kasi, '2026-11-20T09:59:00')).fired).toBe(0);
      expect((await instance(as.auditor, waiting.id)).activeElements).toEqual(['wait']);
      expect(await tasksIn(as.kasi, waiting.id)).toEqual([]);

      expect((await setClock(as.kasi, '2026-11-20T10:00:00')).fired).toBe(1);
      const now = await instance(as.auditor, waiting.id);
      expect(now).toMatchObject({ activeElements: ['after-wait'], timers: [] });
      expect(await tasksIn(as.kasi, waiting.id)).toEqual([expect.objectContaining({ elementId: 'after-wait' })]);
      expect((await history(as.auditor, waiting.id)).filter((h) => h.type === 'timer-fired').map((h) => h.elementId)).toEqual(['wait']);
    });

    it('completing a task in time removes its boundary timer', async () => {
      const early = await start(as.kasi, 'escalation-timer', { businessKey: 'ESK-2' });
      // Friday 10:00 + one working day = Monday 10:00.
      expect(early.timers).toEqual([{ elementId: 'one-day', dueAt: wib('2026-11-23T10:00:00') }]);
      const [handle] = await tasksIn(as.kasi, early.id);
      await as.kasi.post(`/api/tasks/${handle.id}/claim`).send({});
      expect((await as.kasi.post(`/api/tasks/${handle.id}/complete`).send({})).status).toBe(200);

      expect(await instance(as.auditor, early.id)).toMatchObject({ status: 'completed', timers: [] });
      expect((await setClock(as.kasi, '2026-11-23T10:01:00')).fired).toBe(0);
      expect(await tasksIn(as.kabid, early.id)).toEqual([]);
      // A week after it fired, the first escalation still has exactly one escalation task.
      expect(await tasksIn(as.kabid, escalation.id)).toHaveLength(1);
      expect((await history(as.auditor, escalation.id)).filter((h) => h.type === 'timer-fired')).toHaveLength(1);
    });
  });

  describe('working calendar: weekends, holidays, 60 working days', () => {
    let t: TestSystem;
    let as: Record<string, Agent>;
    let sixty: InstanceView;

    beforeAll(async () => {
      t = await startTestSystem(backend);
      as = await signInAll(t, ['pemilik-proses', 'kasi', 'kabid', 'apip', 'auditor']);
      for (const f of ['escalation-timer', 'sixty-day-timer']) await deployFixture(as['pemilik-proses'], f);
      sixty = await start(as.kasi, 'sixty-day-timer', { businessKey: 'SIXTY-1' });
    });

    afterAll(async () => {
      await closeTestSystem(t);
    });

    it('sets a P60D timer on the 60th working day, as /api/calendar/due computes it', async () => {
      const due = await as.kasi.get('/api/calendar/due').query({ duration: 'P60D', from: sixty.startedAt });
      expect(due.status).toBe(200);
      expect(due.body).toEqual({ from: sixty.startedAt, duration: 'P60D', dueAt: expect.any(String) });
      expect(sixty.timers).toEqual([{ elementId: 'sixty-days', dueAt: due.body.dueAt }]);

      // An independent count: the 60th weekday after Monday 16 November that is not a seeded holiday, at 08:00 WIB.
      const holidays = new Set<string>();
      for (const year of [2026, 2027]) {
        for (const h of (await as.kasi.get(`/api/calendar/holidays?year=${year}`)).body as { date: string }[]) holidays.add(h.date);
      }
      let day = DateTime.fromISO('2026-11-16T08:00:00', { zone: 'Asia/Pontianak' });
      for (let counted = 0; counted < 60; ) {
        day = day.plus({ days: 1 });
        if (day.weekday <= 5 && !holidays.has(day.toISODate()!)) counted++;
      }
      expect(sixty.timers[0].dueAt).toBe(day.toUTC().toISO());
      // More than 60 calendar days: weekends and holidays do not count.
      expect(Date.parse(sixty.timers[0].dueAt) - Date.parse(sixty.startedAt)).toBeGreaterThan(80 * 24 * HOUR);
    });

    it('counts a one-day timer over a weekday holiday and the weekend that follows', async () => {
      const holidays = (await as.kasi.get('/api/calendar/holidays?year=2026')).body as { date: string; name: string; source: string }[];
      const natal = holidays.find((h) => h.date === '2026-12-25');
      expect(natal).toMatchObject({ name: expect.stringMatching(/Natal/), source: 'date-holidays' });
      expect(DateTime.fromISO('2026-12-25').weekday).toBe(5); // a Friday

      await setClock(as.kasi, '2026-12-24T09:00:00'); // Thursday
      const beforeHoliday = await start(as.kasi, 'escalation-timer', { businessKey: 'NATAL-1' });
      // Thursday 09:00 + 7h30m of work: the rest of Thursday (6h), Friday is Natal, then the weekend,
      // and the last 1h30m on Monday from 07:30.
      const monday = wib('2026-12-28T09:00:00');
      expect(beforeHoliday.timers).toEqual([{ elementId: 'one-day', dueAt: monday }]);
      expect((await tasksIn(as.kasi, beforeHoliday.id))[0].dueAt).toBe(monday);
      const due = await as.kasi.get('/api/calendar/due').query({ duration: 'PT7H30M', from: '2026-12-24T09:00:00+07:00' });
      expect(due.body.dueAt).toBe(monday);

      expect((await setClock(as.kasi, '2026-12-28T08:59:00')).fired).toBe(0);
      expect(await tasksIn(as.kabid, beforeHoliday.id)).toEqual([]);
      expect((await setClock(as.kasi, '2026-12-28T09:00:30')).fired).toBe(1);
      expect(await tasksIn(as.kabid, beforeHoliday.id)).toEqual([expect.objectContaining({ elementId: 'escalate' })]);
    });

    it('fires the 60-working-day timer only after the 60th working day has come', async () => {
      const dueAt = DateTime.fromISO(sixty.timers[0].dueAt).setZone('Asia/Pontianak');
      const oneMinuteBefore = dueAt.minus({ minutes: 1 }).toFormat("yyyy-MM-dd'T'HH:mm:ss");
      const oneMinuteAfter = dueAt.plus({ minutes: 1 }).toFormat("yyyy-MM-dd'T'HH:mm:ss");

      expect((await setClock(as.kasi, oneMinuteBefore)).fired).toBe(0);
      expect((await instance(as.auditor, sixty.id)).timers).toHaveLength(1);
      expect(await tasksIn(as.apip, sixty.id)).toEqual([]);

      expect((await setClock(as.kasi, oneMinuteAfter)).fired).toBe(1);
      const now = await instance(as.auditor, sixty.id);
      expect(now.timers).toEqual([]);
      expect([...now.activeElements].sort()).toEqual(['alert-apip', 'follow-up']);
      expect(await tasksIn(as.apip, sixty.id)).toEqual([expect.objectContaining({ elementId: 'alert-apip', candidateGroups: ['apip'] })]);
    });
  });

  describe('timer start event, clock and calendar administration', () => {
    let t: TestSystem;
    let as: Record<string, Agent>;
    const reports = async () =>
      ((await as.auditor.get('/api/instances?key=quarterly-report')).body as InstanceView[]).sort((a, b) => a.startedAt.localeCompare(b.startedAt));

    beforeAll(async () => {
      t = await startTestSystem(backend);
      as = await signInAll(t, ['pemilik-proses', 'kasi', 'auditor', 'admin-sistem', 'admin-utama']);
      await deployFixture(as['pemilik-proses'], 'quarterly-report');
    });

    afterAll(async () => {
      await closeTestSystem(t);
    });

    it('starts no instance before the first occurrence of the cycle', async () => {
      expect(await reports()).toEqual([]);
      expect((await setClock(as.kasi, '2026-12-01T07:59:00')).fired).toBe(0);
      expect(await reports()).toEqual([]);
    });

    it('starts one instance at the first occurrence, and only one', async () => {
      const moved = await setClock(as.kasi, '2026-12-01T09:00:00');
      expect(moved.fired).toBe(1);
      const [first, ...more] = await reports();
      expect(more).toEqual([]);
      expect(first).toMatchObject({
        status: 'running',
        version: 1,
        startedBy: null,
        activeElements: ['report'],
        variables: { startedByTimer: 'quarterly', scheduledFor: wib('2026-12-01T08:00:00') },
      });
      expect(await tasksIn(as['admin-utama'], first.id)).toEqual([expect.objectContaining({ elementId: 'report' })]);

      expect((await setClock(as.kasi, '2027-02-28T23:00:00')).fired).toBe(0);
      expect(await reports()).toHaveLength(1);
    });

    it('starts the next instance a quarter later', async () => {
      expect((await setClock(as.kasi, '2027-03-01T09:00:00')).fired).toBe(1);
      const all = await reports();
      expect(all).toHaveLength(2);
      expect(all[1].variables).toEqual({ startedByTimer: 'quarterly', scheduledFor: wib('2027-03-01T08:00:00') });
    });

    it('moves the start timer to a new version instead of keeping both', async () => {
      const v2 = fixture('quarterly-report').replace('name="Write the quarterly report"', 'name="Write the quarterly report (v2)"');
      const deployed = await as['pemilik-proses'].post('/api/deployments').send({ name: 'quarterly-report.bpmn', xml: v2 });
      expect(deployed.body).toMatchObject({ version: 2 });

      expect((await setClock(as.kasi, '2027-06-01T09:00:00')).fired).toBe(1);
      const all = await reports();
      expect(all).toHaveLength(3);
      expect(all[2].version).toBe(2);
    });

    it('moves the clock only forward', async () => {
      const before = (await as.kasi.get('/api/health')).body.now;
      const back = await as.kasi.post('/api/_clock/set').send({ at: '2027-01-01T08:00:00+07:00' });
      expect(back.status).toBe(400);
      expect(back.body.error).toMatch(/forward/);
      expect((await as.kasi.post('/api/_clock/advance').send({ ms: -1 })).status).toBe(400);
      expect((await as.kasi.post('/api/_clock/set').send({ at: '2027-07-01T08:00:00' })).status).toBe(400); // no offset
      expect((await as.kasi.post('/api/_clock/set').send({ at: 'besok' })).status).toBe(400);
      expect((await as.kasi.get('/api/health')).body.now).toBe(before);
    });

    it('lets only admin-sistem add and remove holidays, which the calendar uses at once', async () => {
      const from = '2027-06-08T08:00:00+07:00'; // a Tuesday
      const dueOf = async () => (await as.kasi.get('/api/calendar/due').query({ duration: 'P1D', from })).body.dueAt;
      expect(await dueOf()).toBe(wib('2027-06-09T08:00:00'));

      expect((await as.kasi.put('/api/calendar/holidays/2027-06-09').send({ name: 'Cuti bersama' })).status).toBe(403);
      const added = await as['admin-sistem'].put('/api/calendar/holidays/2027-06-09').send({ name: 'Cuti bersama' });
      expect(added.status).toBe(200);
      const { deadlinesMoved, ...holiday } = added.body;
      expect(holiday).toEqual({ date: '2027-06-09', name: 'Cuti bersama', source: 'manual' });
      expect(typeof deadlinesMoved.moved).toBe('number');
      expect((await as.kasi.get('/api/calendar/holidays?year=2027')).body).toContainEqual(holiday);
      expect(await dueOf()).toBe(wib('2027-06-10T08:00:00'));

      expect((await as.kasi.delete('/api/calendar/holidays/2027-06-09').send({})).status).toBe(403);
      expect((await as['admin-sistem'].delete('/api/calendar/holidays/2027-06-09').send({})).status).toBe(200);
      expect(await dueOf()).toBe(wib('2027-06-09T08:00:00'));
      const again = await as['admin-sistem'].delete('/api/calendar/holidays/2027-06-09').send({});
      expect(again.status).toBe(404);
      expect((await as.kasi.get('/api/calendar/holidays?year=2027')).body.find((h: { date: string }) => h.date === '2027-06-09')).toBeUndefined();
    });

    it('refuses malformed holiday input with 400', async () => {
      const admin = as['admin-sistem'];
      for (const date of ['2027-02-30', '2027-13-01', 'besok', '09-06-2027']) {
        const res = await admin.put(`/api/calendar/holidays/${date}`).send({ name: 'x' });
        expect([date, res.status]).toEqual([date, 400]);
      }
      expect((await admin.delete('/api/calendar/holidays/besok').send({})).status).toBe(400);
      expect((await admin.put('/api/calendar/holidays/2027-06-09').send({ name: '' })).status).toBe(400);
      expect((await admin.put('/api/calendar/holidays/2027-06-09').send({ name: '   ' })).status).toBe(400);
      expect((await admin.put('/api/calendar/holidays/2027-06-09').send({})).status).toBe(400);
      expect((await as.kasi.get('/api/calendar/holidays?year=2027')).body.find((h: { date: string }) => h.date === '2027-06-09')).toBeUndefined();
      expect((await as.kasi.get('/api/calendar/holidays?year=20x7')).status).toBe(400);
    });

    it('refuses a malformed duration or start on /api/calendar/due with 400', async () => {
      for (const query of [{ duration: 'bogus' }, { duration: 'P1.5D' }, { duration: 'P-1D' }, {}, { duration: 'P1D', from: 'kemarin' }]) {
        const res = await as.kasi.get('/api/calendar/due').query(query);
        expect([query, res.status]).toEqual([query, 400]);
      }
      const ok = await as.kasi.get('/api/calendar/due').query({ duration: 'PT30M' });
      expect(ok.status).toBe(200);
      expect(ok.body.from).toBe((await as.kasi.get('/api/health')).body.now);
    });
  });
});
