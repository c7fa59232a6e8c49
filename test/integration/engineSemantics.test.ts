import { backends, signIn, startTestSystem, type TestSystem } from '../support/testSystem';
import { closeTestSystem, deployFixture, tasksIn, type Agent, type HistoryItem } from './helpers';

jest.setTimeout(60_000);

/** Camunda 7 semantics of issue 10's smaller constructs, each with a diagram in test/fixtures. */
describe.each(backends)('engine semantics (%s)', (backend) => {
  let t: TestSystem;
  const as: Record<string, Agent> = {};

  beforeAll(async () => {
    t = await startTestSystem(backend);
    for (const u of ['pemilik-proses', 'kasi', 'kabid', 'kadis', 'auditor', 'admin-utama']) as[u] = await signIn(t.system, u);
    await deployFixture(as['pemilik-proses'], 'manual-and-candidates');
  });

  afterAll(async () => {
    await closeTestSystem(t);
  });

  const start = async (agent: Agent, key: string, variables: Record<string, unknown>) => {
    const res = await agent.post(`/api/process-definitions/${key}/start`).send({ variables });
    expect(res.status).toBe(201);
    return res.body as { id: string; activeElements: string[]; variables: Record<string, unknown>; status: string };
  };
  const history = async (id: string) => (await as.auditor.get(`/api/instances/${id}/history`)).body as HistoryItem[];

  it('passes through a manual task, recorded in the history, and stores the initiator', async () => {
    const started = await start(as.kasi, 'manual-and-candidates', { groups: ['kasi', 'kabid'], users: 'kadis', pelapor: 'someone-else' });
    expect(started.activeElements).toEqual(['review']);
    expect(started.variables.pelapor).toBe('kasi');
    const entries = await history(started.id);
    expect(entries.filter((h) => h.elementId === 'arsip').map((h) => h.type)).toEqual(['element-entered', 'element-left']);
    expect(entries.some((h) => h.type === 'task-created' && h.elementId === 'arsip')).toBe(false);
  });

  it.each([
    ['a list', ['kasi', 'kabid'], ['kadis']],
    ['a comma-separated string', 'kasi, kabid', 'kadis'],
  ])('offers the task to each candidate from %s', async (_what, groups, users) => {
    const started = await start(as.kabid, 'manual-and-candidates', { groups, users });
    for (const who of ['kasi', 'kabid', 'kadis', 'admin-utama']) {
      const [task] = await tasksIn(as[who], started.id);
      expect(task).toMatchObject({ elementId: 'review', candidateGroups: ['kasi', 'kabid', 'admin-utama'] });
    }
    expect(((await as.auditor.get(`/api/instances/${started.id}`)).body as { incidents: unknown[] }).incidents).toEqual([]);
  });

  it('refuses a candidate list item that is not a name: an incident, no candidates', async () => {
    const started = await start(as.kasi, 'manual-and-candidates', { groups: ['kasi', 'x y'], users: [] });
    const detail = (await as.auditor.get(`/api/instances/${started.id}`)).body as { incidents: { elementId: string; message: string }[] };
    expect(detail.incidents).toEqual([expect.objectContaining({ elementId: 'review', message: expect.stringContaining('"x y"') })]);
    expect(await tasksIn(as.kasi, started.id)).toEqual([]);
  });
});
