import { backends, signIn, startTestSystem, type TestSystem } from '../support/testSystem';
import { closeTestSystem, deployFixture, fixture, tasksIn, type Agent, type HistoryItem } from './helpers';

jest.setTimeout(60_000);

/** Camunda 7 semantics of issue 10's smaller constructs, each with a diagram in test/fixtures. */
describe.each(backends)('engine semantics (%s)', (backend) => {
  let t: TestSystem;
  const as: Record<string, Agent> = {};

  beforeAll(async () => {
    t = await startTestSystem(backend);
    for (const u of ['pemilik-proses', 'kasi', 'kabid', 'kadis', 'auditor', 'admin-utama']) as[u] = await signIn(t.system, u);
    for (const f of ['manual-and-candidates', 'form-constraints', 'call-mapped-child', 'call-mapped-parent']) await deployFixture(as['pemilik-proses'], f);
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

  describe('form field constraints (camunda:validation)', () => {
    it('offers them on the form and enforces them on completion with the form\'s messages', async () => {
      const started = await start(as.kasi, 'form-constraints', {});
      const [task] = await tasksIn(as.kasi, started.id);
      const form = (await as.kasi.get(`/api/tasks/${task.id}/form`)).body as { fields: Record<string, unknown>[] };
      expect(form.fields).toEqual([
        expect.objectContaining({ id: 'tanggapan', required: true, minlength: 5, maxlength: 20 }),
        expect.objectContaining({ id: 'jumlah', min: 1, max: 10 }),
        expect.objectContaining({ id: 'tanggal', min: '2026-11-01', max: '2026-12-31' }),
        expect.objectContaining({ id: 'nomor', readonly: true, defaultValue: 'N-1' }),
      ]);
      await as.kasi.post(`/api/tasks/${task.id}/claim`).send({}).expect(200);
      const bad = await as.kasi.post(`/api/tasks/${task.id}/complete`).send({ variables: { tanggapan: 'abc', jumlah: 11, tanggal: '2027-01-01', nomor: 'N-2' } });
      expect(bad.status).toBe(400);
      expect(bad.body).toMatchObject({
        error: 'invalid form',
        detail:
          'Tanggapan (tanggapan): must be at least 5 characters; Jumlah (jumlah): must be at most 10; Tanggal (tanggal): must be on or before 2026-12-31; Nomor (nomor): read-only, it cannot be submitted',
      });
      const tooLong = await as.kasi.post(`/api/tasks/${task.id}/complete`).send({ variables: { tanggapan: 'x'.repeat(21), jumlah: 0 } });
      expect(tooLong.body.detail).toBe('Tanggapan (tanggapan): must be at most 20 characters; Jumlah (jumlah): must be at least 1');
      await as.kasi.post(`/api/tasks/${task.id}/complete`).send({ variables: { tanggapan: 'Sudah ditangani', jumlah: 10, tanggal: '2026-11-01' } }).expect(200);
      expect((await as.auditor.get(`/api/instances/${started.id}`)).body.status).toBe('completed');
    });

    it('refuses a diagram with an unknown constraint, naming the field and the constraint', async () => {
      const xml = fixture('form-constraints').replace('name="maxlength" config="20"', 'name="pattern" config="[a-z]+"').replace(/form-constraints/g, 'form-unknown-constraint');
      const res = await as['pemilik-proses'].post('/api/deployments').send({ name: 'x.bpmn', xml });
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body)).toContain('constraint \\"pattern\\" on form field tanggapan');
    });
  });

  describe('timer cycles with a repeat count', () => {
    const HOUR = 3600_000;

    it('R3/PT10H starts three instances; a boundary R3 fires three times, R/… every time', async () => {
      const t2 = await startTestSystem(backend);
      try {
        const owner = await signIn(t2.system, 'pemilik-proses');
        const auditor = await signIn(t2.system, 'auditor');
        await deployFixture(owner, 'cycle-repeats');
        for (let i = 0; i < 8; i++) await owner.post('/api/_clock/advance').send({ ms: 10 * HOUR }).expect(200);
        const instances = ((await auditor.get('/api/instances?key=cycle-repeats')).body as { id: string; startedAt: string }[]).sort((a, b) => a.startedAt.localeCompare(b.startedAt));
        expect(instances).toHaveLength(3);
        // The first started 10 h after deployment and has waited 70 h since.
        const entries = (await auditor.get(`/api/instances/${instances[0].id}/history`)).body as HistoryItem[];
        const reached = (id: string) => entries.filter((h) => h.type === 'element-entered' && h.elementId === id).length;
        expect(reached('reminded')).toBe(3);
        expect(reached('remindedAgain')).toBe(7);
        const detail = (await auditor.get(`/api/instances/${instances[0].id}`)).body as { timers: { elementId: string }[]; status: string };
        expect(detail.status).toBe('running');
        expect(detail.timers.map((x) => x.elementId)).toEqual(['remindForever']);
      } finally {
        await closeTestSystem(t2);
      }
    });

    it.each([
      ['a timer start', '<bpmn:startEvent id="often"><bpmn:timerEventDefinition><bpmn:timeCycle>R/PT1S</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:startEvent>'],
      [
        'a boundary timer',
        '<bpmn:startEvent id="s"/><bpmn:sequenceFlow id="f" sourceRef="s" targetRef="task"/><bpmn:userTask id="task"/>' +
          '<bpmn:boundaryEvent id="often" attachedToRef="task" cancelActivity="false"><bpmn:timerEventDefinition><bpmn:timeCycle>R5/PT59S</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:boundaryEvent>',
      ],
    ])('refuses a cycle under one minute on %s, naming the element', async (_what, body) => {
      const xml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
  <bpmn:process id="too-often" isExecutable="true">${body}</bpmn:process>
</bpmn:definitions>`;
      const res = await as['pemilik-proses'].post('/api/deployments').send({ name: 'too-often.bpmn', xml });
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body)).toMatch(/timer often: Invalid timeCycle .*: the interval must be at least 1 minute/);
    });
  });

  describe('call activity camunda:in/out', () => {
    interface Instance { id: string; key: string; businessKey: string | null; parentId: string | null; status: string; variables: Record<string, unknown>; activeElements: string[] }
    const instance = async (id: string) => (await as.auditor.get(`/api/instances/${id}`)).body as Instance;
    const childOf = async (parentId: string) => ((await as.auditor.get('/api/instances?key=call-mapped-child&limit=500')).body as Instance[]).find((i) => i.parentId === parentId)!;
    const answer = async (childId: string, variables: Record<string, unknown>) => {
      const [task] = await tasksIn(as.kasi, childId);
      await as.kasi.post(`/api/tasks/${task.id}/claim`).send({}).expect(200);
      await as.kasi.post(`/api/tasks/${task.id}/complete`).send({ variables }).expect(200);
    };

    it('passes only the mapped variables, null for an unset source, and the business key when mapped', async () => {
      const res = await as.kasi.post('/api/process-definitions/call-mapped/start').send({ businessKey: 'UJI-MAP-1', variables: { opd: 'dinkes', rahasia: 'x' } });
      expect(res.status).toBe(201);
      const child = await childOf(res.body.id);
      expect(child).toMatchObject({ businessKey: 'UJI-MAP-1', status: 'running' });
      expect(child.variables).toEqual({ skpd: 'dinkes', kosong: null });
      await answer(child.id, { jawaban: 'Selesai', catatan: 'internal' });
      const parent = await instance(res.body.id);
      expect(parent.activeElements).toEqual(['arsip']);
      expect(parent.variables).toEqual({ opd: 'dinkes', rahasia: 'x', hasil: 'Selesai' });
    });

    it('passes everything with variables="all", and no business key unless mapped', async () => {
      const res = await as.kasi.post('/api/process-definitions/call-mapped-all/start').send({ businessKey: 'UJI-MAP-2', variables: { opd: 'dinkes' } });
      expect(res.status).toBe(201);
      const child = await childOf(res.body.id);
      expect(child.businessKey).toBeNull();
      expect(child.variables).toEqual({ opd: 'dinkes' });
      await answer(child.id, { jawaban: 'Selesai' });
      expect((await instance(res.body.id)).variables).toEqual({ opd: 'dinkes', jawaban: 'Selesai' });
    });

    it('refuses mappings it cannot run, naming the call activity', async () => {
      const xml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="t">
  <bpmn:process id="bad-mapping" isExecutable="true">
    <bpmn:startEvent id="s"/><bpmn:sequenceFlow id="f" sourceRef="s" targetRef="call"/>
    <bpmn:callActivity id="call" calledElement="call-mapped-child"><bpmn:extensionElements>
      <camunda:in sourceExpression="\${a.b()}" target="x"/><camunda:in source="a"/><camunda:out variables="some"/><camunda:in source="a" target="__proto__" local="true"/>
    </bpmn:extensionElements></bpmn:callActivity>
  </bpmn:process>
</bpmn:definitions>`;
      const res = await as['pemilik-proses'].post('/api/deployments').send({ name: 'bad.bpmn', xml });
      expect(res.status).toBe(400);
      const text = JSON.stringify(res.body);
      for (const part of ['sourceExpression is not run', 'needs both source and target', 'variables must be \\"all\\"', '\\"__proto__\\" is not a variable name', 'local variables are not supported']) {
        expect(text).toContain(`on call: ${part}`);
      }
    });
  });
});
