import { backends, signIn, startTestSystem, type TestSystem } from '../support/testSystem';
import { type Agent, closeTestSystem, fixture } from './helpers';

jest.setTimeout(60_000);

/** An SOP file may hold its complaint flow and its monthly recap as two executable processes. */
describe.each(backends)('a diagram with two executable processes (%s)', (backend) => {
  let t: TestSystem;
  let owner: Agent;
  let adminUtama: Agent;
  let auditor: Agent;

  beforeAll(async () => {
    t = await startTestSystem(backend);
    owner = await signIn(t.system, 'pemilik-proses');
    adminUtama = await signIn(t.system, 'admin-utama');
    auditor = await signIn(t.system, 'auditor');
  });
  afterAll(() => closeTestSystem(t));

  it('versions each process under its own id and runs only the one started', async () => {
    const res = await owner.post('/api/deployments').send({ name: 'two-processes.bpmn', xml: fixture('two-processes') });
    expect(res.status).toBe(201);
    expect(res.body.processes.map((p: { key: string; version: number }) => `${p.key}@${p.version}`)).toEqual(['uji-aduan@1', 'uji-rekap@1']);

    const started = await adminUtama.post('/api/process-definitions/uji-aduan/start').send({});
    expect(started.status).toBe(201);
    expect(started.body.activeElements).toEqual(['verifikasi']);
    expect((await auditor.get('/api/instances?key=uji-rekap')).body).toEqual([]);

    // The recap starts by its monthly timer: once on 1 December (a Tuesday), once more on 4 January.
    await adminUtama.post('/api/_clock/set').send({ at: '2026-12-01T09:00:00+07:00' }).expect(200);
    let recaps = (await auditor.get('/api/instances?key=uji-rekap')).body as { activeElements: string[] }[];
    expect(recaps).toHaveLength(1);
    expect(recaps[0].activeElements).toEqual(['rekap']);
    expect((await auditor.get('/api/instances?key=uji-aduan')).body).toHaveLength(1);
    await adminUtama.post('/api/_clock/set').send({ at: '2026-12-31T15:00:00+07:00' }).expect(200);
    expect((await auditor.get('/api/instances?key=uji-rekap')).body).toHaveLength(1);
    await adminUtama.post('/api/_clock/set').send({ at: '2027-01-04T09:00:00+07:00' }).expect(200);
    recaps = (await auditor.get('/api/instances?key=uji-rekap')).body;
    expect(recaps).toHaveLength(2);
  });
});
