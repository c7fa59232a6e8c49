import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { backends, signIn, startTestSystem, type TestSystem } from '../support/testSystem';
import { type Agent, closeTestSystem, deployFixture, fixture } from './helpers';

jest.setTimeout(120_000);

interface Instance {
  id: string;
  key: string;
  status: string;
  activeElements: string[];
  variables: Record<string, unknown>;
  businessKey: string | null;
}

/** Message and signal events with Camunda 7 semantics, waiting in the database (issue 10). */
describe.each(backends)('messages and signals (%s)', (backend) => {
  let t: TestSystem;
  let owner: Agent;
  let kasi: Agent;
  let auditor: Agent;

  beforeAll(async () => {
    t = await startTestSystem(backend);
    owner = await signIn(t.system, 'pemilik-proses');
    for (const name of ['message-catch', 'message-receive', 'message-start', 'message-boundary', 'signal-catch', 'signal-start', 'signal-throw', 'message-subprocess']) {
      await deployFixture(owner, name);
    }
    kasi = await signIn(t.system, 'kasi');
    auditor = await signIn(t.system, 'auditor');
  });
  afterAll(() => closeTestSystem(t));

  const start = async (key: string, businessKey?: string): Promise<string> => {
    const res = await owner.post(`/api/process-definitions/${key}/start`).send(businessKey ? { businessKey } : {});
    expect(res.status).toBe(201);
    return res.body.id;
  };
  const instance = async (id: string): Promise<Instance> => {
    const body = (await auditor.get(`/api/instances/${id}`)).body as Instance;
    return { ...body, activeElements: [...body.activeElements].sort() };
  };
  const history = async (id: string) => ((await auditor.get(`/api/instances/${id}/history`)).body as { type: string; elementId: string | null; actor: string | null }[]);
  const tasksOf = async (id: string) => ((await kasi.get('/api/tasks')).body as { id: string; instanceId: string; elementId: string }[]).filter((x) => x.instanceId === id);
  const subscriptions = async (instanceId: string) =>
    (await t.system.engine.db.query<{ name: string; element_id: string }>('select name, element_id from event_subscriptions where instance_id = $1', [instanceId])).rows;
  const complete = async (id: string, elementId: string) => {
    const task = (await tasksOf(id)).find((x) => x.elementId === elementId)!;
    await kasi.post(`/api/tasks/${task.id}/claim`).send({}).expect(200);
    await kasi.post(`/api/tasks/${task.id}/complete`).send({}).expect(200);
  };

  it('an intermediate message catch event waits in the database and moves on with the message and its variables', async () => {
    const id = await start('uji-pesan-tangkap', 'UJI-PESAN-1');
    expect((await instance(id)).activeElements).toEqual(['tungguBayar']);
    expect(await subscriptions(id)).toEqual([{ name: 'pembayaran-diterima', element_id: 'tungguBayar' }]);

    const res = await owner.post('/api/messages').send({ messageName: 'pembayaran-diterima', businessKey: 'UJI-PESAN-1', variables: { jumlah: 150000 } });
    expect(res.status).toBe(200);
    expect(res.body.delivered).toEqual([{ resultType: 'execution', instanceId: id, processKey: 'uji-pesan-tangkap', elementId: 'tungguBayar' }]);
    const after = await instance(id);
    expect(after.activeElements).toEqual(['periksa']);
    expect(after.variables).toMatchObject({ jumlah: 150000 });
    expect(await subscriptions(id)).toEqual([]);
    expect((await tasksOf(id)).map((x) => x.elementId)).toEqual(['periksa']);
    expect((await history(id)).filter((h) => h.type === 'message-received')).toEqual([
      expect.objectContaining({ elementId: 'tungguBayar', actor: 'pemilik-proses', name: 'pembayaran-diterima' }),
    ]);
    // Nothing waits any more: 404 with a code.
    const again = await owner.post('/api/messages').send({ messageName: 'pembayaran-diterima', businessKey: 'UJI-PESAN-1' });
    expect(again.status).toBe(404);
    expect(again.body.code).toBe('message.notCorrelated');
  });

  it('a receive task receives its message by process instance id', async () => {
    const id = await start('uji-pesan-terima');
    expect((await instance(id)).activeElements).toEqual(['terimaBerkas']);
    const res = await owner.post('/api/messages').send({ messageName: 'berkas-diterima', processInstanceId: id });
    expect(res.status).toBe(200);
    expect((await instance(id)).status).toBe('completed');
  });

  it('a message start event starts the latest version, with the business key and variables; the process is not started by hand', async () => {
    const byHand = await owner.post('/api/process-definitions/uji-pesan-mulai/start').send({});
    expect(byHand.status).toBe(400);
    expect(byHand.body.code).toBe('process.startedByEvent');

    const res = await owner.post('/api/messages').send({ messageName: 'laporan-masuk', businessKey: 'UJI-MULAI-1', variables: { sumber: 'sms' } });
    expect(res.status).toBe(200);
    const [received] = res.body.delivered;
    expect(received).toMatchObject({ resultType: 'processDefinition', processKey: 'uji-pesan-mulai', elementId: 'mulaiPesan' });
    const started = await instance(received.instanceId);
    expect(started).toMatchObject({ status: 'running', businessKey: 'UJI-MULAI-1', activeElements: ['tinjau'], variables: { sumber: 'sms' } });
    expect((await history(started.id)).map((h) => h.type).slice(0, 2)).toEqual(['instance-started', 'message-received']);

    // A new version takes the message over: only the latest version starts.
    const v2 = fixture('message-start').replace('name="Test: message start"', 'name="Test: message start v2"');
    expect((await owner.post('/api/deployments').send({ name: 'message-start-v2.bpmn', xml: v2 })).body.version).toBe(2);
    const next = await owner.post('/api/messages').send({ messageName: 'laporan-masuk' });
    expect(next.status).toBe(200);
    expect((await auditor.get(`/api/instances/${next.body.delivered[0].instanceId}`)).body.version).toBe(2);
    // Another process may not start by the same message (Camunda 7 refuses the deployment).
    const twin = await owner.post('/api/deployments').send({ name: 'twin.bpmn', xml: fixture('message-start').replace('id="uji-pesan-mulai"', 'id="uji-pesan-kembar"') });
    expect(twin.status).toBe(400);
    expect(twin.body.detail).toBe('start event mulaiPesan: the message "laporan-masuk" already starts the process "uji-pesan-mulai"');
  });

  it('an interrupting message boundary event cancels its task and takes its own path', async () => {
    const id = await start('uji-pesan-batas', 'UJI-BATAS-1');
    expect((await tasksOf(id)).map((x) => x.elementId)).toEqual(['verifikasi']);
    const res = await owner.post('/api/messages').send({ messageName: 'pengaduan-dicabut', businessKey: 'UJI-BATAS-1' });
    expect(res.status).toBe(200);
    expect((await instance(id)).status).toBe('completed');
    expect(await tasksOf(id)).toEqual([]);
    const types = (await history(id)).map((h) => `${h.type}:${h.elementId}`);
    expect(types).toEqual(expect.arrayContaining(['task-cancelled:verifikasi', 'element-entered:dibatalkan']));
    // The boundary's wait ended with its task: a completed task leaves no wait behind.
    const other = await start('uji-pesan-batas', 'UJI-BATAS-2');
    await complete(other, 'verifikasi');
    expect(await subscriptions(other)).toEqual([]);
    expect((await owner.post('/api/messages').send({ messageName: 'pengaduan-dicabut', businessKey: 'UJI-BATAS-2' })).status).toBe(404);
  });

  it('several receivers: 409 naming them, unless all is true; then each receives it', async () => {
    const a = await start('uji-pesan-tangkap', 'UJI-BANYAK');
    const b = await start('uji-pesan-tangkap', 'UJI-BANYAK');
    const ambiguous = await owner.post('/api/messages').send({ messageName: 'pembayaran-diterima', businessKey: 'UJI-BANYAK' });
    expect(ambiguous.status).toBe(409);
    expect(ambiguous.body.code).toBe('message.ambiguous');
    expect((await instance(a)).activeElements).toEqual(['tungguBayar']);
    expect((await instance(b)).activeElements).toEqual(['tungguBayar']);

    const all = await owner.post('/api/messages').send({ messageName: 'pembayaran-diterima', businessKey: 'UJI-BANYAK', all: true, variables: { lunas: true } });
    expect(all.status).toBe(200);
    expect(all.body.delivered.map((d: { instanceId: string }) => d.instanceId).sort()).toEqual([a, b].sort());
    for (const id of [a, b]) expect(await instance(id)).toMatchObject({ activeElements: ['periksa'], variables: { lunas: true } });
  });

  it('an unknown message is 404; a message to another instance id is 404', async () => {
    const res = await owner.post('/api/messages').send({ messageName: 'tidak-ada' });
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('message.notCorrelated');
    const id = await start('uji-pesan-terima');
    const wrong = await owner.post('/api/messages').send({ messageName: 'pembayaran-diterima', processInstanceId: id });
    expect(wrong.status).toBe(404);
    // With all, finding nothing is no error (Camunda 7 correlateAll).
    expect((await owner.post('/api/messages').send({ messageName: 'tidak-ada', all: true })).body).toEqual({ delivered: [] });
  });

  it('two concurrent deliveries to the same wait: exactly one succeeds, the other gets 409 or 404', async () => {
    const id = await start('uji-pesan-tangkap', 'UJI-BALAPAN');
    const send = (n: number) => owner.post('/api/messages').send({ messageName: 'pembayaran-diterima', businessKey: 'UJI-BALAPAN', variables: { pengirim: n } });
    const results = await Promise.all([send(1), send(2), send(3)]);
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    for (const s of statuses.filter((x) => x !== 200)) expect([404, 409]).toContain(s);
    const after = await instance(id);
    expect(after.activeElements).toEqual(['periksa']);
    expect((await history(id)).filter((h) => h.type === 'message-received')).toHaveLength(1);
    expect(await tasksOf(id)).toHaveLength(1);
  });

  it('a signal reaches every instance waiting for it and starts the signal start process; a boundary signal interrupts', async () => {
    const one = await start('uji-sinyal-tangkap');
    const two = await start('uji-sinyal-tangkap');
    const res = await owner.post('/api/signals').send({ name: 'peringatan-banjir', variables: { tinggiAir: 120 } });
    expect(res.status).toBe(200);
    const delivered = res.body.delivered as { resultType: string; instanceId: string | null; processKey: string }[];
    expect(delivered.filter((d) => d.resultType === 'execution').map((d) => d.instanceId).sort()).toEqual(expect.arrayContaining([one, two].sort()));
    expect(delivered.filter((d) => d.resultType === 'processDefinition').map((d) => d.processKey)).toEqual(['uji-sinyal-mulai']);
    // The task and its boundary event wait.
    for (const id of [one, two]) expect(await instance(id)).toMatchObject({ activeElements: ['aman', 'siaga'], variables: { tinggiAir: 120 } });
    const started = (await auditor.get('/api/instances?key=uji-sinyal-mulai')).body as Instance[];
    expect(started).toHaveLength(1);
    expect(started[0]).toMatchObject({ activeElements: ['lapor'], variables: { tinggiAir: 120 } });

    // The all-clear interrupts both tasks through their boundary events.
    expect((await owner.post('/api/signals').send({ name: 'status-aman' })).status).toBe(200);
    for (const id of [one, two]) expect((await instance(id)).status).toBe('completed');
    // Nothing waits: an empty list.
    expect((await owner.post('/api/signals').send({ name: 'status-aman' })).body).toEqual({ delivered: [] });
  });

  it('an intermediate signal throw and a signal end event broadcast to the other instances', async () => {
    const waiting = [await start('uji-sinyal-tangkap'), await start('uji-sinyal-tangkap')];
    const before = ((await auditor.get('/api/instances?key=uji-sinyal-mulai')).body as Instance[]).length;
    const thrower = await start('uji-sinyal-lempar');
    await complete(thrower, 'umumkan');
    for (const id of waiting) expect((await instance(id)).activeElements).toEqual(['aman', 'siaga']);
    expect(((await auditor.get('/api/instances?key=uji-sinyal-mulai')).body as Instance[]).length).toBe(before + 1);
    expect((await history(thrower)).filter((h) => h.type === 'signal-thrown')).toEqual([expect.objectContaining({ name: 'peringatan-banjir', targets: 3 })]);

    await complete(thrower, 'nyatakanAman');
    expect((await instance(thrower)).status).toBe('completed');
    for (const id of waiting) expect((await instance(id)).status).toBe('completed');
    const received = await history(waiting[0]);
    expect(received.filter((h) => h.type === 'signal-received').map((h) => h.elementId)).toEqual(['tungguBanjir', 'aman']);
  });

  it('a message reaches a catch event inside a sub-process; a signal thrown in an instance reaches its own sibling branch', async () => {
    const id = await start('uji-pesan-sub', 'UJI-SUB-1');
    expect((await instance(id)).activeElements).toEqual(['sub', 'tungguKonfirmasi']);
    expect((await owner.post('/api/messages').send({ messageName: 'konfirmasi-opd', businessKey: 'UJI-SUB-1' })).status).toBe(200);
    expect((await instance(id)).activeElements).toEqual(['kerja', 'tungguSendiri']);
    // A second instance waits for the same signal: the thrower's broadcast reaches it as well.
    const other = await start('uji-pesan-sub', 'UJI-SUB-2');
    await owner.post('/api/messages').send({ messageName: 'konfirmasi-opd', businessKey: 'UJI-SUB-2' }).expect(200);
    await complete(id, 'kerja');
    expect((await instance(id)).status).toBe('completed');
    expect(await subscriptions(id)).toEqual([]);
    // Its signal branch went on to the join (bpmn-engine lists the flow waiting there); its task still waits.
    expect((await instance(other)).activeElements).toContain('kerja');
    expect((await instance(other)).activeElements).not.toContain('tungguSendiri');
    expect(await subscriptions(other)).toEqual([]);
    expect((await history(id)).filter((h) => h.type === 'signal-thrown')).toEqual([expect.objectContaining({ name: 'sinyal-internal', targets: 1 })]);
  });

  it('hostile input: unknown fields, reserved variable names, a bad instance id are 400 and nothing is delivered', async () => {
    const id = await start('uji-pesan-tangkap', 'UJI-JAHAT');
    const bodies = [
      { messageName: 'pembayaran-diterima', businessKey: 'UJI-JAHAT', extra: 1 },
      JSON.parse('{"messageName":"pembayaran-diterima","businessKey":"UJI-JAHAT","variables":{"__proto__":{"admin":true}}}'),
      { messageName: 'pembayaran-diterima', businessKey: 'UJI-JAHAT', variables: { a: { constructor: 1 } } },
      { messageName: 'pembayaran-diterima', businessKey: 'UJI-JAHAT', variables: [1, 2] },
      { messageName: 'pembayaran-diterima', processInstanceId: 'bukan-uuid' },
      { messageName: '', businessKey: 'UJI-JAHAT' },
      { businessKey: 'UJI-JAHAT' },
      { messageName: 'pembayaran-diterima', businessKey: 'UJI-JAHAT', all: 'ya' },
    ];
    for (const body of bodies) {
      const res = await owner.post('/api/messages').set('content-type', 'application/json').send(JSON.stringify(body));
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
    }
    for (const body of [{ name: 'peringatan-banjir', variables: { prototype: 1 } }, { name: 'peringatan-banjir', lain: true }, {}]) {
      expect((await owner.post('/api/signals').send(body)).status).toBe(400);
    }
    expect((await owner.post('/api/messages').set('content-type', 'text/plain').send('x')).status).toBe(415);
    expect(await instance(id)).toMatchObject({ activeElements: ['tungguBayar'], variables: {} });
    expect((await history(id)).some((h) => h.type === 'message-received')).toBe(false);
  });

  it('only process owners and system admins send messages and signals', async () => {
    for (const path of ['/api/messages', '/api/signals']) {
      expect((await kasi.post(path).send({ messageName: 'x', name: 'x' })).status).toBe(403);
      expect((await auditor.post(path).send({ messageName: 'x', name: 'x' })).status).toBe(403);
    }
  });
});

