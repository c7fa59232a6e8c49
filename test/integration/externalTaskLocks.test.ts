import { backends, signIn, startTestSystem, type TestSystem } from '../support/testSystem';
import { type Agent, closeTestSystem } from './helpers';

jest.setTimeout(120_000);

const MINUTE = 60_000;
const UNKNOWN = '00000000-0000-4000-8000-000000000000';

// One external task (topic lock-uji), then a kasi's task, so a completed external task is visible.
const DIAGRAM = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                  xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="defs-lock" targetNamespace="http://example.org/test">
  <bpmn:process id="uji-kunci" isExecutable="true">
    <bpmn:startEvent id="start"/>
    <bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="Task_Arsip"/>
    <bpmn:serviceTask id="Task_Arsip" name="Arsipkan" camunda:type="external" camunda:topic="lock-uji"/>
    <bpmn:sequenceFlow id="f1" sourceRef="Task_Arsip" targetRef="Task_Periksa"/>
    <bpmn:userTask id="Task_Periksa" camunda:candidateGroups="kasi"/>
    <bpmn:sequenceFlow id="f2" sourceRef="Task_Periksa" targetRef="end"/>
    <bpmn:endEvent id="end"/>
  </bpmn:process>
</bpmn:definitions>`;

interface Locked {
  id: string;
  workerId: string;
  processInstanceId: string;
  lockExpirationTime: string;
  retries: number | null;
}

/** Camunda 7's extendLock, unlock and set retries on external tasks (issue 10). */
describe.each(backends)('external task locks and retries (%s)', (backend) => {
  let t: TestSystem;
  let admin: Agent;
  let workerA: Agent;
  let workerB: Agent;
  let starter: Agent;
  let auditor: Agent;

  beforeAll(async () => {
    t = await startTestSystem(backend);
    admin = await signIn(t.system, 'admin-sistem');
    expect((await admin.post('/api/users').send({ username: 'worker.b', password: 'demo12345', email: 'worker.b@kapuas.example', roles: ['worker'] })).status).toBe(201);
    workerA = await signIn(t.system, 'worker');
    workerB = await signIn(t.system, 'worker.b');
    starter = await signIn(t.system, 'kasi');
    auditor = await signIn(t.system, 'auditor');
    const owner = await signIn(t.system, 'pemilik-proses');
    expect((await owner.post('/api/deployments').send({ name: 'uji-kunci.bpmn', xml: DIAGRAM })).status).toBe(201);
  });
  afterAll(() => closeTestSystem(t));

  const start = async () => {
    const res = await starter.post('/api/process-definitions/uji-kunci/start').send({});
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  const fetchLock = async (agent: Agent, workerId: string, lockDuration = 10 * MINUTE) => {
    const res = await agent.post('/api/external-tasks/fetch-and-lock').send({ workerId, maxTasks: 10, topics: [{ topicName: 'lock-uji', lockDuration }] });
    expect(res.status).toBe(200);
    return res.body as Locked[];
  };
  let clockNow = 0;
  const advance = async (ms: number) => {
    const res = await admin.post('/api/_clock/advance').send({ ms });
    expect(res.status).toBe(200);
    clockNow = new Date(res.body.now).getTime();
  };
  const instance = async (id: string) => (await admin.get(`/api/instances/${id}`)).body as { status: string; incidents: { elementId: string; message: string }[]; activeElements: string[] };
  const history = async (id: string) => (await admin.get(`/api/instances/${id}/history`)).body as { type: string; actor: string | null; [k: string]: unknown }[];
  const listed = async (id: string) => ((await admin.get('/api/external-tasks?topicName=lock-uji')).body as (Locked & { lockExpirationTime: string | null })[]).find((x) => x.id === id);
  /** Fails every open task of the topic for good, so each test starts with none fetchable. */
  const drain = async () => {
    for (const task of await fetchLock(workerA, 'drain')) await workerA.post(`/api/external-tasks/${task.id}/failure`).send({ workerId: 'drain', retries: 0 });
  };

  it('extendLock renews the lease from now: another worker cannot take the task while it holds', async () => {
    const id = await start();
    const [task] = await fetchLock(workerA, 'a-1', 10 * MINUTE);
    expect(task.processInstanceId).toBe(id);
    await advance(8 * MINUTE);
    const extendedAt = clockNow;
    const res = await workerA.post(`/api/external-tasks/${task.id}/extendLock`).send({ workerId: 'a-1', newDuration: 30 * MINUTE });
    expect(res.status).toBe(204);
    expect(new Date((await listed(task.id))!.lockExpirationTime).getTime()).toBe(extendedAt + 30 * MINUTE);
    // Past the first lease: still held.
    await advance(5 * MINUTE);
    expect(await fetchLock(workerB, 'b-1')).toEqual([]);
    // Only the holder extends: another worker id, or another user with the same id, gets 409.
    const other = await workerB.post(`/api/external-tasks/${task.id}/extendLock`).send({ workerId: 'b-1', newDuration: MINUTE });
    expect(other.status).toBe(409);
    expect(other.body.code).toBe('externalTask.notLocked');
    expect((await workerB.post(`/api/external-tasks/${task.id}/extendLock`).send({ workerId: 'a-1', newDuration: MINUTE })).status).toBe(409);
    // A lease that ran out cannot be extended (it may be another worker's by now).
    await advance(30 * MINUTE);
    const expired = await workerA.post(`/api/external-tasks/${task.id}/extendLock`).send({ workerId: 'a-1', newDuration: MINUTE });
    expect(expired.status).toBe(409);
    expect(expired.body.code).toBe('externalTask.lockExpired');
    expect((await workerA.post(`/api/external-tasks/${task.id}/complete`).send({ workerId: 'a-1' })).status).toBe(204);
    expect((await instance(id)).activeElements).toEqual(['Task_Periksa']);
  });

  it('unlock frees a task at once for any worker, whoever held it', async () => {
    const id = await start();
    const [task] = await fetchLock(workerA, 'a-2', 60 * MINUTE);
    expect(await fetchLock(workerB, 'b-2')).toEqual([]);
    expect((await admin.post(`/api/external-tasks/${task.id}/unlock`).send({})).status).toBe(204);
    expect(await listed(task.id)).toMatchObject({ workerId: null, lockExpirationTime: null });
    // The old holder lost it; the next fetch takes it.
    expect((await workerA.post(`/api/external-tasks/${task.id}/complete`).send({ workerId: 'a-2' })).status).toBe(409);
    const [again] = await fetchLock(workerB, 'b-2');
    expect(again).toMatchObject({ id: task.id, workerId: 'b-2' });
    // A worker may unlock too (Camunda 7 checks no worker id).
    expect((await workerA.post(`/api/external-tasks/${task.id}/unlock`).send({})).status).toBe(204);
    expect((await history(id)).filter((h) => h.type === 'external-task-unlocked').map((h) => [h.actor, h.workerId])).toEqual([
      ['admin-sistem', 'a-2'],
      ['worker', 'b-2'],
    ]);
    await drain();
  });

  it('retries 0 puts an incident on the instance; retries > 0 resolves it and the task is fetched and completed', async () => {
    const id = await start();
    const [task] = await fetchLock(workerA, 'a-3');
    expect((await admin.put(`/api/external-tasks/${task.id}/retries`).send({ retries: 0 })).status).toBe(204);
    const failed = await instance(id);
    expect(failed.status).toBe('failed');
    expect(failed.incidents).toEqual([expect.objectContaining({ elementId: 'Task_Arsip', message: expect.stringContaining('set to 0 by admin-sistem') })]);
    // Already out of retries: no second incident.
    expect((await admin.put(`/api/external-tasks/${task.id}/retries`).send({ retries: 0 })).status).toBe(204);
    expect((await instance(id)).incidents).toHaveLength(1);
    await advance(60 * MINUTE);
    expect(await fetchLock(workerB, 'b-3')).toEqual([]);

    expect((await admin.put(`/api/external-tasks/${task.id}/retries`).send({ retries: 2 })).status).toBe(204);
    const running = await instance(id);
    expect(running).toMatchObject({ status: 'running', incidents: [] });
    const [again] = await fetchLock(workerB, 'b-3');
    expect(again).toMatchObject({ id: task.id, retries: 2 });
    expect((await workerB.post(`/api/external-tasks/${task.id}/complete`).send({ workerId: 'b-3' })).status).toBe(204);
    expect(await instance(id)).toMatchObject({ status: 'running', activeElements: ['Task_Periksa'] });
    const types = (await history(id)).map((h) => h.type);
    expect(types).toEqual(expect.arrayContaining(['external-task-retries-set', 'incident', 'instance-failed', 'incident-resolved', 'external-task-completed']));
  });

  it("retries > 0 after a worker's last failure resolves that incident and skips the retry timeout", async () => {
    const id = await start();
    const [task] = await fetchLock(workerA, 'a-4');
    await workerA.post(`/api/external-tasks/${task.id}/failure`).send({ workerId: 'a-4', retries: 0, errorMessage: 'arsip penuh', retryTimeout: 60 * MINUTE }).expect(204);
    expect((await instance(id)).status).toBe('failed');
    await admin.put(`/api/external-tasks/${task.id}/retries`).send({ retries: 1 }).expect(204);
    expect(await instance(id)).toMatchObject({ status: 'running', incidents: [] });
    expect(await fetchLock(workerA, 'a-4')).toEqual([expect.objectContaining({ id: task.id, retries: 1 })]);
    await drain();
  });

  it('answers 404 for an unknown task, 400 for a bad body, 403 for roles without the right', async () => {
    expect((await workerA.post(`/api/external-tasks/${UNKNOWN}/extendLock`).send({ workerId: 'a', newDuration: 1000 })).status).toBe(404);
    expect((await admin.post(`/api/external-tasks/${UNKNOWN}/unlock`).send({})).status).toBe(404);
    expect((await admin.put(`/api/external-tasks/${UNKNOWN}/retries`).send({ retries: 1 })).status).toBe(404);
    const id = await start();
    const [task] = await fetchLock(workerA, 'a-5');
    for (const body of [{ workerId: 'a-5' }, { workerId: 'a-5', newDuration: -1 }, { workerId: 'a-5', newDuration: 0 }, { newDuration: 1000 }, { workerId: 'a-5', newDuration: 1000, extra: 1 }]) {
      expect({ body, status: (await workerA.post(`/api/external-tasks/${task.id}/extendLock`).send(body)).status }).toEqual({ body, status: 400 });
    }
    for (const body of [{}, { retries: -1 }, { retries: 1.5 }, { retries: '2' }]) {
      expect({ body, status: (await admin.put(`/api/external-tasks/${task.id}/retries`).send(body)).status }).toEqual({ body, status: 400 });
    }
    expect((await admin.put(`/api/external-tasks/${task.id}/retries`).set('content-type', 'text/plain').send('1')).status).toBe(415);
    // Retries are the administrator's; the auditor changes nothing; others do not reach the API.
    expect((await workerA.put(`/api/external-tasks/${task.id}/retries`).send({ retries: 0 })).status).toBe(403);
    expect((await auditor.put(`/api/external-tasks/${task.id}/retries`).send({ retries: 0 })).status).toBe(403);
    expect((await starter.post(`/api/external-tasks/${task.id}/unlock`).send({})).status).toBe(403);
    expect((await admin.post(`/api/external-tasks/${task.id}/extendLock`).send({ workerId: 'a-5', newDuration: 1000 })).status).toBe(403);
    expect(await instance(id)).toMatchObject({ status: 'running', incidents: [] });
    expect(await listed(task.id)).toMatchObject({ workerId: 'a-5', retries: null });
  });
});
