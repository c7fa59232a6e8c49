import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { backends, signIn, startTestSystem, type TestSystem } from '../support/testSystem';
import { type Agent, closeTestSystem, completeTaskIn, deployFixture, tasksIn } from './helpers';

jest.setTimeout(120_000);

interface Instance {
  id: string;
  status: string;
  activeElements: string[];
  variables: Record<string, unknown>;
}

/**
 * Non-interrupting message and signal boundary events with Camunda 7 semantics (issue 10): each
 * delivery sends a token out of the boundary while the task stays, and the boundary waits again
 * until the task ends.
 */
describe.each(backends)('non-interrupting message and signal events (%s)', (backend) => {
  let t: TestSystem;
  let owner: Agent;
  let kasi: Agent;

  beforeAll(async () => {
    t = await startTestSystem(backend);
    owner = await signIn(t.system, 'pemilik-proses');
    await deployFixture(owner, 'message-boundary-non-interrupting');
    kasi = await signIn(t.system, 'kasi');
  });
  afterAll(() => closeTestSystem(t));

  const start = async (key: string, businessKey?: string): Promise<string> => {
    const res = await owner.post(`/api/process-definitions/${key}/start`).send(businessKey ? { businessKey } : {});
    expect(res.status).toBe(201);
    return res.body.id;
  };
  const instance = async (id: string) => (await owner.get(`/api/instances/${id}`)).body as Instance;
  const history = async (id: string) => (await owner.get(`/api/instances/${id}/history`)).body as { type: string; elementId: string | null }[];
  const openTasks = async (id: string) => (await tasksIn(kasi, id)).map((x) => x.elementId).sort();
  const subscriptions = async (instanceId: string) =>
    (await t.system.engine.db.query<{ element_id: string }>('select element_id from event_subscriptions where instance_id = $1 order by element_id', [instanceId])).rows.map((r) => r.element_id);

  it('a message delivered twice runs its path twice; the task stays open and the boundary keeps waiting', async () => {
    const id = await start('uji-pesan-batas-lanjut', 'UJI-NI-1');
    expect(await subscriptions(id)).toEqual(['diingatkan', 'dokumenMasuk']);
    for (const n of [1, 2]) {
      const res = await owner.post('/api/messages').send({ messageName: 'dokumen-tambahan', businessKey: 'UJI-NI-1', variables: { dokumenKe: n } });
      expect(res.status).toBe(200);
      expect(res.body.delivered).toEqual([expect.objectContaining({ resultType: 'execution', instanceId: id, elementId: 'dokumenMasuk' })]);
      expect(await subscriptions(id)).toEqual(['diingatkan', 'dokumenMasuk']);
    }
    // Each occurrence ran to its end at its delivery, in order.
    expect((await history(id)).filter((h) => h.type === 'flow-taken' && h.elementId === 'f2')).toHaveLength(2);
    expect((await history(id)).filter((h) => h.type === 'element-left' && h.elementId === 'arsipkan')).toHaveLength(2);
    expect(await openTasks(id)).toEqual(['verifikasi']);
    expect((await instance(id)).variables).toMatchObject({ dokumenKe: 2, dokumen: [1, 2] });

    // A signal boundary likewise: one run per broadcast.
    for (let n = 0; n < 2; n++) expect((await owner.post('/api/signals').send({ name: 'pengingat-verifikasi' })).status).toBe(200);
    expect((await instance(id)).variables).toMatchObject({ pengingat: 2 });
    expect(await subscriptions(id)).toEqual(['diingatkan', 'dokumenMasuk']);

    // The task ends: its boundaries stop waiting.
    await completeTaskIn(kasi, id, 'verifikasi');
    expect(await subscriptions(id)).toEqual([]);
    expect((await owner.post('/api/messages').send({ messageName: 'dokumen-tambahan', businessKey: 'UJI-NI-1' })).status).toBe(404);
    expect((await instance(id)).status).toBe('completed');
  });

  it('refuses at deploy a repeating non-interrupting event whose path waits, naming the event and where it waits', async () => {
    const before = (await t.system.engine.db.query<{ n: number }>('select count(*)::int as n from deployments')).rows[0].n;
    const res = await owner.post('/api/deployments').send({ name: 'unsupported-repeating-waits.bpmn', xml: fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'unsupported-repeating-waits.bpmn'), 'utf8') });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('bpmn.invalid');
    const text = String(res.body.detail);
    for (const [event, wait] of [['dokumenMasuk', 'arsipkan'], ['diingatkan', 'tindakLanjut'], ['infoMasuk', 'catatInfo'], ['tiapJam', 'gabung']]) {
      expect(text).toMatch(new RegExp(`${event} \\(bpmn:\\w+\\): a non-interrupting [^;]* waits at ${wait} \\(bpmn:`));
    }
    // A cycle that fires once (R1) and timeDuration timers run as before.
    expect(text).not.toContain('sekaliSaja');
    expect((await t.system.engine.db.query<{ n: number }>('select count(*)::int as n from deployments')).rows[0].n).toBe(before);
  });
});

describe('a non-interrupting message boundary after a restart (PGlite in a data folder)', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sop-noninterrupting-'));
  let t: TestSystem | undefined;
  afterAll(async () => {
    await closeTestSystem(t);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps waiting across a restart and across deliveries recovered from the stored state', async () => {
    t = await startTestSystem('pglite', { DATA_DIR: dataDir });
    let owner = await signIn(t.system, 'pemilik-proses');
    await deployFixture(owner, 'message-boundary-non-interrupting');
    const id = (await owner.post('/api/process-definitions/uji-pesan-batas-lanjut/start').send({ businessKey: 'UJI-NI-R' })).body.id as string;
    await owner.post('/api/messages').send({ messageName: 'dokumen-tambahan', businessKey: 'UJI-NI-R' }).expect(200);
    await t.close();
    t = undefined;

    t = await startTestSystem('pglite', { DATA_DIR: dataDir });
    owner = await signIn(t.system, 'pemilik-proses');
    await owner.post('/api/messages').send({ messageName: 'dokumen-tambahan', businessKey: 'UJI-NI-R' }).expect(200);
    await owner.post('/api/messages').send({ messageName: 'dokumen-tambahan', businessKey: 'UJI-NI-R', variables: { dokumenKe: 3 } }).expect(200);
    const kasi = await signIn(t.system, 'kasi');
    // Three deliveries across the restart, each run at its delivery; the task still waits.
    expect((await owner.get(`/api/instances/${id}`)).body.variables).toMatchObject({ dokumen: [0, 0, 3] });
    expect((await tasksIn(kasi, id)).map((x) => x.elementId)).toEqual(['verifikasi']);
  });
});
