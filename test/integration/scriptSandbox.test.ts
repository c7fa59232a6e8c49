import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { backends, signIn, startTestSystem, type TestSystem } from '../support/testSystem';
import { type Agent, anonymous, closeTestSystem, deployFixture, fixture, tasksIn } from './helpers';

// Starting a system (PGlite, migrations, demo users) is slow on a shared, loaded machine.
jest.setTimeout(60_000);

/** Scripts run in QuickJS (WebAssembly), never in the server's process: see src/engine/scriptSandbox.ts. */
describe.each(backends)('script tasks and script conditions (%s)', (backend) => {
  let t: TestSystem;
  let owner: Agent;
  let kasi: Agent;
  let auditor: Agent;
  let dir: string;

  beforeAll(async () => {
    t = await startTestSystem(backend);
    owner = await signIn(t.system, 'pemilik-proses');
    kasi = await signIn(t.system, 'kasi');
    auditor = await signIn(t.system, 'auditor');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'script-escape-'));
    for (const name of ['script-loop', 'script-gateway', 'approval']) await deployFixture(owner, name);
  });

  afterAll(async () => {
    await closeTestSystem(t);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const start = async (key: string, variables: Record<string, unknown> = {}) => {
    const res = await kasi.post(`/api/process-definitions/${key}/start`).send({ variables });
    expect(res.status).toBe(201);
    return res.body as { id: string; status: string };
  };
  const instance = async (id: string) => (await auditor.get(`/api/instances/${id}`)).body;

  it("cannot reach the server's process through node:vm's escape: no file is written, the instance fails, the server stays up", async () => {
    const target = path.join(dir, 'escaped.txt');
    const xml = fixture('script-escape').replaceAll('SCRIPT_ESCAPE_TARGET', target);
    expect((await owner.post('/api/deployments').send({ name: 'script-escape.bpmn', xml })).status).toBe(201);

    const started = await start('script-escape');
    expect(fs.existsSync(target)).toBe(false);
    const detail = await instance(started.id);
    expect(detail.status).toBe('failed');
    expect(detail.incidents).toEqual([expect.objectContaining({ message: expect.stringMatching(/escape: script error/) })]);
    expect((await anonymous(t.system).get('/api/health')).status).toBe(200);
  });

  it('turns an endless script into an incident within the time limit; another instance completes meanwhile', async () => {
    const began = Date.now();
    const [looping, other] = await Promise.all([start('script-loop'), start('script-gateway', { jumlah: 3 })]);
    expect(Date.now() - began).toBeLessThan(5_000);
    const failed = await instance(looping.id);
    expect(failed.status).toBe('failed');
    expect(failed.incidents).toEqual([expect.objectContaining({ message: expect.stringMatching(/loop: the script ran longer than 1000 ms/) })]);

    expect((await instance(other.id)).status).toBe('running');
    const [task] = await tasksIn(kasi, other.id);
    expect(task.elementId).toBe('biasa');
    await kasi.post(`/api/tasks/${task.id}/claim`).send({}).expect(200);
    await kasi.post(`/api/tasks/${task.id}/complete`).send({}).expect(200);
    expect((await instance(other.id)).status).toBe('completed');
  });

  it('hands variables a script computes to the gateways that follow it', async () => {
    const high = await start('script-gateway', { jumlah: 20 });
    expect((await tasksIn(kasi, high.id)).map((x) => x.elementId)).toEqual(['segera']);
    const middle = await start('script-gateway', { jumlah: 12 });
    expect((await tasksIn(kasi, middle.id)).map((x) => x.elementId)).toEqual(['mendesak']);
    const low = await start('script-gateway', { jumlah: 1 });
    expect((await tasksIn(kasi, low.id)).map((x) => x.elementId)).toEqual(['biasa']);
    const vars = (await instance(high.id)).variables;
    expect(vars).toMatchObject({ jumlah: 20, prioritas: true, skor: 40 });
  });

  it('refuses a groovy script at deployment, naming the task', async () => {
    const res = await owner.post('/api/deployments').send({ name: 'script-groovy.bpmn', xml: fixture('script-groovy') });
    expect(res.status).toBe(400);
    expect(res.body.detail).toMatch(/Script_Groovy \(bpmn:ScriptTask\): .*groovy/);
    expect((await owner.get('/api/process-definitions/script-groovy/versions')).status).toBe(404);
  });
});
