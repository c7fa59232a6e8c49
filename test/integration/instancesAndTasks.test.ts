import { randomUUID } from 'node:crypto';
import { backends, signIn, startTestSystem, type TestSystem } from '../support/testSystem';
import { type Agent, anonymous, closeTestSystem, deployFixture, type HistoryItem, type TaskItem, tasksIn, wib } from './helpers';

jest.setTimeout(30_000);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const CLOCK_START = wib('2026-11-16T08:00:00');

describe.each(backends)('instances and tasks (%s)', (backend) => {
  let t: TestSystem;
  const as: Record<string, Agent> = {};

  beforeAll(async () => {
    t = await startTestSystem(backend);
    for (const u of ['pemilik-proses', 'admin-sistem', 'kasi', 'kabid', 'kadis', 'auditor', 'pejabat-penghubung', 'admin-utama', 'tim-pengaduan']) {
      as[u] = await signIn(t.system, u);
    }
    // A second kasi, so two candidates can compete for one task.
    const created = await as['admin-sistem']
      .post('/api/users')
      .send({ username: 'kasi.dua', password: 'kasi-dua-rahasia', email: 'kasi.dua@kapuas.example', roles: ['kasi'] });
    expect(created.status).toBe(201);
    as['kasi.dua'] = await signIn(t.system, 'kasi.dua', 'kasi-dua-rahasia');
    for (const f of ['approval', 'opd-routing', 'restricted-start']) await deployFixture(as['pemilik-proses'], f);
  });

  afterAll(async () => {
    await closeTestSystem(t);
  });

  const startApproval = async (businessKey: string, variables: Record<string, unknown> = {}, agent = as.kasi) => {
    const res = await agent.post('/api/process-definitions/approval/start').send({ businessKey, variables });
    expect(res.status).toBe(201);
    return res.body as { id: string };
  };
  const reviewTaskOf = async (instanceId: string) => {
    const [task] = (await tasksIn(as.kasi, instanceId)).filter((x) => x.elementId === 'review');
    if (!task) throw new Error(`no review task in ${instanceId}`);
    return task;
  };
  const completeReview = async (instanceId: string, variables: Record<string, unknown>) => {
    const task = await reviewTaskOf(instanceId);
    expect((await as.kasi.post(`/api/tasks/${task.id}/claim`).send({})).status).toBe(200);
    const done = await as.kasi.post(`/api/tasks/${task.id}/complete`).send({ variables });
    expect(done.status).toBe(200);
    return task;
  };
  const instanceCount = async (key: string) => ((await as.auditor.get(`/api/instances?key=${key}`)).body as unknown[]).length;

  describe('starting', () => {
    it('starts an instance with a business key and variables', async () => {
      const res = await as.kasi
        .post('/api/process-definitions/approval/start')
        .send({ businessKey: 'KPS-2026-0001', variables: { pelapor: 'Budi', kategori: { kode: 'KES', prioritas: 2 } } });

      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        id: expect.stringMatching(UUID),
        key: 'approval',
        version: 1,
        status: 'running',
        businessKey: 'KPS-2026-0001',
        activeElements: ['review'],
        variables: { pelapor: 'Budi', kategori: { kode: 'KES', prioritas: 2 } },
        startedBy: 'kasi',
        startedAt: CLOCK_START,
        endedAt: null,
        timers: [],
        incidents: [],
      });
    });

    it('lets only candidate starter groups and users start a restricted process', async () => {
      const before = await instanceCount('restricted-start');
      const denied = await as.kasi.post('/api/process-definitions/restricted-start/start').send({});
      expect(denied.status).toBe(403);
      expect(denied.body.error).toMatch(/admin-utama/);
      expect(await instanceCount('restricted-start')).toBe(before);

      expect((await as['admin-utama'].post('/api/process-definitions/restricted-start/start').send({})).status).toBe(201);
      expect((await as['tim-pengaduan'].post('/api/process-definitions/restricted-start/start').send({})).status).toBe(201);
      expect(await instanceCount('restricted-start')).toBe(before + 2);
    });

    it('answers 404 for an unknown process key', async () => {
      const res = await as.kasi.post('/api/process-definitions/tidak-ada/start').send({});
      expect(res.status).toBe(404);
      expect(res.body.error).toMatch(/tidak-ada/);
    });

    it('refuses an invalid body with 400 and starts nothing', async () => {
      const before = await instanceCount('approval');
      const bodies: [unknown, RegExp][] = [
        [{ variables: [1, 2] }, /variables/],
        [{ variables: 'pelapor=Budi' }, /variables/],
        [{ variables: null }, /variables/],
        [{ businessKey: 'B', prioritas: 1 }, /prioritas/],
        [{ businessKey: 'x'.repeat(101) }, /businessKey/],
        [{ businessKey: 42 }, /businessKey/],
      ];
      for (const [body, field] of bodies) {
        const res = await as.kasi.post('/api/process-definitions/approval/start').send(body as object);
        expect([JSON.stringify(body).slice(0, 40), res.status]).toEqual([JSON.stringify(body).slice(0, 40), 400]);
        expect(res.body.detail).toMatch(field);
      }
      expect(await instanceCount('approval')).toBe(before);
    });
  });

  describe('reading instances', () => {
    let open: { id: string };
    let closed: { id: string };

    beforeAll(async () => {
      open = await startApproval('LIST-OPEN', { nomor: 1 });
      closed = await startApproval('LIST-CLOSED', { nomor: 2 });
      await completeReview(closed.id, { approved: false });
    });

    it('filters the list by key, status and business key', async () => {
      const byKey = (await as.auditor.get('/api/instances?businessKey=LIST-OPEN')).body as { id: string }[];
      expect(byKey.map((i) => i.id)).toEqual([open.id]);

      const running = (await as.auditor.get('/api/instances?key=approval&status=running')).body as { id: string; status: string; key: string }[];
      expect(running.map((i) => i.id)).toContain(open.id);
      expect(running.map((i) => i.id)).not.toContain(closed.id);
      expect(running.every((i) => i.status === 'running' && i.key === 'approval')).toBe(true);

      const completed = (await as.auditor.get('/api/instances?key=approval&status=completed')).body as { id: string; endedAt: string }[];
      expect(completed.map((i) => i.id)).toEqual([closed.id]);
      expect(completed[0].endedAt).toBe(CLOCK_START);

      expect((await as.auditor.get('/api/instances?key=opd-routing&businessKey=LIST-OPEN')).body).toEqual([]);
      expect((await as.auditor.get('/api/instances?status=selesai')).status).toBe(400);
    });

    it('lists to other users only the instances they started or had a task in', async () => {
      const ofKasi = ((await as.kasi.get('/api/instances?key=approval')).body as { id: string }[]).map((i) => i.id);
      expect(ofKasi).toEqual(expect.arrayContaining([open.id, closed.id]));
      expect(((await as.kadis.get('/api/instances?key=approval')).body as unknown[]).length).toBe(0);
    });

    it('shows one instance with its variables, active elements and timers', async () => {
      const res = await as.kasi.get(`/api/instances/${open.id}`);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        id: open.id,
        key: 'approval',
        version: 1,
        definitionId: expect.any(Number),
        status: 'running',
        businessKey: 'LIST-OPEN',
        activeElements: ['review'],
        variables: { nomor: 1 },
        startedBy: 'kasi',
        startedAt: CLOCK_START,
        endedAt: null,
        parentId: null,
        timers: [],
        incidents: [],
      });
      expect(JSON.stringify(res.body)).not.toMatch(/"state"|"rev"/);
    });

    it('answers 404 for an id that is not a UUID or does not exist', async () => {
      expect((await as.auditor.get('/api/instances/not-a-uuid')).status).toBe(404);
      expect((await as.auditor.get('/api/instances/not-a-uuid/history')).status).toBe(404);
      const unknown = await as.auditor.get(`/api/instances/${randomUUID()}`);
      expect(unknown.status).toBe(404);
      expect((await as.auditor.get(`/api/instances/${randomUUID()}/history`)).status).toBe(404);
    });

    it('refuses a user without a task in the instance (403); the auditor reads it', async () => {
      const instance = await as.kadis.get(`/api/instances/${open.id}`);
      expect(instance.status).toBe(403);
      expect(JSON.stringify(instance.body)).not.toMatch(/nomor/);
      expect((await as.kadis.get(`/api/instances/${open.id}/history`)).status).toBe(403);

      expect((await as.auditor.get(`/api/instances/${open.id}`)).status).toBe(200);
      expect((await as.auditor.get(`/api/instances/${open.id}/history`)).status).toBe(200);
      expect((await as['pemilik-proses'].get(`/api/instances/${open.id}`)).status).toBe(200);
      // kasi.dua started nothing but is offered the review task through the group kasi.
      expect((await as['kasi.dua'].get(`/api/instances/${open.id}`)).status).toBe(200);
    });
  });

  describe('worklist', () => {
    it('offers a task only to its candidate group', async () => {
      const { id } = await startApproval('GROUP-1');
      const [task] = await tasksIn(as.kasi, id);
      expect(task.elementId).toBe('review');
      expect(await tasksIn(as['kasi.dua'], id)).toHaveLength(1);
      expect(await tasksIn(as.kabid, id)).toHaveLength(0);
      expect(await tasksIn(as.auditor, id)).toHaveLength(0);

      expect((await as.kadis.get(`/api/tasks/${task.id}`)).status).toBe(403);
      // The Kasi's superior (roles.ts superiorOf) may read it, as the late-task list links to it, but is not offered it.
      expect((await as.kabid.get(`/api/tasks/${task.id}`)).status).toBe(200);
      const asAuditor = await as.auditor.get(`/api/tasks/${task.id}`);
      expect(asAuditor.status).toBe(200);
      expect(asAuditor.body.status).toBe('open');
    });

    it('lists tasks with their public shape', async () => {
      const { id } = await startApproval('SHAPE-1');
      const [task] = await tasksIn(as.kasi, id);
      expect(task).toEqual({
        id: expect.stringMatching(UUID),
        instanceId: id,
        processKey: 'approval',
        elementId: 'review',
        name: 'Review the complaint',
        assignee: null,
        candidateGroups: ['kasi'],
        candidateUsers: [],
        dueAt: wib('2026-11-19T08:00:00'), // camunda:dueDate="P3D"
        createdAt: CLOCK_START,
      });
      const one = await as.kasi.get(`/api/tasks/${task.id}`);
      expect(one.body).toEqual({ ...task, status: 'open' });
    });

    it('offers pejabat-penghubung:${opd} to the liaison officers of that OPD only', async () => {
      const dinkes = await as.kasi.post('/api/process-definitions/opd-routing/start').send({ variables: { opd: 'dinkes' } });
      const other = await as.kasi.post('/api/process-definitions/opd-routing/start').send({ variables: { opd: 'other' } });
      expect([dinkes.status, other.status]).toEqual([201, 201]);

      const [forDinkes] = await tasksIn(as['pejabat-penghubung'], dinkes.body.id);
      expect(forDinkes).toMatchObject({ elementId: 'forward', candidateGroups: ['pejabat-penghubung:dinkes'] });
      expect(await tasksIn(as['pejabat-penghubung'], other.body.id)).toHaveLength(0);
      expect(await tasksIn(as.kasi, dinkes.body.id)).toHaveLength(0);

      const otherTask = (await as.auditor.get(`/api/instances/${other.body.id}/history`)).body.find((h: HistoryItem) => h.type === 'task-created');
      expect(otherTask.candidateGroups).toEqual(['pejabat-penghubung:other']);
      expect((await as['pejabat-penghubung'].get(`/api/tasks/${otherTask.taskId}`)).status).toBe(403);
      expect((await as['pejabat-penghubung'].post(`/api/tasks/${otherTask.taskId}/claim`).send({})).status).toBe(403);
      expect((await as['pejabat-penghubung'].get(`/api/instances/${other.body.id}`)).status).toBe(403);
      expect((await as['pejabat-penghubung'].get(`/api/instances/${dinkes.body.id}`)).status).toBe(200);
    });

    it('records an incident when a candidate group names a variable that is not set', async () => {
      const res = await as.kasi.post('/api/process-definitions/opd-routing/start').send({ businessKey: 'NO-OPD' });
      expect(res.status).toBe(201);
      const instance = (await as.auditor.get(`/api/instances/${res.body.id}`)).body;
      expect(instance.incidents).toEqual([expect.objectContaining({ elementId: 'forward', message: expect.stringMatching(/opd/) })]);
      expect(await tasksIn(as['pejabat-penghubung'], res.body.id)).toHaveLength(0);
    });
  });

  describe('claim, unclaim, complete', () => {
    let instanceId: string;
    let task: TaskItem;

    beforeAll(async () => {
      instanceId = (await startApproval('CLAIM-1', { pelapor: 'Siti' })).id;
      task = await reviewTaskOf(instanceId);
    });

    it('refuses a claim by a non-candidate (403)', async () => {
      const res = await as.kabid.post(`/api/tasks/${task.id}/claim`).send({});
      expect(res.status).toBe(403);
      // Errors staff meet carry a code the web app words in Indonesian.
      expect(res.body.code).toBe('task.notCandidate');
      expect((await as.auditor.get(`/api/tasks/${task.id}`)).body.assignee).toBeNull();
    });

    it('refuses completing a task nobody claimed (403)', async () => {
      const res = await as.kasi.post(`/api/tasks/${task.id}/complete`).send({ variables: { approved: true } });
      expect(res.status).toBe(403);
      expect(res.body.error).toMatch(/claim/);
      expect(res.body.code).toBe('task.claimFirst');
      expect((await as.auditor.get(`/api/tasks/${task.id}`)).body.status).toBe('open');
    });

    it('claims a task for one candidate; a second candidate gets 409', async () => {
      const claimed = await as.kasi.post(`/api/tasks/${task.id}/claim`).send({});
      expect(claimed.status).toBe(200);
      expect(claimed.body).toMatchObject({ id: task.id, assignee: 'kasi' });

      const second = await as['kasi.dua'].post(`/api/tasks/${task.id}/claim`).send({});
      expect(second.status).toBe(409);
      expect(second.body.error).toMatch(/kasi/);
      expect(second.body).toMatchObject({ code: 'task.claimedBy', params: { assignee: 'kasi' } });
      expect((await as.auditor.get(`/api/tasks/${task.id}`)).body.assignee).toBe('kasi');

      // Claimed: it stays in the assignee's list and leaves the other candidates'.
      expect(await tasksIn(as.kasi, instanceId)).toHaveLength(1);
      expect(await tasksIn(as['kasi.dua'], instanceId)).toHaveLength(0);
      // Claiming your own task again changes nothing.
      expect((await as.kasi.post(`/api/tasks/${task.id}/claim`).send({})).status).toBe(200);
    });

    it('lets only the assignee complete or unclaim (403 for others)', async () => {
      const unclaim = await as['kasi.dua'].post(`/api/tasks/${task.id}/unclaim`).send({});
      expect(unclaim.status).toBe(403);
      expect(unclaim.body.code).toBe('task.onlyAssigneeReleases');
      const complete = await as['kasi.dua'].post(`/api/tasks/${task.id}/complete`).send({ variables: { approved: false } });
      expect(complete.status).toBe(403);
      expect(complete.body.error).toMatch(/assignee/);
      expect(complete.body).toMatchObject({ code: 'task.onlyAssigneeCompletes', params: { assignee: 'kasi' } });
      expect((await as.auditor.get(`/api/tasks/${task.id}`)).body).toMatchObject({ status: 'open', assignee: 'kasi' });
    });

    it('gives a task back with unclaim; another candidate can then claim it', async () => {
      const released = await as.kasi.post(`/api/tasks/${task.id}/unclaim`).send({});
      expect(released.status).toBe(200);
      expect(released.body.assignee).toBeNull();
      expect(await tasksIn(as['kasi.dua'], instanceId)).toHaveLength(1);

      expect((await as['kasi.dua'].post(`/api/tasks/${task.id}/claim`).send({})).status).toBe(200);
      expect((await as['kasi.dua'].post(`/api/tasks/${task.id}/unclaim`).send({})).status).toBe(200);
      expect((await as.kasi.post(`/api/tasks/${task.id}/claim`).send({})).status).toBe(200);
    });

    it('refuses a complete body that is not an object of variables (400)', async () => {
      const res = await as.kasi.post(`/api/tasks/${task.id}/complete`).send({ variables: [true] });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ error: 'invalid request', code: 'request.invalid' });
      expect(res.body.detail).toMatch(/variables/);
      expect((await as.kasi.post(`/api/tasks/${task.id}/complete`).send({ approved: true })).status).toBe(400);
      expect((await as.auditor.get(`/api/tasks/${task.id}`)).body.status).toBe('open');
    });

    it('completes the task as its assignee: the variables join the instance and the gateway routes on them', async () => {
      const res = await as.kasi.post(`/api/tasks/${task.id}/complete`).send({ variables: { approved: true, catatan: 'lengkap' } });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: task.id, status: 'completed', assignee: 'kasi' });

      const instance = (await as.kasi.get(`/api/instances/${instanceId}`)).body;
      expect(instance.variables).toEqual({ pelapor: 'Siti', approved: true, catatan: 'lengkap' });
      expect(instance.activeElements).toEqual(['sign']);
      expect(instance.status).toBe('running');
      const [sign] = await tasksIn(as.kabid, instanceId);
      expect(sign).toMatchObject({ elementId: 'sign', candidateGroups: ['kabid'], assignee: null });
      expect(await tasksIn(as.kasi, instanceId)).toHaveLength(0);
      // kabid now has a task in it, so may read it.
      expect((await as.kabid.get(`/api/instances/${instanceId}`)).status).toBe(200);
    });

    it('routes a rejection to the end: the instance completes', async () => {
      const { id } = await startApproval('REJECT-1');
      await completeReview(id, { approved: false });
      const instance = (await as.kasi.get(`/api/instances/${id}`)).body;
      expect(instance).toMatchObject({ status: 'completed', activeElements: [], endedAt: CLOCK_START, variables: { approved: false } });
      expect(await tasksIn(as.kabid, id)).toHaveLength(0);
    });

    it('answers 409 to completing or claiming a completed task', async () => {
      const again = await as.kasi.post(`/api/tasks/${task.id}/complete`).send({ variables: { approved: false } });
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('task.already.completed');
      expect((await as.kasi.post(`/api/tasks/${task.id}/claim`).send({})).status).toBe(409);
      expect((await as.kasi.post(`/api/tasks/${task.id}/unclaim`).send({})).status).toBe(409);
      expect((await as.kasi.get(`/api/instances/${instanceId}`)).body.variables.approved).toBe(true);
    });

    it('answers 404 for an unknown task', async () => {
      const id = randomUUID();
      expect((await as.kasi.get(`/api/tasks/${id}`)).status).toBe(404);
      expect((await as.kasi.post(`/api/tasks/${id}/claim`).send({})).status).toBe(404);
      expect((await as.kasi.post(`/api/tasks/${id}/unclaim`).send({})).status).toBe(404);
      expect((await as.kasi.post(`/api/tasks/${id}/complete`).send({})).status).toBe(404);
      expect((await as.kasi.post('/api/tasks/12345/claim').send({})).status).toBe(404);
    });
  });

  describe('history', () => {
    it('records the whole run in order, with actors and changed variables', async () => {
      const { id } = await startApproval('HIST-1', { pelapor: 'Ani' });
      const task = await completeReview(id, { approved: false, alasan: 'bukan kewenangan' });

      const res = await as.kasi.get(`/api/instances/${id}/history`);
      expect(res.status).toBe(200);
      const history = res.body as HistoryItem[];
      const ids = history.map((h) => h.id);
      expect(ids).toEqual([...ids].sort((a, b) => a - b));
      expect(new Set(ids).size).toBe(ids.length);
      const times = history.map((h) => Date.parse(h.at));
      expect(times).toEqual([...times].sort((a, b) => a - b));

      const index = (type: string, elementId?: string) => history.findIndex((h) => h.type === type && (elementId === undefined || h.elementId === elementId));
      expect(history[0]).toMatchObject({ type: 'instance-started', actor: 'kasi', key: 'approval', version: 1, businessKey: 'HIST-1' });
      expect(history[history.length - 1]).toMatchObject({ type: 'instance-completed' });
      const order = [
        index('instance-started'),
        index('element-entered', 'start'),
        index('element-left', 'start'),
        index('element-entered', 'review'),
        index('task-created', 'review'),
        index('task-claimed', 'review'),
        index('task-completed', 'review'),
        index('element-left', 'review'),
        index('element-entered', 'decision'),
        index('element-entered', 'rejected'),
        index('instance-completed'),
      ];
      expect(order.every((i) => i >= 0)).toBe(true);
      expect(order).toEqual([...order].sort((a, b) => a - b));

      expect(history[index('task-created', 'review')]).toMatchObject({ taskId: task.id, candidateGroups: ['kasi'], name: 'Review the complaint' });
      expect(history[index('task-claimed')]).toMatchObject({ actor: 'kasi', taskId: task.id });
      const completed = history[index('task-completed')];
      expect(completed).toMatchObject({ actor: 'kasi', taskId: task.id });
      expect((completed.changedVariables as string[]).sort()).toEqual(['alasan', 'approved']);
      expect(history.filter((h) => h.type === 'task-completed')).toHaveLength(1);
      expect(history.find((h) => h.elementId === 'sign')).toBeUndefined();
    });

    it('records an unclaim', async () => {
      const { id } = await startApproval('HIST-2');
      const task = await reviewTaskOf(id);
      await as['kasi.dua'].post(`/api/tasks/${task.id}/claim`).send({});
      await as['kasi.dua'].post(`/api/tasks/${task.id}/unclaim`).send({});
      const history = (await as.auditor.get(`/api/instances/${id}/history`)).body as HistoryItem[];
      expect(history.filter((h) => h.type.startsWith('task-')).map((h) => [h.type, h.actor])).toEqual([
        ['task-created', 'kasi'],
        ['task-claimed', 'kasi.dua'],
        ['task-unclaimed', 'kasi.dua'],
      ]);
    });
  });

  describe('concurrency', () => {
    it('lets exactly one of two simultaneous claims win', async () => {
      for (let round = 0; round < 3; round++) {
        const { id } = await startApproval(`RACE-CLAIM-${round}`);
        const task = await reviewTaskOf(id);
        const results = await Promise.all([as.kasi.post(`/api/tasks/${task.id}/claim`).send({}), as['kasi.dua'].post(`/api/tasks/${task.id}/claim`).send({})]);
        expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
        const winner = results.find((r) => r.status === 200)!.body.assignee;
        expect(['kasi', 'kasi.dua']).toContain(winner);
        expect((await as.auditor.get(`/api/tasks/${task.id}`)).body.assignee).toBe(winner);
        const claims = ((await as.auditor.get(`/api/instances/${id}/history`)).body as HistoryItem[]).filter((h) => h.type === 'task-claimed');
        expect(claims.map((h) => h.actor)).toEqual([winner]);
      }
    });

    it('completes a task once when its assignee sends two completes at the same time', async () => {
      for (let round = 0; round < 3; round++) {
        const { id } = await startApproval(`RACE-COMPLETE-${round}`);
        const task = await reviewTaskOf(id);
        expect((await as.kasi.post(`/api/tasks/${task.id}/claim`).send({})).status).toBe(200);
        const results = await Promise.all([
          as.kasi.post(`/api/tasks/${task.id}/complete`).send({ variables: { approved: true, putaran: 'a' } }),
          as.kasi.post(`/api/tasks/${task.id}/complete`).send({ variables: { approved: true, putaran: 'b' } }),
        ]);
        expect(results.map((r) => r.status).sort()).toEqual([200, 409]);

        const next = await tasksIn(as.kabid, id);
        expect(next.map((x) => x.elementId)).toEqual(['sign']);
        const instance = (await as.auditor.get(`/api/instances/${id}`)).body;
        expect(instance.activeElements).toEqual(['sign']);
        expect(['a', 'b']).toContain(instance.variables.putaran);
        const history = (await as.auditor.get(`/api/instances/${id}/history`)).body as HistoryItem[];
        expect(history.filter((h) => h.type === 'task-completed')).toHaveLength(1);
        expect(history.filter((h) => h.type === 'task-created' && h.elementId === 'sign')).toHaveLength(1);
        expect(history.find((h) => h.type === 'task-completed')!.variables).toEqual({ approved: true, putaran: instance.variables.putaran });
      }
    });
  });

  it('refuses every task and instance route without a session', async () => {
    expect((await anonymous(t.system).get('/api/tasks')).status).toBe(401);
    expect((await anonymous(t.system).post('/api/process-definitions/approval/start').send({})).status).toBe(401);
  });
});
