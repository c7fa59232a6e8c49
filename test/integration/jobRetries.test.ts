import { backends, signIn, startTestSystem, type TestSystem } from '../support/testSystem';
import { type Agent, closeTestSystem, deployFixture } from './helpers';

jest.setTimeout(60_000);

/** A job that keeps failing is retried with backoff, then becomes an incident on its instance. */
describe.each(backends)('failing jobs (%s)', (backend) => {
  let t: TestSystem;
  let kasi: Agent;
  let auditor: Agent;

  beforeAll(async () => {
    t = await startTestSystem(backend, { JOB_MAX_ATTEMPTS: '3', JOB_BACKOFF_MS: '30' });
    await t.system.listen(); // the poller retries after the backoff
    await deployFixture(await signIn(t.system, 'pemilik-proses'), 'call-missing');
    kasi = await signIn(t.system, 'kasi');
    auditor = await signIn(t.system, 'auditor');
  });
  afterAll(() => closeTestSystem(t));

  it('retries a call to an SOP that is not deployed three times, then records an incident', async () => {
    const started = await kasi.post('/api/process-definitions/uji-panggil-hilang/start').send({ businessKey: 'UJI-2026-900' });
    expect(started.status).toBe(201);
    const id = started.body.id as string;
    let instance = (await auditor.get(`/api/instances/${id}`)).body;
    for (let i = 0; i < 100 && instance.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      instance = (await auditor.get(`/api/instances/${id}`)).body;
    }
    expect(instance.status).toBe('failed');
    expect(instance.incidents).toEqual([
      expect.objectContaining({ elementId: 'panggil', message: expect.stringMatching(/starting the called process failed after 3 attempts: .*sop-tidak-ada/) }),
    ]);
    const history = (await auditor.get(`/api/instances/${id}/history`)).body as { type: string }[];
    expect(history.map((h) => h.type)).toEqual(expect.arrayContaining(['incident', 'instance-failed']));
    const { rows } = await t.system.db.query<{ n: number }>('select count(*)::int as n from jobs where instance_id = $1', [id]);
    expect(rows[0].n).toBe(0);
  });
});
