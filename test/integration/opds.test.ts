import { backends, signIn, startTestSystem, type TestSystem } from '../support/testSystem';
import { type Agent, anonymous, closeTestSystem } from './helpers';

jest.setTimeout(30_000);

interface OpdBody {
  code: string;
  name: string;
  district: string;
  active: boolean;
}

/** The OPD catalogue: seeded with the agencies of both districts, read by everyone signed in, kept by admin-sistem. */
describe.each(backends)('OPD catalogue (%s)', (backend) => {
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

  const list = async (qs = '', agent = kasi) => {
    const res = await agent.get(`/api/opds${qs}`);
    expect(res.status).toBe(200);
    return res.body as OpdBody[];
  };

  it('is seeded with the agencies of Kapuas and Kapuas Hulu, including the demo OPD dinkes', async () => {
    const all = await list();
    const byCode = new Map(all.map((o) => [o.code, o]));
    expect(byCode.get('dinkes')).toEqual({ code: 'dinkes', name: 'Dinas Kesehatan', district: 'kapuas', active: true });
    expect(byCode.get('kph-dinkes')).toEqual({ code: 'kph-dinkes', name: 'Dinas Kesehatan', district: 'kapuas-hulu', active: true });
    for (const code of ['disdik', 'dpupr', 'dinsos', 'disdukcapil', 'rsud', 'dishub', 'dlh', 'dpmptsp', 'diskominfo', 'bpbd', 'satpolpp', 'kec-selat']) {
      expect([code, byCode.get(code)?.district]).toEqual([code, 'kapuas']);
    }
    for (const code of ['kph-dpupr', 'kph-rsud', 'kph-diskominfo', 'kph-kec-putussibau-utara']) {
      expect([code, byCode.get(code)?.district]).toEqual([code, 'kapuas-hulu']);
    }
    expect(all.filter((o) => o.district === 'kapuas-hulu').every((o) => o.code.startsWith('kph-'))).toBe(true);
    expect(all.filter((o) => o.district === 'kapuas').some((o) => o.code.startsWith('kph-'))).toBe(false);
    expect(all.filter((o) => o.name.startsWith('Kecamatan ') && o.district === 'kapuas')).toHaveLength(17);
    expect(all.filter((o) => o.name.startsWith('Kecamatan ') && o.district === 'kapuas-hulu')).toHaveLength(23);

    const hulu = await list('?district=kapuas-hulu');
    expect(hulu.length).toBeGreaterThan(20);
    expect(hulu.every((o) => o.district === 'kapuas-hulu')).toBe(true);
    expect((await kasi.get('/api/opds?district=jakarta')).status).toBe(400);
  });

  it('needs a sign-in to read', async () => {
    expect((await anonymous(t.system).get('/api/opds')).status).toBe(401);
  });

  it('lets admin-sistem add an OPD', async () => {
    const res = await admin.post('/api/opds').send({ code: 'disarpus', name: 'Dinas Arsip dan Perpustakaan', district: 'kapuas' });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ code: 'disarpus', name: 'Dinas Arsip dan Perpustakaan', district: 'kapuas', active: true });
    expect((await list()).map((o) => o.code)).toContain('disarpus');

    const hulu = await admin.post('/api/opds').send({ code: 'kph-upt-puskesmas-badau', name: 'UPT Puskesmas Badau', district: 'kapuas-hulu', active: false });
    expect(hulu.status).toBe(201);
    expect(hulu.body.active).toBe(false);
  });

  it('refuses a duplicate code with 409 and invalid input with 400', async () => {
    const dup = await admin.post('/api/opds').send({ code: 'dinkes', name: 'Dinas Kesehatan (lagi)', district: 'kapuas' });
    expect(dup.status).toBe(409);
    expect(dup.body.error).toMatch(/dinkes/);

    const cases: [Record<string, unknown>, RegExp][] = [
      [{ code: 'DinKes', name: 'x', district: 'kapuas' }, /code/],
      [{ code: 'dinas kesehatan', name: 'x', district: 'kapuas' }, /code/],
      [{ code: 'dinas-baru', name: '', district: 'kapuas' }, /name/],
      [{ code: 'dinas-baru', name: 'x', district: 'sintang' }, /district.*"sintang"/],
      [{ code: 'dinas-baru', name: 'x', district: 'kapuas-hulu' }, /kph-/],
      [{ code: 'kph-dinas-baru', name: 'x', district: 'kapuas' }, /kph-/],
      [{ code: 'dinas-baru', name: 'x', district: 'kapuas', kepala: 'Bapak X' }, /kepala/],
    ];
    for (const [body, problem] of cases) {
      const res = await admin.post('/api/opds').send(body);
      expect([JSON.stringify(body), res.status]).toEqual([JSON.stringify(body), 400]);
      expect(`${res.body.error} ${res.body.detail ?? ''}`).toMatch(problem);
    }
    expect((await list()).map((o) => o.code)).not.toContain('dinas-baru');
  });

  it('lets admin-sistem rename and deactivate an OPD; an inactive OPD takes no new complaint', async () => {
    const renamed = await admin.patch('/api/opds/dishub').send({ name: 'Dinas Perhubungan Kabupaten Kapuas' });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toEqual({ code: 'dishub', name: 'Dinas Perhubungan Kabupaten Kapuas', district: 'kapuas', active: true });

    const off = await admin.patch('/api/opds/dishub').send({ active: false });
    expect(off.body).toMatchObject({ name: 'Dinas Perhubungan Kabupaten Kapuas', active: false });
    expect((await list('?active=true')).map((o) => o.code)).not.toContain('dishub');
    expect((await list('?active=false')).map((o) => o.code)).toContain('dishub');

    const adminUtama = await signIn(t.system, 'admin-utama');
    const complaint = await adminUtama.post('/api/complaints').send({ channel: 'sms', subject: 'Angkutan', description: 'Kapal terlambat', opd: 'dishub' });
    expect(complaint.status).toBe(400);
    expect(complaint.body.error).toMatch(/dishub.*inactive/);

    // Seeding again (every start) adds nothing and undoes no change.
    expect(await t.system.opds.seed()).toBe(0);
    expect((await list()).find((o) => o.code === 'dishub')).toMatchObject({ name: 'Dinas Perhubungan Kabupaten Kapuas', active: false });

    expect((await admin.patch('/api/opds/dishub').send({ active: true })).body.active).toBe(true);
  });

  it('answers 404 for an unknown code and 400 for an empty or unknown change', async () => {
    expect((await admin.patch('/api/opds/tidak-ada').send({ name: 'x' })).status).toBe(404);
    expect((await admin.patch('/api/opds/dinkes').send({})).status).toBe(400);
    expect((await admin.patch('/api/opds/dinkes').send({ district: 'kapuas-hulu' })).status).toBe(400);
    expect((await admin.patch('/api/opds/dinkes').send({ code: 'dinkes2' })).status).toBe(400);
  });

  it('forbids changes to everyone but admin-sistem', async () => {
    for (const role of ['kasi', 'admin-utama', 'pemilik-proses', 'auditor']) {
      const agent = await signIn(t.system, role);
      const created = await agent.post('/api/opds').send({ code: `oleh-${role}`, name: 'x', district: 'kapuas' });
      expect([role, created.status]).toEqual([role, 403]);
      expect(created.body.detail).toMatch(/admin-sistem/);
      expect((await agent.patch('/api/opds/dinkes').send({ name: 'Diubah' })).status).toBe(403);
    }
    expect((await anonymous(t.system).post('/api/opds').send({ code: 'x', name: 'x', district: 'kapuas' })).status).toBe(401);
    expect((await list()).find((o) => o.code === 'dinkes')?.name).toBe('Dinas Kesehatan');
    expect((await list()).some((o) => o.code.startsWith('oleh-'))).toBe(false);
  });
});
