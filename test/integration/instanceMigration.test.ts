import fs from 'node:fs';
import path from 'node:path';
import { backends, signIn, startTestSystem, type TestSystem } from '../support/testSystem';
import { closeTestSystem, fixture, tasksIn, wib, type Agent, type HistoryItem, type TaskItem } from './helpers';

jest.setTimeout(120_000);

/**
 * Instance migration of SOP 555/05: complaints waiting in "Laporan Diverifikasi oleh Admin Utama"
 * (Task_Verifikasi, camunda:dueDate P1D with its "Lewat 1 hari" timer) move to a version whose
 * time standard is 3 working days. The manual clock starts on Monday 16 November 2026, 08:00 WIB.
 */
const v1 = fs.readFileSync(path.join(__dirname, '..', '..', 'processes', 'sop-555-05.bpmn'), 'utf8');
/** The same SOP with the verification's time standard at 3 working days, and its name revised. */
const v2 = v1
  .replace('camunda:dueDate="P1D"', 'camunda:dueDate="P3D"')
  .replace('<bpmn:timeDuration xsi:type="bpmn:tFormalExpression">P1D</bpmn:timeDuration>', '<bpmn:timeDuration xsi:type="bpmn:tFormalExpression">P3D</bpmn:timeDuration>')
  .replace('name="Laporan Diverifikasi oleh Admin Utama"', 'name="Laporan Diverifikasi oleh Admin Utama (revisi)"');
/** A version where the verification step has another id: nothing maps to it by default. */
const v3 = v1.replaceAll('Task_Verifikasi', 'Task_Periksa');

