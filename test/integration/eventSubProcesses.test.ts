import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config';
import { createSystem, type System } from '../../src/system';
import { backends, signIn, startTestSystem, type TestSystem } from '../support/testSystem';
import { closeTestSystem, completeTaskIn, deployFixture, tasksIn, wib, type Agent, type HistoryItem } from './helpers';

jest.setTimeout(60_000);

const HOUR = 3600_000;

interface InstanceView {
  id: string;
  status: string;
  activeElements: string[];
  startedAt: string;
  timers: { elementId: string; dueAt: string }[];
  variables: Record<string, unknown>;
}

const MINIMAL = (key: string, body: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                  xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="defs-${key}" targetNamespace="http://example.org/test">
  <bpmn:error id="galat" errorCode="GALAT"/>
  <bpmn:escalation id="eskalasi" escalationCode="NAIK"/>
  <bpmn:message id="pesan" name="pesan"/>
  <bpmn:process id="${key}" isExecutable="true">
    <bpmn:startEvent id="start"/>
    ${body}
  </bpmn:process>
</bpmn:definitions>
`;

const eventSub = (id: string, start: string) =>
  `<bpmn:subProcess id="${id}" triggeredByEvent="true">${start}<bpmn:sequenceFlow id="${id}-f" sourceRef="${id}-start" targetRef="${id}-end"/><bpmn:endEvent id="${id}-end"/></bpmn:subProcess>`;

/** Event sub-processes (Camunda 7): a timer, error or escalation start listens while its scope runs. */
describe.each(backends)('event sub-processes (%s)', (backend) => {
  let t: TestSystem;
  let as: Record<string, Agent>;

  beforeAll(async () => {
    t = await startTestSystem(backend);
    as = {};
    for (const u of ['pemilik-proses', 'kasi', 'kabid', 'kadis', 'apip', 'auditor']) as[u] = await signIn(t.system, u);
    for (const f of ['evsub-interrupting', 'evsub-non-interrupting', 'evsub-in-subprocess', 'evsub-error', 'evsub-escalation', 'evsub-escalation-interrupting', 'evsub-message', 'evsub-cycle']) await deployFixture(as['pemilik-proses'], f);
  });

  afterAll(async () => {
    await closeTestSystem(t);
  });

  const instance = async (id: string) => (await as.auditor.get(`/api/instances/${id}`)).body as InstanceView;
  const history = async (id: string) => (await as.auditor.get(`/api/instances/${id}/history`)).body as HistoryItem[];
  const start = async (key: string, variables: Record<string, unknown> = {}) => {
    const res = await as.kasi.post(`/api/process-definitions/${key}/start`).send({ variables });
    expect(res.status).toBe(201);
    return res.body as InstanceView;
  };
  const complete = completeTaskIn;
  const advance = async (ms: number) => {
    const res = await as.kasi.post('/api/_clock/advance').send({ ms });
    expect(res.status).toBe(200);
    return res.body as { fired: number };
  };
  const elementsOf = async (agent: Agent, id: string) => (await tasksIn(agent, id)).map((x) => x.elementId);

  it('arms an interrupting timer start with its scope; when it fires the scope is cancelled and the event sub-process runs', async () => {
    const i = await start('evsub-interrupting');
    expect(i.timers).toEqual([{ elementId: 'overdue-start', dueAt: new Date(new Date(i.startedAt).getTime() + 2 * HOUR).toISOString() }]);
    expect(i.activeElements).not.toContain('evsub-interrupting__scope');
    await advance(HOUR);
    expect(await elementsOf(as.kasi, i.id)).toEqual(['handle']);
    await advance(HOUR);
    expect(await elementsOf(as.kasi, i.id)).toEqual([]);
    expect(await elementsOf(as.kadis, i.id)).toEqual(['take-over']);
    const h = await history(i.id);
    expect(h.filter((e) => e.type === 'task-cancelled').map((e) => e.elementId)).toEqual(['handle']);
    expect(h.some((e) => e.type === 'timer-fired' && e.elementId === 'overdue-start')).toBe(true);
    expect(h.some((e) => String(e.elementId).includes('__'))).toBe(false);
    await complete(as.kadis, i.id, 'take-over');
    expect(await instance(i.id)).toMatchObject({ status: 'completed', timers: [] });
  });

  it('disarms the timer when the scope ends first', async () => {
    const i = await start('evsub-interrupting');
    await complete(as.kasi, i.id, 'handle');
    expect(await instance(i.id)).toMatchObject({ status: 'completed', timers: [] });
    expect((await advance(3 * HOUR)).fired).toBe(0);
  });

  it('runs a non-interrupting one beside the scope, which ends when both have', async () => {
    const i = await start('evsub-non-interrupting');
    expect(i.timers.map((x) => x.elementId)).toEqual(['reminder-start']);
    await advance(HOUR);
    expect(await elementsOf(as.kasi, i.id)).toEqual(['handle']);
    expect(await elementsOf(as.kabid, i.id)).toEqual(['remind']);
    await complete(as.kasi, i.id, 'handle');
    expect((await instance(i.id)).status).toBe('running');
    await complete(as.kabid, i.id, 'remind');
    expect((await instance(i.id)).status).toBe('completed');
  });

  it('runs a non-interrupting message event sub-process at each message while its scope runs', async () => {
    const i = await start('evsub-message');
    const send = (messageName: string, variables: Record<string, unknown> = {}) => as['pemilik-proses'].post('/api/messages').send({ messageName, processInstanceId: i.id, variables });
    for (const n of [1, 2]) {
      const res = await send('info-tambahan', { infoKe: n });
      expect(res.status).toBe(200);
      expect(res.body.delivered).toEqual([expect.objectContaining({ resultType: 'execution', instanceId: i.id, elementId: 'info-start' })]);
    }
    expect(await elementsOf(as.kasi, i.id)).toEqual(['handle']);
    // Two occurrences, each run to its end at its delivery, in order.
    expect((await instance(i.id)).variables).toMatchObject({ infoKe: 2, info: [1, 2] });
    expect((await history(i.id)).filter((e) => e.type === 'element-left' && e.elementId === 'note')).toHaveLength(2);
    // The scope ends: the message start stops listening.
    await complete(as.kasi, i.id, 'handle');
    expect((await instance(i.id)).status).toBe('completed');
    expect((await send('info-tambahan')).status).toBe(404);
    const h = await history(i.id);
    expect(h.filter((e) => e.type === 'message-received').map((e) => e.elementId)).toEqual(['info-start', 'info-start']);
    expect(h.some((e) => String(e.elementId).includes('__'))).toBe(false);
  });

  it('an interrupting message event sub-process cancels its scope and runs in its place', async () => {
    const i = await start('evsub-message-cancel');
    const res = await as['pemilik-proses'].post('/api/messages').send({ messageName: 'laporan-dicabut', processInstanceId: i.id });
    expect(res.status).toBe(200);
    expect(await elementsOf(as.kasi, i.id)).toEqual([]);
    expect(await elementsOf(as.kadis, i.id)).toEqual(['close']);
    expect((await history(i.id)).filter((e) => e.type === 'task-cancelled').map((e) => e.elementId)).toEqual(['c-handle']);
    // Nothing listens any more: the scope it interrupted is gone.
    expect((await as['pemilik-proses'].post('/api/messages').send({ messageName: 'laporan-dicabut', processInstanceId: i.id })).status).toBe(404);
    await complete(as.kadis, i.id, 'close');
    expect((await instance(i.id)).status).toBe('completed');
  });

  it('fires a non-interrupting timeCycle start at most its repetitions, and not after its scope ends', async () => {
    const i = await start('evsub-cycle');
    expect(i.timers).toEqual([{ elementId: 'hourly-start', dueAt: new Date(new Date(i.startedAt).getTime() + HOUR).toISOString() }]);
    const fired = async () => (await history(i.id)).filter((e) => e.type === 'timer-fired' && e.elementId === 'hourly-start').length;
    for (const n of [1, 2, 3]) {
      await advance(HOUR);
      expect(await fired()).toBe(n);
      expect(await elementsOf(as.kasi, i.id)).toEqual(['handle']);
    }
    // R3: three occurrences, then the timer is gone.
    expect((await instance(i.id)).timers).toEqual([]);
    await advance(HOUR);
    expect(await fired()).toBe(3);
    expect((await history(i.id)).filter((e) => e.type === 'element-left' && e.elementId === 'noted')).toHaveLength(3);

    const ended = await start('evsub-cycle');
    await advance(HOUR);
    await complete(as.kasi, ended.id, 'handle');
    expect(await instance(ended.id)).toMatchObject({ status: 'completed', timers: [] });
    await advance(3 * HOUR);
    expect((await history(ended.id)).filter((e) => e.type === 'timer-fired')).toHaveLength(1);
  });

  it('arms a timer start in a sub-process when the sub-process starts, never as a start timer of the process', async () => {
    const { rows } = await t.system.db.query<{ n: number }>("select count(*)::int as n from jobs where kind = 'start-timer'");
    expect(rows[0].n).toBe(0);
    const late = await start('evsub-in-subprocess');
    expect(late.timers).toEqual([]);
    await complete(as.kasi, late.id, 'prepare');
    const armed = await instance(late.id);
    expect(armed.timers.map((x) => x.elementId)).toEqual(['late-start']);
    expect(armed.activeElements.sort()).toEqual(['check', 'late-start', 'verifikasi']);
    await advance(3 * HOUR);
    expect(await instance(late.id)).toMatchObject({ timers: [], activeElements: ['close'], variables: { terlambat: true } });
    expect(await elementsOf(as.kasi, late.id)).toEqual(['close']);

    const onTime = await start('evsub-in-subprocess');
    await complete(as.kasi, onTime.id, 'prepare');
    await complete(as.kasi, onTime.id, 'check');
    expect(await instance(onTime.id)).toMatchObject({ timers: [], activeElements: ['close'] });
    expect((await advance(3 * HOUR)).fired).toBe(0);
  });

  it('catches an error end event thrown in a sub-process: nothing after the sub-process runs', async () => {
    const fake = await start('evsub-error');
    await complete(as.kasi, fake.id, 'check', { palsu: true });
    expect(await elementsOf(as.kasi, fake.id)).toEqual([]);
    expect(await elementsOf(as.apip, fake.id)).toEqual(['report']);
    const h = await history(fake.id);
    expect(h.some((e) => e.elementId === 'proceed')).toBe(false);
    expect(h.some((e) => e.type === 'incident')).toBe(false);
    await complete(as.apip, fake.id, 'report');
    expect((await instance(fake.id)).status).toBe('completed');

    const genuine = await start('evsub-error');
    await complete(as.kasi, genuine.id, 'check', { palsu: false });
    expect(await elementsOf(as.kasi, genuine.id)).toEqual(['proceed']);
    expect(await elementsOf(as.apip, genuine.id)).toEqual([]);
  });

  it('runs a non-interrupting escalation event sub-process beside the path that threw', async () => {
    const i = await start('evsub-escalation');
    expect(await elementsOf(as.kasi, i.id)).toEqual(['handle']);
    expect(await elementsOf(as.kabid, i.id)).toEqual(['informed']);
    await complete(as.kasi, i.id, 'handle');
    await complete(as.kabid, i.id, 'informed');
    expect((await instance(i.id)).status).toBe('completed');
  });

  it('interrupts the scope at an escalation an interrupting event sub-process catches: nothing after the throw runs', async () => {
    const i = await start('evsub-escalation-interrupting');
    await complete(as.kasi, i.id, 'check', { berat: true });
    expect(await elementsOf(as.kasi, i.id)).toEqual([]);
    expect(await elementsOf(as.kadis, i.id)).toEqual(['kadis-handles']);
    const view = await instance(i.id);
    expect(view.variables).not.toHaveProperty('lanjut');
    const h = await history(i.id);
    expect(h.some((e) => e.elementId === 'after' || e.elementId === 'close')).toBe(false);
    expect(h.some((e) => e.type === 'incident')).toBe(false);
    await complete(as.kadis, i.id, 'kadis-handles');
    expect((await instance(i.id)).status).toBe('completed');

    const normal = await start('evsub-escalation-interrupting');
    await complete(as.kasi, normal.id, 'check', { berat: false });
    expect(await elementsOf(as.kasi, normal.id)).toEqual(['close']);
  });

  it('refuses at deploy, naming the element and the reason, what it does not run', async () => {
    const refused = async (xml: string) => {
      const res = await as['pemilik-proses'].post('/api/deployments').send({ name: 'x.bpmn', xml });
      expect(res.status).toBe(400);
      return String(res.body.detail);
    };
    const tail = '<bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="end"/><bpmn:endEvent id="end"/>';
    expect(
      await refused(MINIMAL('sinyal-mulai', tail.replace('<bpmn:endEvent', '<bpmn:signal id="sinyal" name="sinyal"/><bpmn:endEvent') + eventSub('es', '<bpmn:startEvent id="es-start"><bpmn:signalEventDefinition signalRef="sinyal"/></bpmn:startEvent>'))),
    ).toContain('es-start (bpmn:StartEvent): an event sub-process starts on a timer, message, error or escalation here');
    expect(
      await refused(MINIMAL('siklus', tail + eventSub('es', '<bpmn:startEvent id="es-start"><bpmn:timerEventDefinition><bpmn:timeCycle>R3/PT1H</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:startEvent>'))),
    ).toContain('es-start (bpmn:StartEvent): an interrupting timeCycle start fires once; use timeDuration or timeDate, or make it non-interrupting');
    expect(await refused(MINIMAL('tanpa-pemicu', tail + eventSub('es', '<bpmn:startEvent id="es-start"/>')))).toContain('es (bpmn:SubProcess): an event sub-process starts on a timer, message, error or escalation start event');
    expect(
      await refused(MINIMAL('eskalasi-lepas', '<bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="end"/><bpmn:endEvent id="end"><bpmn:escalationEventDefinition escalationRef="eskalasi"/></bpmn:endEvent>')),
    ).toContain('end (bpmn:EndEvent): no event sub-process of an enclosing scope catches this escalation');
    expect(
      await refused(MINIMAL('galat-lepas', '<bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="end"/><bpmn:endEvent id="end"><bpmn:errorEventDefinition errorRef="galat"/></bpmn:endEvent>')),
    ).toContain('end (bpmn:EndEvent): nothing catches this error: neither an error boundary event on its embedded sub-process nor an event sub-process of an enclosing scope');
    expect(
      await refused(
        MINIMAL(
          'timer-di-sub',
          '<bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="sub"/><bpmn:subProcess id="sub"><bpmn:startEvent id="sub-start"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:startEvent></bpmn:subProcess>',
        ),
      ),
    ).toContain('sub-start (bpmn:StartEvent): a start event in an embedded sub-process is a none start event');
    expect(
      await refused(
        MINIMAL(
          'galat-batas',
          `${tail}<bpmn:userTask id="t"/><bpmn:boundaryEvent id="b" attachedToRef="t"><bpmn:errorEventDefinition errorRef="galat"/></bpmn:boundaryEvent>`,
        ),
      ),
    ).toContain('error boundary event b: only external tasks and embedded sub-processes throw BPMN errors here (t (bpmn:UserTask))');
  });
});

/** The timer of an event sub-process is a durable job: armed in one process, it fires once in the next. */
describe.each(backends)('an armed event sub-process timer across a restart (%s)', (backend) => {
  let first: TestSystem | undefined;
  let second: System | undefined;
  let dataDir: string | undefined;

  afterAll(async () => {
    await second?.close();
    await closeTestSystem(first);
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('fires once after the restart', async () => {
    if (backend === 'pglite') dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sop-evsub-'));
    first = await startTestSystem(backend, dataDir ? { DATA_DIR: dataDir } : {});
    const owner = await signIn(first.system, 'pemilik-proses');
    await deployFixture(owner, 'evsub-non-interrupting');
    const kasi = await signIn(first.system, 'kasi');
    const started = (await kasi.post('/api/process-definitions/evsub-non-interrupting/start').send({})).body as InstanceView;
    expect(started.timers).toEqual([{ elementId: 'reminder-start', dueAt: wib('2026-11-16T09:00:00') }]);
    const url = first.system.config.databaseUrl;
    await first.system.close();
    first.system.close = async () => undefined;

    const shared = url ? { DATABASE_URL: url } : { DATA_DIR: dataDir! };
    second = await createSystem(loadConfig({ NODE_ENV: 'test', SOP_CLOCK: 'manual', PROCESSES_DIR: '/nonexistent', PORT: '0', SCHEDULER_POLL_MS: '50', ...shared }));
    const kasi2 = await signIn(second, 'kasi');
    const kabid2 = await signIn(second, 'kabid');
    expect((await kasi2.post('/api/_clock/advance').send({ ms: HOUR })).body.fired).toBe(1);
    expect((await kasi2.post('/api/_clock/advance').send({ ms: HOUR })).body.fired).toBe(0);
    expect((await tasksIn(kabid2, started.id)).map((x) => x.elementId)).toEqual(['remind']);
    expect((await tasksIn(kasi2, started.id)).map((x) => x.elementId)).toEqual(['handle']);
    const h = (await kasi2.get(`/api/instances/${started.id}/history`)).body as HistoryItem[];
    expect(h.filter((e) => e.type === 'timer-fired')).toHaveLength(1);
  });
});