describe('messages after a restart (PGlite in a data folder)', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sop-messages-'));
  let t: TestSystem | undefined;
  afterAll(async () => {
    await closeTestSystem(t);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('an instance waiting for a message before the restart receives it after', async () => {
    t = await startTestSystem('pglite', { DATA_DIR: dataDir });
    let owner = await signIn(t.system, 'pemilik-proses');
    await deployFixture(owner, 'message-catch');
    await deployFixture(owner, 'message-receive');
    const started = await owner.post('/api/process-definitions/uji-pesan-tangkap/start').send({ businessKey: 'UJI-RESTART' });
    expect(started.status).toBe(201);
    const receiving = (await owner.post('/api/process-definitions/uji-pesan-terima/start').send({ businessKey: 'UJI-RESTART' })).body.id as string;
    await t.close();
    t = undefined;

    t = await startTestSystem('pglite', { DATA_DIR: dataDir });
    owner = await signIn(t.system, 'pemilik-proses');
    const res = await owner.post('/api/messages').send({ messageName: 'pembayaran-diterima', businessKey: 'UJI-RESTART', variables: { setelah: 'restart' } });
    expect(res.status).toBe(200);
    const after = (await owner.get(`/api/instances/${started.body.id}`)).body as Instance;
    expect(after).toMatchObject({ activeElements: ['periksa'], variables: { setelah: 'restart' } });
    expect((await owner.post('/api/messages').send({ messageName: 'berkas-diterima', processInstanceId: receiving })).status).toBe(200);
    expect(((await owner.get(`/api/instances/${receiving}`)).body as Instance).status).toBe('completed');
  });
});

describe('message and signal events that stay refused at deploy', () => {
  let t: TestSystem;
  beforeAll(async () => {
    t = await startTestSystem('pglite');
  });
  afterAll(() => closeTestSystem(t));

  it('names each one in one 400', async () => {
    const owner = await signIn(t.system, 'pemilik-proses');
    const res = await owner.post('/api/deployments').send({ name: 'x.bpmn', xml: fixture('unsupported-message-events') });
    expect(res.status).toBe(400);
    const detail = String(res.body.detail);
    expect(detail).toContain('bpmn:MessageEventDefinition on kirim: message throw events are not run here');
    expect(detail).toContain('Msg_Kosong (bpmn:Message): a message needs a name');
  });
});
