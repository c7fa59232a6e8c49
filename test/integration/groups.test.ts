import { backends, signIn, startTestSystem, type TestSystem } from '../support/testSystem';
import { type Agent, closeTestSystem } from './helpers';

jest.setTimeout(60_000);

/** A one-task process: its task offered to `candidateGroups`. */
const diagram = (key: string, candidateGroups: string, starterGroups?: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d-${key}" targetNamespace="http://example.org/test">
  <bpmn:process id="${key}" name="Uji grup ${key}" isExecutable="true"${starterGroups ? ` camunda:candidateStarterGroups="${starterGroups}"` : ''}>
    <bpmn:startEvent id="start"/>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="Task_Bayar"/>
    <bpmn:userTask id="Task_Bayar" name="Bayar ganti rugi" camunda:candidateGroups="${candidateGroups}"/>
    <bpmn:sequenceFlow id="f2" sourceRef="Task_Bayar" targetRef="end"/>
    <bpmn:endEvent id="end"/>
  </bpmn:process>
</bpmn:definitions>`;

interface WorkItem {
  id: string;
  processKey: string;
  instanceId?: string;
}

/**
 * Groups beyond the SOP roles, through HTTP: admin-sistem adds them and puts users in them; a
 * diagram offers a task to one as to a role (OPD-bound ones per OPD); deployments refuse a group
 * nobody can be in; nobody else may touch them, and refused input writes nothing.
 */
describe.each(backends)('groups (%s)', (backend) => {
  let t: TestSystem;
  let admin: Agent;
  let owner: Agent;
  const password = 'rahasia-panjang';

  beforeAll(async () => {
    t = await startTestSystem(backend);
    admin = await signIn(t.system, 'admin-sistem');
    owner = await signIn(t.system, 'pemilik-proses');
  });

  afterAll(async () => {
    await closeTestSystem(t);
  });

  const count = async (table: string) => (await t.system.db.query<{ n: number }>(`select count(*)::int as n from ${table}`)).rows[0].n;
  const createUser = (username: string, body: Record<string, unknown>) =>
    admin.post('/api/users').send({ username, password, email: `${username}@kapuas.example`, roles: [], ...body });
  const worklist = async (agent: Agent) => {
    const res = await agent.get('/api/worklist');
    expect(res.status).toBe(200);
    return res.body.items as WorkItem[];
  };
  const start = async (key: string, variables: Record<string, unknown> = {}) => {
    const res = await owner.post(`/api/process-definitions/${key}/start`).send({ variables });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  const openTaskOf = async (instanceId: string) =>
    (await t.system.db.query<{ id: string; candidate_groups: string[] }>(`select id, candidate_groups from tasks where instance_id = $1 and status = 'open'`, [instanceId])).rows[0];

  it('lets only admin-sistem add and change groups, and process owners list them too; others get 403 and nothing is written', async () => {
    // Process owners read the list: the modeler offers the groups as performers.
    expect((await owner.get('/api/groups')).status).toBe(200);
    for (const username of ['kasi', 'pemilik-proses', 'auditor', 'admin-utama']) {
      const agent = await signIn(t.system, username);
      expect((await agent.get('/api/groups')).status).toBe(username === 'pemilik-proses' ? 200 : 403);
      expect((await agent.post('/api/groups').send({ id: `grup-${username}`, name: 'Grup' })).status).toBe(403);
      expect((await agent.patch('/api/groups/keuangan').send({ name: 'X' })).status).toBe(403);
    }
    expect(await count('groups')).toBe(0);

    const created = await admin.post('/api/groups').send({ id: 'keuangan', name: 'Bagian Keuangan' });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ id: 'keuangan', name: 'Bagian Keuangan', opdBound: false, active: true, members: 0 });
    const bound = await admin.post('/api/groups').send({ id: 'bendahara', name: 'Bendahara OPD', opdBound: true });
    expect(bound.status).toBe(201);
    expect((await admin.get('/api/groups')).body.map((g: { id: string }) => g.id)).toEqual(['bendahara', 'keuangan']);
  });

  it('refuses bad group ids and fields with 400 (an SOP role id with group.roleId), an existing id with 409, writing nothing', async () => {
    const before = await count('groups');
    for (const id of ['Keuangan', 'keu uangan', 'keuangan:dinkes', 'a'.repeat(61), '', '-keu', 'keu_angan']) {
      const res = await admin.post('/api/groups').send({ id, name: 'Salah' });
      expect([id, res.status]).toEqual([id, 400]);
    }
    const role = await admin.post('/api/groups').send({ id: 'kasi', name: 'Kasi lagi' });
    expect(role.status).toBe(400);
    expect(role.body).toMatchObject({ code: 'group.roleId', params: { group: 'kasi' } });
    expect((await admin.post('/api/groups').send({ id: 'keuangan', name: 'Dua kali' })).body).toMatchObject({ code: 'group.taken' });
    expect((await admin.post('/api/groups').send({ id: 'lain', name: 'Lain', extra: true })).status).toBe(400);
    expect((await admin.post('/api/groups').send({ id: 'lain', name: '  ' })).status).toBe(400);
    expect((await admin.patch('/api/groups/keuangan').send({})).status).toBe(400);
    expect((await admin.patch('/api/groups/tidak-ada').send({ name: 'X' })).status).toBe(404);
    expect(await count('groups')).toBe(before);
    expect((await admin.get('/api/groups')).body.find((g: { id: string }) => g.id === 'keuangan').name).toBe('Bagian Keuangan');
  });

  it('refuses to deploy a diagram naming a group that is neither a role nor a group, naming element and group; ${…} passes', async () => {
    const before = await count('process_definitions');
    const res = await owner.post('/api/deployments').send({ name: 'akuntansi.bpmn', xml: diagram('uji-akuntansi', 'kasi, akuntansi') });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'bpmn.unknownGroup', params: { element: 'Task_Bayar', group: 'akuntansi' } });
    expect(res.body.detail).toMatch(/Task_Bayar camunda:candidateGroups: "akuntansi"/);
    const starter = await owner.post('/api/deployments').send({ name: 's.bpmn', xml: diagram('uji-starter', 'kasi', 'pemilik-proses,akuntansi') });
    expect(starter.body).toMatchObject({ code: 'bpmn.unknownGroup', params: { element: 'uji-starter', group: 'akuntansi' } });
    const opdUnknown = await owner.post('/api/deployments').send({ name: 'b.bpmn', xml: diagram('uji-bendahara-x', 'akuntansi:${opd}') });
    expect(opdUnknown.body).toMatchObject({ code: 'bpmn.unknownGroup', params: { group: 'akuntansi' } });
    expect(await count('process_definitions')).toBe(before);

    for (const [key, groups] of [['uji-ekspresi', '${grup}'], ['uji-keuangan', 'keuangan'], ['uji-bendahara', 'bendahara:${opd}']]) {
      const ok = await owner.post('/api/deployments').send({ name: `${key}.bpmn`, xml: diagram(key, groups) });
      expect([key, ok.status]).toEqual([key, 201]);
    }
  });

  it('puts users in groups, checking each group (unknown, inactive, OPD) and writing nothing when one fails', async () => {
    const users = await count('users');
    const unknown = await createUser('salah.grup', { groups: ['keuangan', 'akuntansi'] });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({ code: 'group.unknown', params: { group: 'akuntansi' } });
    const noOpd = await createUser('tanpa.opd', { groups: ['bendahara'] });
    expect(noOpd.status).toBe(400);
    expect(noOpd.body.error).toMatch(/bendahara/);
    expect((await createUser('tanpa.apa', { groups: [] })).status).toBe(400);
    expect((await createUser('bukan.daftar', { groups: 'keuangan' })).status).toBe(400);
    expect(await count('users')).toBe(users);
    expect(await count('user_groups')).toBe(0);

    const staff = await createUser('staf.keuangan', { groups: ['keuangan'] });
    expect(staff.status).toBe(201);
    expect(staff.body).toMatchObject({ roles: [], memberships: ['keuangan'], groups: ['keuangan'] });
    const dinkes = await createUser('bendahara.dinkes', { groups: ['bendahara'], opd: 'dinkes' });
    expect(dinkes.body).toMatchObject({ memberships: ['bendahara'], groups: ['bendahara', 'bendahara:dinkes'] });
    const disdik = await createUser('bendahara.disdik', { roles: ['kasi'], groups: ['bendahara'], opd: 'disdik' });
    expect(disdik.body).toMatchObject({ roles: ['kasi'], groups: ['kasi', 'bendahara', 'bendahara:disdik'] });
    expect((await admin.get('/api/groups')).body.find((g: { id: string }) => g.id === 'bendahara').members).toBe(2);

    // Changing: an unknown group is refused and the user keeps what they had.
    const bad = await admin.patch(`/api/users/${staff.body.id}`).send({ groups: ['keuangan', 'tidak-ada'] });
    expect(bad.body).toMatchObject({ code: 'group.unknown', params: { group: 'tidak-ada' } });
    const dropOpd = await admin.patch(`/api/users/${dinkes.body.id}`).send({ opd: null });
    expect(dropOpd.status).toBe(400);
    const kept = (await admin.get('/api/users')).body.find((u: { username: string }) => u.username === 'bendahara.dinkes');
    expect(kept).toMatchObject({ opd: 'dinkes', memberships: ['bendahara'] });
  });

  it('offers a task of candidateGroups="keuangan" to the group, whose member (with no role) claims and completes it', async () => {
    const staff = await signIn(t.system, 'staf.keuangan', password);
    const kasi = await signIn(t.system, 'kasi');
    const instanceId = await start('uji-keuangan');
    const task = await openTaskOf(instanceId);
    expect(task.candidate_groups).toEqual(['keuangan']);

    expect((await worklist(staff)).map((i) => i.id)).toEqual([task.id]);
    expect((await worklist(kasi)).map((i) => i.id)).not.toContain(task.id);
    expect((await kasi.post(`/api/tasks/${task.id}/claim`).send({})).status).toBe(403);
    // A group grants no reading beyond its tasks: no complaints, dashboard or recap.
    for (const path of ['/api/complaints', '/api/dashboard', '/api/recap', '/api/users', '/api/audit/instances']) {
      expect([path, (await staff.get(path)).status]).toEqual([path, 403]);
    }
    const me = (await staff.get('/api/auth/me')).body;
    expect(me.may).toMatchObject({ administer: false, readHistory: false, deploy: false, intake: false });
    // The instance it is involved in, it may read.
    expect((await staff.get(`/api/instances/${instanceId}`)).status).toBe(200);

    expect((await staff.post(`/api/tasks/${task.id}/claim`).send({})).status).toBe(200);
    const done = await staff.post(`/api/tasks/${task.id}/complete`).send({ variables: {} });
    expect(done.status).toBe(200);
    expect((await owner.get(`/api/instances/${instanceId}`)).body.status).toBe('completed');
  });

  it('offers an OPD-bound group\'s task (bendahara:${opd}) only to the members of that OPD', async () => {
    const dinkes = await signIn(t.system, 'bendahara.dinkes', password);
    const disdik = await signIn(t.system, 'bendahara.disdik', password);
    const instanceId = await start('uji-bendahara', { opd: 'dinkes' });
    const task = await openTaskOf(instanceId);
    expect(task.candidate_groups).toEqual(['bendahara:dinkes']);

    expect((await worklist(dinkes)).map((i) => i.id)).toContain(task.id);
    expect((await worklist(disdik)).map((i) => i.id)).not.toContain(task.id);
    expect((await disdik.post(`/api/tasks/${task.id}/claim`).send({})).status).toBe(403);
    expect((await disdik.get(`/api/instances/${instanceId}`)).status).toBe(403);
    expect((await dinkes.post(`/api/tasks/${task.id}/claim`).send({})).status).toBe(200);
    expect((await dinkes.post(`/api/tasks/${task.id}/complete`).send({ variables: {} })).status).toBe(200);
  });

  it('takes a deactivated group out of its members\' groups and of deployments; reactivating gives it back', async () => {
    const staff = await signIn(t.system, 'staf.keuangan', password);
    const instanceId = await start('uji-keuangan');
    const task = await openTaskOf(instanceId);
    expect((await worklist(staff)).map((i) => i.id)).toEqual([task.id]);

    const off = await admin.patch('/api/groups/keuangan').send({ active: false });
    expect(off.body).toMatchObject({ id: 'keuangan', active: false, members: 1 });
    expect((await staff.get('/api/auth/me')).body).toMatchObject({ memberships: ['keuangan'], groups: [] });
    expect(await worklist(staff)).toEqual([]);
    const deploy = await owner.post('/api/deployments').send({ name: 'k2.bpmn', xml: diagram('uji-keuangan-2', 'keuangan') });
    expect(deploy.body).toMatchObject({ code: 'bpmn.unknownGroup', params: { group: 'keuangan' } });
    const join = await createUser('staf.keuangan2', { groups: ['keuangan'] });
    expect(join.body).toMatchObject({ code: 'group.inactive', params: { group: 'keuangan' } });
    // A member keeps the membership when their other fields change.
    const me = (await staff.get('/api/auth/me')).body as { id: number };
    const renamed = await admin.patch(`/api/users/${me.id}`).send({ displayName: 'Staf Keuangan' });
    expect(renamed.status).toBe(200);
    expect(renamed.body.memberships).toEqual(['keuangan']);

    expect((await admin.patch('/api/groups/keuangan').send({ active: true, name: 'Keuangan' })).body).toMatchObject({ active: true, name: 'Keuangan' });
    expect((await worklist(staff)).map((i) => i.id)).toEqual([task.id]);
  });
});
