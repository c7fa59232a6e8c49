import { backends, signIn, startTestSystem, type TestSystem } from '../support/testSystem';
import { type Agent, closeTestSystem, deployFixture } from './helpers';

jest.setTimeout(60_000);

/** One chain: a call activity starts the called SOP as a child with the same business key (a test key: tracking IDs start only through intake). */
describe.each(backends)('call activities (%s)', (backend) => {
  let t: TestSystem;
  let adminUtama: Agent;
  let pejabat: Agent;
  let auditor: Agent;

  beforeAll(async () => {
    t = await startTestSystem(backend);
    const owner = await signIn(t.system, 'pemilik-proses');
    await deployFixture(owner, 'call-child');
    await deployFixture(owner, 'call-parent');
    adminUtama = await signIn(t.system, 'admin-utama');
    pejabat = await signIn(t.system, 'pejabat-penghubung');
    auditor = await signIn(t.system, 'auditor');
  });
  afterAll(() => closeTestSystem(t));

  const startAndDispose = async (businessKey: string) => {
    const started = await adminUtama.post('/api/process-definitions/uji-penerimaan/start').send({ businessKey, variables: { opd: 'dinkes' } });
    expect(started.status).toBe(201);
    const task = ((await adminUtama.get('/api/tasks')).body as { id: string; instanceId: string; elementId: string }[]).find(
      (x) => x.instanceId === started.body.id && x.elementId === 'disposisi',
    )!;
    await adminUtama.post(`/api/tasks/${task.id}/claim`).send({}).expect(200);
    await adminUtama.post(`/api/tasks/${task.id}/complete`).send({ variables: { arahan: 'segera' } }).expect(200);
    const chain = (await auditor.get(`/api/instances?businessKey=${businessKey}`)).body as { id: string; key: string; parentId: string | null; status: string }[];
    return { parentId: started.body.id as string, chain };
  };

  it('starts the child with the business key, and resumes the parent with its variables when it ends', async () => {
    const { parentId, chain } = await startAndDispose('UJI-PANGGIL-101');
    const child = chain.find((i) => i.key === 'uji-tindak-lanjut')!;
    expect(child).toMatchObject({ parentId, status: 'running' });
    expect((await auditor.get(`/api/instances/${child.id}`)).body.variables).toMatchObject({ opd: 'dinkes', arahan: 'segera' });
    expect((await auditor.get(`/api/instances/${parentId}`)).body.activeElements.sort()).toEqual(['batas60', 'tindakLanjut']);

    const answer = ((await pejabat.get('/api/tasks')).body as { id: string; instanceId: string }[]).find((x) => x.instanceId === child.id)!;
    await pejabat.post(`/api/tasks/${answer.id}/claim`).send({}).expect(200);
    await pejabat.post(`/api/tasks/${answer.id}/complete`).send({ variables: { jawaban: 'Jalan diperbaiki pekan depan' } }).expect(200);

    expect((await auditor.get(`/api/instances/${child.id}`)).body.status).toBe('completed');
    const parent = (await auditor.get(`/api/instances/${parentId}`)).body;
    expect(parent.activeElements).toEqual(['arsip']);
    expect(parent.variables.jawaban).toBe('Jalan diperbaiki pekan depan');
    expect(parent.timers).toEqual([]);
    const history = (await auditor.get(`/api/instances/${parentId}/history`)).body as { type: string; elementId: string }[];
    expect(history.filter((h) => h.type.startsWith('call-')).map((h) => `${h.type}:${h.elementId}`)).toEqual([
      'call-started:tindakLanjut',
      'call-returned:tindakLanjut',
    ]);
  });

  it('ends the child when the 60-working-day timer takes the parent to the Ombudsman step', async () => {
    const { parentId, chain } = await startAndDispose('UJI-PANGGIL-102');
    const child = chain.find((i) => i.key === 'uji-tindak-lanjut')!;
    const due = (await auditor.get(`/api/instances/${parentId}`)).body.timers[0].dueAt as string;
    await adminUtama.post('/api/_clock/set').send({ at: new Date(new Date(due).getTime() + 1000).toISOString() }).expect(200);

    const parent = (await auditor.get(`/api/instances/${parentId}`)).body;
    expect(parent.status).toBe('completed');
    const history = (await auditor.get(`/api/instances/${parentId}/history`)).body as { type: string; elementId: string }[];
    expect(history.map((h) => `${h.type}:${h.elementId}`)).toEqual(
      expect.arrayContaining(['timer-fired:batas60', 'element-entered:ombudsman', 'element-left:diteruskan']),
    );
    expect((await auditor.get(`/api/instances/${child.id}`)).body.status).toBe('terminated');
    expect(((await pejabat.get('/api/tasks')).body as { instanceId: string }[]).some((x) => x.instanceId === child.id)).toBe(false);
  });
});