describe.each(backends)('instance migration (%s)', (backend) => {
  let t: TestSystem;
  let owner: Agent;
  let au: Agent;
  let auditor: Agent;
  let kasi: Agent;
  const ids: string[] = [];

  const deploy = async (name: string, xml: string) => {
    const res = await owner.post('/api/deployments').send({ name, xml });
    expect(res.status).toBe(201);
    return res.body.version as number;
  };
  const openTask = async (instanceId: string): Promise<TaskItem> => {
    const res = await au.get('/api/tasks');
    return (res.body as TaskItem[]).find((x) => x.instanceId === instanceId)!;
  };
  const timers = async (id: string) => ((await auditor.get(`/api/instances/${id}`)).body as { timers: { elementId: string; dueAt: string }[] }).timers;
  const history = async (id: string) => (await auditor.get(`/api/instances/${id}/history`)).body as HistoryItem[];
  const fired = async (id: string) => (await history(id)).filter((h) => h.type === 'timer-fired').length;
  const clockTo = async (local: string) => {
    await kasi.post('/api/_clock/set').send({ at: `${local}+07:00` }).expect(200);
    await t.system.engine.scheduler.runDue();
  };
  /** Every row a migration could touch, to prove a dry run touches none. */
  const snapshot = async () => {
    const db = t.system.db;
    const out: unknown[] = [];
    for (const sql of [
      'select id, definition_id, version, rev, state, active_elements from process_instances order by id',
      'select id, element_id, name, assignee, candidate_groups, due_at, rev from tasks order by id',
      'select id, element_id, due_at, payload from jobs order by id',
      'select count(*)::int as n from history',
    ]) out.push((await db.query(sql)).rows);
    return JSON.stringify(out);
  };

  beforeAll(async () => {
    t = await startTestSystem(backend);
    owner = await signIn(t.system, 'pemilik-proses');
    au = await signIn(t.system, 'admin-utama');
    auditor = await signIn(t.system, 'auditor');
    kasi = await signIn(t.system, 'kasi');
    expect(await deploy('sop-555-05.bpmn', v1)).toBe(1);
    for (let i = 0; i < 3; i++) {
      const started = await owner.post('/api/process-definitions/sop-555-05/start').send({});
      expect(started.status).toBe(201);
      const id = started.body.id as string;
      const first = await openTask(id);
      await au.post(`/api/tasks/${first.id}/claim`).send({}).expect(200);
      await au.post(`/api/tasks/${first.id}/complete`).send({ variables: { kanal: 'wa' } }).expect(200);
      ids.push(id);
    }
    // The first complaint's verification is claimed: the claim must survive the move.
    await au.post(`/api/tasks/${(await openTask(ids[0])).id}/claim`).send({}).expect(200);
    expect(await deploy('sop-555-05-v2.bpmn', v2)).toBe(2);
    expect(await deploy('sop-555-05-v3.bpmn', v3)).toBe(3);
  });
  afterAll(() => closeTestSystem(t));

  it('a dry run lists the new due dates and changes nothing', async () => {
    const before = await snapshot();
    const res = await owner.post('/api/process-definitions/sop-555-05/migrations').send({ from: 1, to: 2, instances: [ids[0], ids[1]], dryRun: true });
    expect(res.status).toBe(200);
    expect(res.body.results).toHaveLength(2);
    for (const r of res.body.results) {
      expect(r.status).toBe('planned');
      expect(r.elements).toEqual(expect.arrayContaining([{ from: 'Task_Verifikasi', to: 'Task_Verifikasi' }, { from: 'Task_Verifikasi_Lewat', to: 'Task_Verifikasi_Lewat' }]));
      expect(r.tasks).toEqual([
        expect.objectContaining({ elementId: 'Task_Verifikasi', name: 'Laporan Diverifikasi oleh Admin Utama (revisi)', dueAt: { from: wib('2026-11-17T08:00:00'), to: wib('2026-11-19T08:00:00') } }),
      ]);
      expect(r.timers).toEqual([expect.objectContaining({ elementId: 'Task_Verifikasi_Lewat', dueAt: { from: wib('2026-11-17T08:00:00'), to: wib('2026-11-19T08:00:00') } })]);
    }
    expect(await snapshot()).toBe(before);
  });

  it('an element the target lacks is refused with 400 listing each one, and nothing moves', async () => {
    const before = await snapshot();
    const res = await owner.post('/api/process-definitions/sop-555-05/migrations').send({ from: 1, to: 3, instances: 'all' });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('migration.unmappable');
    expect(res.body.params).toEqual({ count: 6 });
    expect(res.body.detail).toEqual(
      expect.arrayContaining(ids.flatMap((instanceId) => [
        { instanceId, elementId: 'Task_Verifikasi', target: null, reason: 'missing' },
        { instanceId, elementId: 'Task_Verifikasi_Lewat', target: null, reason: 'missing' },
      ])),
    );
    // A mapping onto an element of another kind is no way out.
    const wrongKind = await owner
      .post('/api/process-definitions/sop-555-05/migrations')
      .send({ from: 1, to: 3, instances: [ids[2]], mapping: { Task_Verifikasi: 'Gateway_Lengkap', Task_Verifikasi_Lewat: 'Task_Periksa_Lewat' } });
    expect(wrongKind.status).toBe(400);
    expect(wrongKind.body.detail).toEqual(expect.arrayContaining([{ instanceId: ids[2], elementId: 'Task_Verifikasi', target: 'Gateway_Lengkap', reason: 'otherKind' }]));
    expect(await snapshot()).toBe(before);
  });

  it('refuses an unknown version, one version to itself and a malformed request, writing nothing', async () => {
    const before = await snapshot();
    const send = (body: Record<string, unknown>) => owner.post('/api/process-definitions/sop-555-05/migrations').send(body);
    expect((await send({ from: 1, to: 99, instances: 'all' })).status).toBe(404);
    const same = await send({ from: 2, to: 2, instances: 'all' });
    expect([same.status, same.body.code]).toEqual([400, 'migration.sameVersion']);
    expect((await send({ from: 1, to: 2, instances: ['not-a-uuid'] })).body.code).toBe('request.invalid');
    expect((await send({ from: 1, to: 2, instances: [ids[0]], mapping: { Task_Verifikasi: 'x y' } })).body.code).toBe('request.invalid');
    expect((await send({ from: 1, to: 2, instances: [ids[0]], mapping: { constructor: 'Task_X' } })).body.code).toBe('request.invalid');
    // A "__proto__" key never reaches an object's prototype: the request's mapping simply lacks it.
    const proto = await send({ from: 1, to: 2, instances: [ids[0]], mapping: JSON.parse('{"__proto__": {"Task_Verifikasi": "Task_X"}}'), dryRun: true });
    expect(proto.status).toBe(200);
    expect(proto.body.results[0].elements).toEqual(expect.arrayContaining([{ from: 'Task_Verifikasi', to: 'Task_Verifikasi' }]));
    expect(({} as Record<string, unknown>).Task_Verifikasi).toBeUndefined();
    expect(await snapshot()).toBe(before);
  });

  it('only process owners move instances', async () => {
    for (const agent of [au, auditor, kasi]) {
      const res = await agent.post('/api/process-definitions/sop-555-05/migrations').send({ from: 1, to: 2, instances: [ids[0]] });
      expect(res.status).toBe(403);
    }
  });

  it('moved instances take the new version, name and due dates, keep the claim, and their timer fires at the new time', async () => {
    const claimed = await openTask(ids[0]);
    expect(claimed.assignee).toBe('admin-utama');
    const res = await owner.post('/api/process-definitions/sop-555-05/migrations').send({ from: 1, to: 2, instances: [ids[0], ids[1], '00000000-0000-4000-8000-000000000000'] });
    expect(res.status).toBe(200);
    expect(res.body.results.map((r: { status: string }) => r.status)).toEqual(['moved', 'moved', 'failed']);
    expect(res.body.results[2].code).toBe('migration.notOnVersion');
    expect(res.body.remaining).toBe(1);

    const instance = (await auditor.get(`/api/instances/${ids[0]}`)).body;
    expect(instance).toMatchObject({ version: 2, activeElements: expect.arrayContaining(['Task_Verifikasi']) });
    const task = await openTask(ids[0]);
    expect(task).toMatchObject({ id: claimed.id, assignee: 'admin-utama', name: 'Laporan Diverifikasi oleh Admin Utama (revisi)', dueAt: wib('2026-11-19T08:00:00') });
    expect(await timers(ids[0])).toEqual([{ elementId: 'Task_Verifikasi_Lewat', dueAt: wib('2026-11-19T08:00:00') }]);
    expect(await timers(ids[2])).toEqual([{ elementId: 'Task_Verifikasi_Lewat', dueAt: wib('2026-11-17T08:00:00') }]);

    const migrated = (await history(ids[0])).filter((h) => h.type === 'migrated');
    expect(migrated).toEqual([
      expect.objectContaining({
        actor: 'pemilik-proses',
        fromVersion: 1,
        toVersion: 2,
        tasks: [{ taskId: claimed.id, elementId: 'Task_Verifikasi', from: wib('2026-11-17T08:00:00'), to: wib('2026-11-19T08:00:00') }],
      }),
    ]);

    // Moving again is refused for that instance only: it no longer runs on version 1.
    const again = await owner.post('/api/process-definitions/sop-555-05/migrations').send({ from: 1, to: 2, instances: [ids[0]] });
    expect(again.body.results[0]).toMatchObject({ status: 'failed', code: 'migration.notOnVersion' });

    // Tuesday past 08:00: the old standard's moment. Only the instance left on version 1 is late.
    await clockTo('2026-11-17T08:01:00');
    expect(await fired(ids[2])).toBe(1);
    expect(await fired(ids[0])).toBe(0);
    expect(await fired(ids[1])).toBe(0);
    await clockTo('2026-11-19T08:01:00');
    expect(await fired(ids[0])).toBe(1);
    expect(await fired(ids[1])).toBe(1);

    // The moved instance goes on under version 2.
    await au.post(`/api/tasks/${claimed.id}/complete`).send({ variables: { lengkap: false } }).expect(200);
    expect((await auditor.get(`/api/instances/${ids[0]}`)).body.status).toBe('completed');
  });

  it('a mapping moves an instance onto a renamed step, which then runs on', async () => {
    const before = await openTask(ids[2]);
    const mapping = { Task_Verifikasi: 'Task_Periksa', Task_Verifikasi_Lewat: 'Task_Periksa_Lewat' };
    const res = await owner.post('/api/process-definitions/sop-555-05/migrations').send({ from: 1, to: 3, instances: [ids[2]], mapping });
    expect(res.status).toBe(200);
    expect(res.body.results[0]).toMatchObject({ status: 'moved', elements: expect.arrayContaining([{ from: 'Task_Verifikasi', to: 'Task_Periksa' }]) });
    const task = await openTask(ids[2]);
    expect(task).toMatchObject({ id: before.id, elementId: 'Task_Periksa' });
    expect((await auditor.get(`/api/instances/${ids[2]}`)).body).toMatchObject({ version: 3, activeElements: expect.arrayContaining(['Task_Periksa']) });
    await au.post(`/api/tasks/${task.id}/claim`).send({}).expect(200);
    await au.post(`/api/tasks/${task.id}/complete`).send({ variables: { lengkap: false } }).expect(200);
    expect((await auditor.get(`/api/instances/${ids[2]}`)).body.status).toBe('completed');
  });

  it('a parent waiting in a renamed call activity moves with its Ombudsman timer recounted, and its child still returns to it', async () => {
    const pejabat = await signIn(t.system, 'pejabat-penghubung');
    await deploy('call-child.bpmn', fixture('call-child'));
    const a = fixture('call-parent');
    await deploy('call-parent.bpmn', a);
    const started = await au.post('/api/process-definitions/uji-penerimaan/start').send({ businessKey: 'UJI-PINDAH-2', variables: { opd: 'dinkes' } });
    expect(started.status).toBe(201);
    const parentId = started.body.id as string;
    const dispose = (await tasksIn(au, parentId)).find((x) => x.elementId === 'disposisi')!;
    await au.post(`/api/tasks/${dispose.id}/claim`).send({}).expect(200);
    await au.post(`/api/tasks/${dispose.id}/complete`).send({ variables: {} }).expect(200);
    const before = await timers(parentId);
    expect(before).toEqual([{ elementId: 'batas60', dueAt: expect.any(String) }]);

    // Version 2: the call is renamed and the Ombudsman limit is 30 working days.
    const b = a.replaceAll('tindakLanjut', 'tindakLanjutOpd').replaceAll('batas60', 'batas30').replace('<bpmn:timeDuration>P60D</bpmn:timeDuration>', '<bpmn:timeDuration>P30D</bpmn:timeDuration>');
    await deploy('call-parent-v2.bpmn', b);
    const res = await owner
      .post('/api/process-definitions/uji-penerimaan/migrations')
      .send({ from: 1, to: 2, instances: [parentId], mapping: { tindakLanjut: 'tindakLanjutOpd', batas60: 'batas30' } });
    expect(res.status).toBe(200);
    expect(res.body.results[0].status).toBe('moved');
    const [after] = await timers(parentId);
    expect(after.elementId).toBe('batas30');
    expect(new Date(after.dueAt).getTime()).toBeLessThan(new Date(before[0].dueAt).getTime());
    expect(res.body.results[0].timers).toEqual([expect.objectContaining({ elementId: 'batas30', dueAt: { from: before[0].dueAt, to: after.dueAt } })]);

    const child = ((await auditor.get('/api/instances?businessKey=UJI-PINDAH-2')).body as { id: string; key: string }[]).find((i) => i.key === 'uji-tindak-lanjut')!;
    const answer = (await tasksIn(pejabat, child.id))[0];
    await pejabat.post(`/api/tasks/${answer.id}/claim`).send({}).expect(200);
    await pejabat.post(`/api/tasks/${answer.id}/complete`).send({ variables: { jawaban: 'Sudah diperbaiki' } }).expect(200);
    const parent = (await auditor.get(`/api/instances/${parentId}`)).body;
    expect(parent).toMatchObject({ version: 2, activeElements: ['arsip'], timers: [] });
    expect(parent.variables.jawaban).toBe('Sudah diperbaiki');
  });

  it('an instance waiting for a message inside a sub-process moves onto the renamed scope and wait, and the message still reaches it', async () => {
    const a = fixture('message-subprocess');
    // Version 2 renames the sub-process and its wait; everything else keeps its id.
    const b = a.replaceAll('id="sub"', 'id="lingkup"').replaceAll('"sub"', '"lingkup"').replaceAll('tungguKonfirmasi', 'tungguBalasan');
    await deploy('message-subprocess.bpmn', a);
    const started = await owner.post('/api/process-definitions/uji-pesan-sub/start').send({ businessKey: 'UJI-PINDAH-1' });
    expect(started.status).toBe(201);
    const id = started.body.id as string;
    expect(started.body.activeElements).toEqual(['sub', 'tungguKonfirmasi']);
    await deploy('message-subprocess-v2.bpmn', b);

    const unmapped = await owner.post('/api/process-definitions/uji-pesan-sub/migrations').send({ from: 1, to: 2, instances: [id] });
    expect(unmapped.status).toBe(400);
    expect(unmapped.body.detail.map((p: { elementId: string }) => p.elementId).sort()).toEqual(['sub', 'tungguKonfirmasi']);

    const res = await owner
      .post('/api/process-definitions/uji-pesan-sub/migrations')
      .send({ from: 1, to: 2, instances: [id], mapping: { sub: 'lingkup', tungguKonfirmasi: 'tungguBalasan' } });
    expect(res.status).toBe(200);
    expect(res.body.results[0].status).toBe('moved');
    const moved = (await auditor.get(`/api/instances/${id}`)).body;
    expect(moved.version).toBe(2);
    expect([...moved.activeElements].sort()).toEqual(['lingkup', 'tungguBalasan']);
    const subscription = await t.system.db.query<{ element_id: string }>('select element_id from event_subscriptions where instance_id = $1', [id]);
    expect(subscription.rows).toEqual([{ element_id: 'tungguBalasan' }]);

    expect((await owner.post('/api/messages').send({ messageName: 'konfirmasi-opd', businessKey: 'UJI-PINDAH-1' })).status).toBe(200);
    expect([...(await auditor.get(`/api/instances/${id}`)).body.activeElements].sort()).toEqual(['kerja', 'tungguSendiri']);
  });
});
