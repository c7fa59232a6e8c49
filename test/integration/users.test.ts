import { backends, signIn, startTestSystem, type TestSystem } from '../support/testSystem';
import { type Agent, anonymous, closeTestSystem, DEMO_ROLE_IDS, sessionCookieOf } from './helpers';

jest.setTimeout(30_000);

describe.each(backends)('users (%s)', (backend) => {
  let t: TestSystem;
  let admin: Agent;
  let kasi: Agent;

  beforeAll(async () => {
    t = await startTestSystem(backend);
    admin = await signIn(t.system, 'admin-sistem');
    kasi = await signIn(t.system, 'kasi');
  });

  afterAll(async () => {
    await closeTestSystem(t);
  });

  const newUser = (over: Record<string, unknown> = {}) => ({
    username: 'staf.baru',
    password: 'rahasia-panjang',
    email: 'staf.baru@kapuas.example',
    displayName: 'Staf Baru',
    roles: ['kasi'],
    ...over,
  });

  it('lets only admin-sistem list, create and change users', async () => {
    const list = await admin.get('/api/users');
    expect(list.status).toBe(200);
    expect((list.body as { username: string }[]).map((u) => u.username).sort()).toEqual([...DEMO_ROLE_IDS].sort());
    expect(JSON.stringify(list.body)).not.toMatch(/password|hash/i);

    const kasiMe = (await kasi.get('/api/auth/me')).body as { id: number };
    expect((await kasi.get('/api/users')).status).toBe(403);
    const create = await kasi.post('/api/users').send(newUser({ username: 'dibuat.kasi' }));
    expect(create.status).toBe(403);
    expect(create.body.detail).toMatch(/admin-sistem/);
    const patch = await kasi.patch(`/api/users/${kasiMe.id}`).send({ roles: ['kasi', 'admin-sistem'] });
    expect(patch.status).toBe(403);

    // Nothing changed behind the 403s.
    const after = (await admin.get('/api/users')).body as { username: string; roles: string[] }[];
    expect(after.find((u) => u.username === 'dibuat.kasi')).toBeUndefined();
    expect(after.find((u) => u.username === 'kasi')?.roles).toEqual(['kasi']);
  });

  it('creates a user who can then sign in', async () => {
    const res = await admin.post('/api/users').send(newUser());
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      id: expect.any(Number),
      username: 'staf.baru',
      email: 'staf.baru@kapuas.example',
      displayName: 'Staf Baru',
      opd: null,
      roles: ['kasi'],
      groups: ['kasi'],
      active: true,
    });
    expect(JSON.stringify(res.body)).not.toMatch(/password|hash/i);

    const login = await anonymous(t.system).post('/api/auth/login').send({ username: 'staf.baru', password: 'rahasia-panjang' });
    expect(login.status).toBe(200);
    expect(login.body.id).toBe(res.body.id);
    const wrong = await anonymous(t.system).post('/api/auth/login').send({ username: 'staf.baru', password: 'demo12345' });
    expect(wrong.status).toBe(401);
  });

  it('gives an OPD-bound user the role:OPD group', async () => {
    const res = await admin.post('/api/users').send(newUser({ username: 'operator.dishub', roles: ['operator-opd'], opd: 'dishub' }));
    expect(res.status).toBe(201);
    expect(res.body.groups).toEqual(['operator-opd', 'operator-opd:dishub']);
  });

  it('refuses an unknown role, naming it', async () => {
    const res = await admin.post('/api/users').send(newUser({ username: 'salah.peran', roles: ['kasi', 'kepala-desa'] }));
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toMatch(/kepala-desa/);
    expect((await anonymous(t.system).post('/api/auth/login').send({ username: 'salah.peran', password: 'rahasia-panjang' })).status).toBe(401);
  });

  it('refuses an OPD-bound role without an OPD', async () => {
    for (const opd of [undefined, null]) {
      const res = await admin.post('/api/users').send(newUser({ username: 'tanpa.opd', roles: ['pejabat-penghubung'], opd }));
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body)).toMatch(/pejabat-penghubung/);
      expect(JSON.stringify(res.body)).toMatch(/opd/i);
    }
  });

  it('refuses a duplicate username with 409', async () => {
    const res = await admin.post('/api/users').send(newUser({ username: 'kasi', email: 'other@kapuas.example' }));
    expect(res.status).toBe(409);
    expect(res.body.error).toMatch(/kasi/);
    // The demo kasi keeps their password.
    expect((await anonymous(t.system).post('/api/auth/login').send({ username: 'kasi', password: 'demo12345' })).status).toBe(200);
  });

  it('creates one user when admins create the same username at once; the others get 409', async () => {
    // Several at once: on a PostgreSQL server they overlap inside the database, not only in HTTP.
    for (let round = 0; round < 3; round++) {
      const username = `kembar.${round}`;
      const results = await Promise.all(
        [1, 2, 3, 4].map((i) => admin.post('/api/users').send(newUser({ username, email: `kembar.${round}.${i}@kapuas.example` }))),
      );
      expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409]);
      const twins = ((await admin.get('/api/users')).body as { username: string }[]).filter((u) => u.username === username);
      expect(twins).toHaveLength(1);
    }
  });

  it('refuses a weak password with 400, on create and on change', async () => {
    const res = await admin.post('/api/users').send(newUser({ username: 'sandi.lemah', password: 'short' }));
    expect(res.status).toBe(400);
    expect(res.body.detail).toMatch(/password/);

    const id = (await admin.get('/api/users')).body.find((u: { username: string }) => u.username === 'staf.baru').id;
    const patch = await admin.patch(`/api/users/${id}`).send({ password: '1234567' });
    expect(patch.status).toBe(400);
    expect(patch.body.detail).toMatch(/password/);
  });

  it('refuses unknown fields and malformed values with 400', async () => {
    expect((await admin.post('/api/users').send(newUser({ username: 'ab' }))).status).toBe(400);
    expect((await admin.post('/api/users').send(newUser({ username: 'Huruf.Besar' }))).status).toBe(400);
    expect((await admin.post('/api/users').send(newUser({ username: 'surel.salah', email: 'not-an-email' }))).status).toBe(400);
    expect((await admin.post('/api/users').send(newUser({ username: 'tanpa.peran', roles: [] }))).status).toBe(400);
    const extra = await admin.post('/api/users').send(newUser({ username: 'ekstra', isAdmin: true }));
    expect(extra.status).toBe(400);
    expect(extra.body.detail).toMatch(/isAdmin/);
  });

  it('changes roles and OPD, and checks the OPD rule on the result', async () => {
    const created = await admin.post('/api/users').send(newUser({ username: 'pindah.peran', roles: ['kasi'] }));
    const id = created.body.id as number;

    const noOpd = await admin.patch(`/api/users/${id}`).send({ roles: ['admin-penghubung'] });
    expect(noOpd.status).toBe(400);
    expect(noOpd.body.error).toMatch(/admin-penghubung/);

    const moved = await admin.patch(`/api/users/${id}`).send({ roles: ['admin-penghubung'], opd: 'dinkes', displayName: 'Pindah' });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ roles: ['admin-penghubung'], opd: 'dinkes', groups: ['admin-penghubung', 'admin-penghubung:dinkes'], displayName: 'Pindah' });

    const unknownRole = await admin.patch(`/api/users/${id}`).send({ roles: ['raja'] });
    expect(unknownRole.status).toBe(400);
    expect(unknownRole.body.error).toMatch(/raja/);
    expect((await admin.get('/api/users')).body.find((u: { id: number }) => u.id === id).roles).toEqual(['admin-penghubung']);

    expect((await admin.patch('/api/users/999999').send({ displayName: 'x' })).status).toBe(404);
  });

  it('ends the sessions of a deactivated user: their next request is 401, and they cannot sign in', async () => {
    const created = await admin.post('/api/users').send(newUser({ username: 'akan.nonaktif' }));
    const login = await anonymous(t.system).post('/api/auth/login').send({ username: 'akan.nonaktif', password: 'rahasia-panjang' });
    const cookie = sessionCookieOf(login);
    expect((await anonymous(t.system).get('/api/tasks').set('Cookie', cookie)).status).toBe(200);

    const off = await admin.patch(`/api/users/${created.body.id}`).send({ active: false });
    expect(off.status).toBe(200);
    expect(off.body.active).toBe(false);

    expect((await anonymous(t.system).get('/api/tasks').set('Cookie', cookie)).status).toBe(401);
    expect((await anonymous(t.system).post('/api/auth/login').send({ username: 'akan.nonaktif', password: 'rahasia-panjang' })).status).toBe(401);

    // Reactivated, they sign in again; the old session stays ended.
    expect((await admin.patch(`/api/users/${created.body.id}`).send({ active: true })).status).toBe(200);
    expect((await anonymous(t.system).get('/api/tasks').set('Cookie', cookie)).status).toBe(401);
    expect((await anonymous(t.system).post('/api/auth/login').send({ username: 'akan.nonaktif', password: 'rahasia-panjang' })).status).toBe(200);
  });

  it('ends the sessions of a user whose password changes', async () => {
    const created = await admin.post('/api/users').send(newUser({ username: 'ganti.sandi' }));
    const cookie = sessionCookieOf(await anonymous(t.system).post('/api/auth/login').send({ username: 'ganti.sandi', password: 'rahasia-panjang' }));

    expect((await admin.patch(`/api/users/${created.body.id}`).send({ password: 'sandi-yang-baru' })).status).toBe(200);

    expect((await anonymous(t.system).get('/api/auth/me').set('Cookie', cookie)).status).toBe(401);
    expect((await anonymous(t.system).post('/api/auth/login').send({ username: 'ganti.sandi', password: 'rahasia-panjang' })).status).toBe(401);
    expect((await anonymous(t.system).post('/api/auth/login').send({ username: 'ganti.sandi', password: 'sandi-yang-baru' })).status).toBe(200);
  });

  it('lists the 18 role ids (the SOPs\' and the system\'s, worker included) to any signed-in user', async () => {
    const res = await kasi.get('/api/roles');
    expect(res.status).toBe(200);
    const roles = res.body as { id: string; label: string; opdBound: boolean }[];
    expect(roles.map((r) => r.id).sort()).toEqual([...DEMO_ROLE_IDS].sort());
    expect(roles).toHaveLength(18);
    expect(roles.filter((r) => r.opdBound).map((r) => r.id).sort()).toEqual(['admin-penghubung', 'operator-opd', 'pejabat-penghubung', 'pimpinan-opd']);
    expect(roles.every((r) => typeof r.label === 'string' && r.label.length > 0)).toBe(true);
    expect((await anonymous(t.system).get('/api/roles')).status).toBe(401);
  });

  it('answers 404 for a user id that is not a number, naming it', async () => {
    const res = await admin.patch('/api/users/abc').send({ active: false });
    expect(res.status).toBe(404);
    expect(res.body.error).toMatch(/abc/);
  });

  it('gives one 409 and no 500 when the same username is created twice at once', async () => {
    const results = await Promise.all([1, 2].map(() => admin.post('/api/users').send(newUser({ username: 'kembar' }))));
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
  });
});
