import request from 'supertest';
import { backends, signIn, startTestSystem, type TestSystem } from '../support/testSystem';
import { type Agent, closeTestSystem, deployFixture } from './helpers';

jest.setTimeout(120_000);

const MINUTE = 60_000;

const diagram = (key: string, body: string, head = '') => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                  xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="defs-${key}" targetNamespace="http://example.org/test">
  ${head}
  <bpmn:process id="${key}" isExecutable="true">
    <bpmn:startEvent id="start"/>
    ${body}
  </bpmn:process>
</bpmn:definitions>
`;

interface Locked {
  id: string;
  topicName: string;
  workerId: string;
  activityId: string;
  processInstanceId: string;
  retries: number | null;
  errorMessage: string | null;
  lockExpirationTime: string;
  variables: Record<string, unknown>;
}

/**
 * Camunda 7 external tasks through HTTP: service, send and business rule tasks wait for workers
 * (users with the `worker` role), who fetch and lock them by topic and answer with complete,
 * failure or bpmn-error (test/fixtures/external-letter.bpmn, external-archive.bpmn).
 */
describe.each(backends)('external tasks (%s)', (backend) => {
  let t: TestSystem;
  let admin: Agent;
  let owner: Agent;
  let starter: Agent;
  let workerA: Agent;
  let workerB: Agent;

  beforeAll(async () => {
    t = await startTestSystem(backend);
    admin = await signIn(t.system, 'admin-sistem');
    owner = await signIn(t.system, 'pemilik-proses');
    starter = await signIn(t.system, 'kasi');
    // The system administrator makes a second worker account through the ordinary user admin.
    const created = await admin.post('/api/users').send({ username: 'worker.b', password: 'demo12345', email: 'worker.b@kapuas.example', roles: ['worker'] });
    expect(created.status).toBe(201);
    workerA = await signIn(t.system, 'worker');
    workerB = await signIn(t.system, 'worker.b');
    await deployFixture(owner, 'external-letter');
    await deployFixture(owner, 'external-archive');
  });

  afterAll(async () => {
    await closeTestSystem(t);
  });

  const start = async (key: string, variables: Record<string, unknown> = {}) => {
    const res = await starter.post(`/api/process-definitions/${key}/start`).send({ variables });
    expect(res.status).toBe(201);
    return res.body as { id: string; activeElements: string[] };
  };
  const fetchLock = async (agent: Agent, workerId: string, topicName: string, maxTasks = 10, lockDuration = 5 * MINUTE) => {
    const res = await agent.post('/api/external-tasks/fetch-and-lock').send({ workerId, maxTasks, topics: [{ topicName, lockDuration }] });
    expect(res.status).toBe(200);
    return res.body as Locked[];
  };
  const instance = async (id: string) => (await admin.get(`/api/instances/${id}`)).body;
  const advance = async (ms: number) => expect((await admin.post('/api/_clock/advance').send({ ms })).status).toBe(200);
  /** Locks every open task of the topic for a throwaway worker and fails it for good, so later tests start clean. */
  const drain = async (topicName: string) => {
    for (const task of await fetchLock(workerA, 'drain', topicName, 100)) {
      await workerA.post(`/api/external-tasks/${task.id}/failure`).send({ workerId: 'drain', retries: 0, errorMessage: 'drained' });
    }
  };

  it('makes the instance wait at the service task with an external task of its topic', async () => {
    const started = await start('external-letter', { perihal: 'Undangan rapat' });
    expect(started.activeElements).toContain('Task_Nomor');
    const open = await admin.get('/api/external-tasks?topicName=nomor-surat');
    expect(open.status).toBe(200);
    expect(open.body).toEqual([expect.objectContaining({ topicName: 'nomor-surat', activityId: 'Task_Nomor', processInstanceId: started.id, workerId: null, retries: null })]);
    const history = (await admin.get(`/api/instances/${started.id}/history`)).body as { type: string; elementId: string }[];
    expect(history).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'external-task-created', elementId: 'Task_Nomor' })]));
    await drain('nomor-surat');
  });

  it('completes with variables: they reach the instance, which moves on to the send task and ends', async () => {
    const started = await start('external-letter');
    const [task] = await fetchLock(workerA, 'a-1', 'nomor-surat');
    expect(task).toMatchObject({ processInstanceId: started.id, workerId: 'a-1', activityId: 'Task_Nomor' });
    const done = await workerA.post(`/api/external-tasks/${task.id}/complete`).send({ workerId: 'a-1', variables: { nomorSurat: '555/123/DK' } });
    expect(done.status).toBe(204);
    let now = await instance(started.id);
    expect(now.variables).toMatchObject({ nomorSurat: '555/123/DK' });
    expect(now.activeElements).toContain('Task_Kirim');
    // The send task is an external task of its own topic, and carries the variable the first set.
    const [send] = await fetchLock(workerB, 'b-1', 'kirim-surat');
    expect(send).toMatchObject({ activityId: 'Task_Kirim', variables: { nomorSurat: '555/123/DK' } });
    // Completed once: a second answer finds nothing.
    expect((await workerA.post(`/api/external-tasks/${task.id}/complete`).send({ workerId: 'a-1' })).status).toBe(404);
    expect((await workerB.post(`/api/external-tasks/${send.id}/complete`).send({ workerId: 'b-1' })).status).toBe(204);
    now = await instance(started.id);
    expect(now.status).toBe('completed');
    const history = (await admin.get(`/api/instances/${started.id}/history`)).body as { type: string; actor: string | null; changedVariables?: string[] }[];
    expect(history).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'external-task-completed', actor: 'worker', changedVariables: ['nomorSurat'] })]));
  });

  it('locks each task for exactly one of two workers polling at once', async () => {
    const ids = new Set<string>();
    for (let i = 0; i < 5; i++) ids.add((await start('external-letter')).id);
    const [a, b] = await Promise.all([fetchLock(workerA, 'a-2', 'nomor-surat', 3), fetchLock(workerB, 'b-2', 'nomor-surat', 3)]);
    const all = [...a, ...b];
    expect(all).toHaveLength(5);
    expect(new Set(all.map((x) => x.id)).size).toBe(5);
    expect(new Set(all.map((x) => x.processInstanceId))).toEqual(ids);
    expect(a.every((x) => x.workerId === 'a-2') && b.every((x) => x.workerId === 'b-2')).toBe(true);
    // Nothing is left to lock while they hold them.
    expect(await fetchLock(workerB, 'b-3', 'nomor-surat')).toEqual([]);
    await drainHeld(all);
  });

  /** Fails the given locked tasks for good (their workers answer). */
  const drainHeld = async (held: Locked[]) => {
    for (const x of held) {
      const agent = x.workerId.startsWith('a-') ? workerA : workerB;
      expect((await agent.post(`/api/external-tasks/${x.id}/failure`).send({ workerId: x.workerId, retries: 0 })).status).toBe(204);
    }
  };

  it('gives the task to another worker once the lock expired; the first worker then gets 409', async () => {
    const started = await start('external-letter');
    const [task] = await fetchLock(workerA, 'a-3', 'nomor-surat', 1, 10 * MINUTE);
    expect(task.processInstanceId).toBe(started.id);
    expect(await fetchLock(workerB, 'b-4', 'nomor-surat')).toEqual([]);
    await advance(10 * MINUTE + 1000);
    const [again] = await fetchLock(workerB, 'b-4', 'nomor-surat');
    expect(again).toMatchObject({ id: task.id, workerId: 'b-4' });
    const late = await workerA.post(`/api/external-tasks/${task.id}/complete`).send({ workerId: 'a-3', variables: { nomorSurat: 'X' } });
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('externalTask.notLocked');
    // Same user, other worker id: not the holder either.
    expect((await workerB.post(`/api/external-tasks/${task.id}/complete`).send({ workerId: 'b-other' })).status).toBe(409);
    expect((await workerB.post(`/api/external-tasks/${task.id}/complete`).send({ workerId: 'b-4', variables: { nomorSurat: 'Y' } })).status).toBe(204);
    expect((await instance(started.id)).variables).toMatchObject({ nomorSurat: 'Y' });
    expect((await instance(started.id)).activeElements).toContain('Task_Kirim');
    await drain('kirim-surat');
  });

  it('counts retries down, waits out each retryTimeout, and puts an incident on the instance at 0', async () => {
    const started = await start('external-letter');
    let [task] = await fetchLock(workerA, 'a-4', 'nomor-surat');
    const fail = (retries: number, errorMessage: string) =>
      workerA.post(`/api/external-tasks/${task.id}/failure`).send({ workerId: 'a-4', errorMessage, retries, retryTimeout: 5 * MINUTE });
    expect((await fail(2, 'server nomor surat tidak menjawab')).status).toBe(204);
    expect(await fetchLock(workerA, 'a-4', 'nomor-surat')).toEqual([]); // within its retry timeout
    await advance(5 * MINUTE);
    [task] = await fetchLock(workerA, 'a-4', 'nomor-surat');
    expect(task).toMatchObject({ processInstanceId: started.id, retries: 2, errorMessage: 'server nomor surat tidak menjawab' });
    expect((await fail(1, 'masih gagal')).status).toBe(204);
    await advance(5 * MINUTE);
    [task] = await fetchLock(workerA, 'a-4', 'nomor-surat');
    expect(task.retries).toBe(1);
    expect((await instance(started.id)).incidents).toEqual([]);
    expect((await fail(0, 'menyerah')).status).toBe(204);
    const failed = await instance(started.id);
    expect(failed.status).toBe('failed');
    expect(failed.incidents).toEqual([expect.objectContaining({ elementId: 'Task_Nomor', message: expect.stringContaining('menyerah') })]);
    await advance(60 * MINUTE);
    expect(await fetchLock(workerA, 'a-4', 'nomor-surat')).toEqual([]);
    const listed = (await admin.get('/api/external-tasks?topicName=nomor-surat')).body as { id: string; retries: number }[];
    expect(listed.find((x) => x.id === task.id)).toMatchObject({ retries: 0 });
  });

  it('throws a BPMN error that the boundary event with its errorCode catches: the other path runs', async () => {
    const started = await start('external-letter');
    const [task] = await fetchLock(workerA, 'a-5', 'nomor-surat');
    const res = await workerA
      .post(`/api/external-tasks/${task.id}/bpmn-error`)
      .send({ workerId: 'a-5', errorCode: 'TOLAK', errorMessage: 'nomor sudah dipakai', variables: { alasan: 'duplikat' } });
    expect(res.status).toBe(204);
    const now = await instance(started.id);
    expect(now.status).toBe('running');
    expect(now.activeElements).toEqual(['Task_Tinjau']);
    expect(now.variables).toMatchObject({ alasan: 'duplikat' });
    expect(now.incidents).toEqual([]);
    const tasks = (await starter.get('/api/tasks')).body as { instanceId: string; elementId: string }[];
    expect(tasks).toEqual(expect.arrayContaining([expect.objectContaining({ instanceId: started.id, elementId: 'Task_Tinjau' })]));
    const history = (await admin.get(`/api/instances/${started.id}/history`)).body as { type: string; elementId: string; errorCode?: string }[];
    expect(history).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: 'external-task-bpmn-error', elementId: 'Task_Nomor', errorCode: 'TOLAK' }),
        expect.objectContaining({ type: 'error-caught', elementId: 'Boundary_Tolak', errorCode: 'TOLAK' }),
      ]),
    );
    expect(history.some((h) => h.type === 'incident')).toBe(false);
    expect((await admin.get('/api/external-tasks?topicName=nomor-surat')).body.some((x: { id: string }) => x.id === task.id)).toBe(false);
  });

  it('makes an uncaught BPMN error an incident', async () => {
    const started = await start('external-letter');
    const [task] = await fetchLock(workerA, 'a-6', 'nomor-surat');
    expect((await workerA.post(`/api/external-tasks/${task.id}/bpmn-error`).send({ workerId: 'a-6', errorCode: 'LAIN' })).status).toBe(204);
    const now = await instance(started.id);
    expect(now.status).toBe('failed');
    expect(now.incidents).toEqual([expect.objectContaining({ message: expect.stringContaining('"LAIN"') })]);
  });

  it('catches an error end event of a sub-process with the boundary event on the sub-process', async () => {
    const lost = await start('external-archive');
    const found = await start('external-archive');
    const tasks = await fetchLock(workerA, 'a-7', 'cari-arsip');
    expect(tasks.map((x) => x.activityId)).toEqual(['Task_Cari', 'Task_Cari']);
    const of = (id: string) => tasks.find((x) => x.processInstanceId === id)!;
    expect((await workerA.post(`/api/external-tasks/${of(lost.id).id}/complete`).send({ workerId: 'a-7', variables: { arsipAda: false } })).status).toBe(204);
    expect((await workerA.post(`/api/external-tasks/${of(found.id).id}/complete`).send({ workerId: 'a-7', variables: { arsipAda: true } })).status).toBe(204);
    const ended = async (id: string) =>
      ((await admin.get(`/api/instances/${id}/history`)).body as { type: string; elementId: string }[]).filter((h) => h.type === 'element-left' && ['found', 'lost'].includes(h.elementId)).map((h) => h.elementId);
    expect((await instance(lost.id)).status).toBe('completed');
    expect(await ended(lost.id)).toEqual(['lost']);
    expect((await instance(found.id)).status).toBe('completed');
    expect(await ended(found.id)).toEqual(['found']);
  });

  it('answers a worker from a recovered engine as from a live one (another process wrote the instance)', async () => {
    const started = await start('external-letter');
    const [task] = await fetchLock(workerA, 'a-8', 'nomor-surat');
    // What a commit by another app process does: the engine kept in memory no longer fits the revision.
    await t.system.db.query('update process_instances set rev = rev + 1 where id = $1', [started.id]);
    expect((await workerA.post(`/api/external-tasks/${task.id}/bpmn-error`).send({ workerId: 'a-8', errorCode: 'TOLAK' })).status).toBe(204);
    expect((await instance(started.id)).activeElements).toEqual(['Task_Tinjau']);
  });

  it('drops the external task when an interrupting timer leaves it: the worker then finds it gone', async () => {
    const key = 'external-timer';
    const xml = diagram(
      key,
      `<bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="Task_Svc"/>
       <bpmn:serviceTask id="Task_Svc" camunda:type="external" camunda:topic="lambat"/>
       <bpmn:boundaryEvent id="Timer_1" attachedToRef="Task_Svc"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
       <bpmn:sequenceFlow id="f2" sourceRef="Task_Svc" targetRef="done"/>
       <bpmn:endEvent id="done"/>
       <bpmn:sequenceFlow id="f3" sourceRef="Timer_1" targetRef="Task_Manual"/>
       <bpmn:userTask id="Task_Manual" camunda:candidateGroups="kasi"/>`,
    );
    expect((await owner.post('/api/deployments').send({ name: `${key}.bpmn`, xml })).status).toBe(201);
    const started = await start(key);
    const [task] = await fetchLock(workerA, 'a-9', 'lambat', 1, 3 * 60 * MINUTE);
    await advance(60 * MINUTE);
    expect((await instance(started.id)).activeElements).toEqual(['Task_Manual']);
    expect((await workerA.post(`/api/external-tasks/${task.id}/complete`).send({ workerId: 'a-9' })).status).toBe(404);
    expect(await fetchLock(workerB, 'b-9', 'lambat')).toEqual([]);
  });

  it("catches an error end event reached by a user task's completion in a sub-process", async () => {
    const key = 'user-error-end';
    const xml = diagram(
      key,
      `<bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="Sub_1"/>
       <bpmn:subProcess id="Sub_1">
         <bpmn:startEvent id="s1"/>
         <bpmn:sequenceFlow id="g1" sourceRef="s1" targetRef="Task_Cek"/>
         <bpmn:userTask id="Task_Cek" camunda:candidateGroups="kasi"/>
         <bpmn:sequenceFlow id="g2" sourceRef="Task_Cek" targetRef="End_Err"/>
         <bpmn:endEvent id="End_Err"><bpmn:errorEventDefinition errorRef="Err"/></bpmn:endEvent>
       </bpmn:subProcess>
       <bpmn:boundaryEvent id="Boundary_1" attachedToRef="Sub_1"><bpmn:errorEventDefinition errorRef="Err"/></bpmn:boundaryEvent>
       <bpmn:sequenceFlow id="f2" sourceRef="Sub_1" targetRef="normal"/>
       <bpmn:endEvent id="normal"/>
       <bpmn:sequenceFlow id="f3" sourceRef="Boundary_1" targetRef="caught"/>
       <bpmn:endEvent id="caught"/>`,
      '<bpmn:error id="Err" errorCode="E1"/>',
    );
    expect((await owner.post('/api/deployments').send({ name: `${key}.bpmn`, xml })).status).toBe(201);
    const started = await start(key);
    const [task] = ((await starter.get('/api/tasks')).body as { id: string; instanceId: string }[]).filter((x) => x.instanceId === started.id);
    expect((await starter.post(`/api/tasks/${task.id}/claim`).send({})).status).toBe(200);
    expect((await starter.post(`/api/tasks/${task.id}/complete`).send({})).status).toBe(200);
    const history = (await admin.get(`/api/instances/${started.id}/history`)).body as { type: string; elementId: string }[];
    expect((await instance(started.id)).status).toBe('completed');
    expect(history.filter((h) => h.type === 'element-left' && ['normal', 'caught'].includes(h.elementId)).map((h) => h.elementId)).toEqual(['caught']);
  });

  it("propagates a worker's BPMN error out of a sub-process to the boundary event on the sub-process", async () => {
    const key = 'sub-bpmn-error';
    const xml = diagram(
      key,
      `<bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="Sub_1"/>
       <bpmn:subProcess id="Sub_1">
         <bpmn:startEvent id="s1"/>
         <bpmn:sequenceFlow id="g1" sourceRef="s1" targetRef="Task_Svc"/>
         <bpmn:serviceTask id="Task_Svc" camunda:type="external" camunda:topic="dalam-sub"/>
         <bpmn:sequenceFlow id="g2" sourceRef="Task_Svc" targetRef="s-end"/>
         <bpmn:endEvent id="s-end"/>
       </bpmn:subProcess>
       <bpmn:boundaryEvent id="Boundary_Any" attachedToRef="Sub_1"><bpmn:errorEventDefinition/></bpmn:boundaryEvent>
       <bpmn:sequenceFlow id="f2" sourceRef="Sub_1" targetRef="normal"/>
       <bpmn:endEvent id="normal"/>
       <bpmn:sequenceFlow id="f3" sourceRef="Boundary_Any" targetRef="caught"/>
       <bpmn:endEvent id="caught"/>`,
    );
    expect((await owner.post('/api/deployments').send({ name: `${key}.bpmn`, xml })).status).toBe(201);
    const started = await start(key);
    const [task] = await fetchLock(workerA, 'a-10', 'dalam-sub');
    expect((await workerA.post(`/api/external-tasks/${task.id}/bpmn-error`).send({ workerId: 'a-10', errorCode: 'APA_SAJA' })).status).toBe(204);
    const history = (await admin.get(`/api/instances/${started.id}/history`)).body as { type: string; elementId: string }[];
    expect((await instance(started.id)).status).toBe('completed');
    expect(history.filter((h) => h.type === 'element-left' && ['normal', 'caught'].includes(h.elementId)).map((h) => h.elementId)).toEqual(['caught']);
    expect(history.filter((h) => ['incident', 'error-caught'].includes(h.type)).map((h) => `${h.type} ${h.elementId}`)).toEqual(['error-caught Boundary_Any']);
  });

  it('answers 404 for an unknown task and 400 for a topic without a lock duration', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect((await workerA.post(`/api/external-tasks/${unknown}/complete`).send({ workerId: 'a' })).status).toBe(404);
    expect((await workerA.post(`/api/external-tasks/${unknown}/failure`).send({ workerId: 'a', retries: 1 })).status).toBe(404);
    expect((await workerA.post(`/api/external-tasks/${unknown}/bpmn-error`).send({ workerId: 'a', errorCode: 'X' })).status).toBe(404);
    const noLock = await workerA.post('/api/external-tasks/fetch-and-lock').send({ workerId: 'a', maxTasks: 1, topics: [{ topicName: 'nomor-surat' }] });
    expect(noLock.status).toBe(400);
    expect(noLock.body.detail).toMatch(/lockDuration/);
    const local = await workerA.post('/api/external-tasks/00000000-0000-4000-8000-000000000000/complete').send({ workerId: 'a', localVariables: { x: 1 } });
    expect(local.status).toBe(400);
    expect(JSON.stringify(local.body)).toMatch(/localVariables/);
    const shared = await workerA.post('/api/external-tasks/fetch-and-lock').send({ workerId: 'a', maxTasks: 1, lockDurationMs: 1000, usePriority: true, asyncResponseTimeout: 30000, topics: [{ topicName: 'tidak-ada' }] });
    expect(shared.status).toBe(200);
  });

  it('lets only workers fetch and answer, and workers read nothing else', async () => {
    const body = { workerId: 'x', maxTasks: 1, topics: [{ topicName: 'nomor-surat', lockDuration: 1000 }] };
    for (const username of ['kasi', 'admin-sistem', 'auditor', 'pemilik-proses']) {
      const agent = await signIn(t.system, username);
      expect((await agent.post('/api/external-tasks/fetch-and-lock').send(body)).status).toBe(403);
      expect((await agent.post('/api/external-tasks/00000000-0000-4000-8000-000000000000/complete').send({ workerId: 'x' })).status).toBe(403);
    }
    expect((await request(t.system.app).post('/api/external-tasks/fetch-and-lock').send(body)).status).toBe(401);
    for (const path of ['/api/tasks', '/api/instances', '/api/complaints', '/api/process-definitions', '/api/external-tasks']) {
      const res = await workerA.get(path);
      expect([path, res.status]).toEqual([path, 403]);
    }
    expect((await workerA.get('/api/tasks')).body.code).toBe('access.workerOnly');
    expect((await workerA.get('/api/auth/me')).status).toBe(200);
  });

  it.each([
    ['camunda:class', '<bpmn:serviceTask id="Task_Java" camunda:class="org.example.Kirim"/>', [/Task_Java \(bpmn:ServiceTask\): runs only as an external task/, /camunda:class on Task_Java: Java delegates are not run/]],
    ['camunda:expression', '<bpmn:serviceTask id="Task_Expr" camunda:expression="${kirim.send()}"/>', [/Task_Expr \(bpmn:ServiceTask\): runs only as an external task/, /camunda:expression on Task_Expr: method expressions are not run/]],
    ['camunda:delegateExpression', '<bpmn:sendTask id="Task_Deleg" camunda:delegateExpression="${kirim}"/>', [/Task_Deleg \(bpmn:SendTask\): runs only as an external task/, /camunda:delegateExpression on Task_Deleg: Java delegates are not run/]],
    [
      'a connector',
      '<bpmn:serviceTask id="Task_Http"><bpmn:extensionElements><camunda:connector><camunda:connectorId>http-connector</camunda:connectorId></camunda:connector></bpmn:extensionElements></bpmn:serviceTask>',
      [/Task_Http \(bpmn:ServiceTask\): runs only as an external task/, /camunda:Connector on Task_Http: connectors are not run/],
    ],
    ['DMN', '<bpmn:businessRuleTask id="Task_Dmn" camunda:decisionRef="tarif"/>', [/Task_Dmn \(bpmn:BusinessRuleTask\): runs only as an external task/, /camunda:decisionRef on Task_Dmn: DMN decisions are not run here/]],
    ['no implementation', '<bpmn:serviceTask id="Task_Kosong"/>', [/Task_Kosong \(bpmn:ServiceTask\): runs only as an external task/]],
    ['no topic', '<bpmn:serviceTask id="Task_TanpaTopik" camunda:type="external"/>', [/Task_TanpaTopik \(bpmn:ServiceTask\): camunda:topic is missing/]],
    ['a topic expression', '<bpmn:serviceTask id="Task_TopikEks" camunda:type="external" camunda:topic="${topik}"/>', [/Task_TopikEks \(bpmn:ServiceTask\): camunda:topic "\$\{topik\}" must be a plain name/]],
  ])('refuses a service task with %s at deploy, naming the element', async (_what, body, details) => {
    const res = await owner.post('/api/deployments').send({ name: 'x.bpmn', xml: diagram('ditolak', body) });
    expect(res.status).toBe(400);
    for (const detail of details) expect(res.body.detail).toMatch(detail);
    expect((await owner.get('/api/process-definitions/ditolak/versions')).status).toBe(404);
  });

  it.each([
    [
      'an error boundary event on a user task',
      '<bpmn:userTask id="Task_U" camunda:candidateGroups="kasi"/><bpmn:boundaryEvent id="Boundary_U" attachedToRef="Task_U"><bpmn:errorEventDefinition/></bpmn:boundaryEvent>',
      /error boundary event Boundary_U: only external tasks and embedded sub-processes throw BPMN errors here/,
    ],
    [
      'an error end event outside a sub-process',
      '<bpmn:endEvent id="End_E"><bpmn:errorEventDefinition errorRef="Err"/></bpmn:endEvent>',
      /End_E \(bpmn:EndEvent\): nothing catches this error/,
    ],
    [
      'an error end event no boundary event catches',
      '<bpmn:subProcess id="Sub_S"><bpmn:startEvent id="s2"/><bpmn:sequenceFlow id="f2" sourceRef="s2" targetRef="End_S"/><bpmn:endEvent id="End_S"><bpmn:errorEventDefinition errorRef="Err"/></bpmn:endEvent></bpmn:subProcess>',
      /End_S \(bpmn:EndEvent\): nothing catches this error: neither an error boundary event on its embedded sub-process nor an event sub-process/,
    ],
    [
      'a catch-all next to another error boundary event',
      '<bpmn:serviceTask id="Task_S" camunda:type="external" camunda:topic="t"/><bpmn:boundaryEvent id="B1" attachedToRef="Task_S"><bpmn:errorEventDefinition/></bpmn:boundaryEvent><bpmn:boundaryEvent id="B2" attachedToRef="Task_S"><bpmn:errorEventDefinition errorRef="Err"/></bpmn:boundaryEvent>',
      /error boundary event B1: one catching every error must be the only error boundary event on Task_S/,
    ],
    [
      'a catch-all on a sub-process that runs a script',
      '<bpmn:subProcess id="Sub_Skrip"><bpmn:startEvent id="s3"/><bpmn:sequenceFlow id="f3" sourceRef="s3" targetRef="Script_1"/><bpmn:scriptTask id="Script_1" scriptFormat="javascript"><bpmn:script>x = 1</bpmn:script></bpmn:scriptTask></bpmn:subProcess><bpmn:boundaryEvent id="B3" attachedToRef="Sub_Skrip"><bpmn:errorEventDefinition/></bpmn:boundaryEvent>',
      /error boundary event B3: one without errorRef on Sub_Skrip would also catch its scripts' failures/,
    ],
    ['an error intermediate event', '<bpmn:intermediateThrowEvent id="Throw_E"><bpmn:errorEventDefinition errorRef="Err"/></bpmn:intermediateThrowEvent>', /Throw_E \(bpmn:IntermediateThrowEvent\): error intermediate throw events are not run here; throw it with an error end event/],
  ])('refuses %s at deploy, naming the element', async (_what, body, detail) => {
    const res = await owner.post('/api/deployments').send({ name: 'x.bpmn', xml: diagram('galat', body, '<bpmn:error id="Err" errorCode="E1"/>') });
    expect(res.status).toBe(400);
    expect(res.body.detail).toMatch(detail);
  });
});
