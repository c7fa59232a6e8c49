import path from 'node:path';
import { pdfText } from '../support/pdfText';
import { backends, signIn, startTestSystem, type TestSystem } from '../support/testSystem';
import { type Agent, anonymous, closeTestSystem, completeComplaintTask, enterComplaint, rawBody } from './helpers';

jest.setTimeout(120_000);

const PROCESSES_DIR = path.resolve(__dirname, '..', '..', 'processes');
/** A 1×1 PNG: a photo of the field verification. */
const PHOTO = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
const ARAHAN = 'Periksa saluran di lokasi';
const FINDINGS = 'BA-031/DINKES/2026: saluran tersumbat sampah';
const ANSWER = 'Saluran dibersihkan oleh Dinas Kesehatan.';
const REPORTER = 'Budi Santoso';

const letterhead = {
  government: 'PEMERINTAH KABUPATEN KAPUAS',
  agency: 'DINAS KOMINFO UJI DOKUMEN',
  address: 'Jl. Tambun Bungai No. 1, Kuala Kapuas',
  phone: '(0513) 21000',
  email: 'diskominfo@kapuaskab.example',
  logoText: 'KAPUAS',
  city: 'Kuala Kapuas',
  signatories: {
    kepalaDinas: { name: 'Drs. Kepala Uji, M.Si.', nip: '197001012000031001', position: 'Kepala Dinas Kominfo' },
    kabid: { name: '', nip: '', position: 'Kepala Bidang IKP' },
    kasi: { name: 'Siti Kasi Uji, S.Kom.', nip: '198502022010012002', position: 'Kepala Seksi Pengaduan' },
    adminUtama: { name: '', nip: '', position: 'Admin Utama LAPOR!-SP4N' },
  },
};

/** The PDF's text as one line, runs joined by spaces and whitespace squeezed. */
const textOf = (pdf: Buffer) => pdfText(pdf).join(' ').replace(/\s+/g, ' ');

/**
 * The documents of a complaint's steps through real HTTP on the real SOP diagrams: a complaint
 * entered by the Admin Utama, disposed by the Kasi with an arahan, verified in the field under SOP
 * 555/02 and answered. Each document appears once its step is done, its PDF carries the filled
 * values and the letterhead admin-sistem saved, and it is read by the complaint's read rule.
 */
describe.each(backends)('step documents (%s)', (backend) => {
  let t: TestSystem;
  const as: Record<string, Agent> = {};
  let trackingId = '';
  let replyCode = '';

  const pdf = async (agent: Agent, url: string, status = 200): Promise<Buffer> => {
    const res = await agent.get(url).buffer(true).parse(rawBody as never);
    expect([url, res.status]).toEqual([url, status]);
    if (status === 200) expect(res.headers['content-type']).toBe('application/pdf');
    return res.body as Buffer;
  };
  const docUrl = (kind: string, id = trackingId) => `/api/complaints/${id}/documents/${kind}`;
  const kinds = async (agent: Agent, id = trackingId) => ((await agent.get(`/api/complaints/${id}/documents`).expect(200)).body as { kind: string }[]).map((d) => d.kind);
  const complete = (agent: Agent, elementId: string, variables: Record<string, unknown> = {}) => completeComplaintTask(as.auditor, agent, trackingId, elementId, variables);

  beforeAll(async () => {
    t = await startTestSystem(backend, { PROCESSES_DIR });
    for (const u of ['admin-sistem', 'admin-utama', 'kasi', 'admin-penghubung', 'tim-koordinasi', 'pejabat-penghubung', 'auditor']) as[u] = await signIn(t.system, u);
    const other = await as['admin-sistem']
      .post('/api/users')
      .send({ username: 'pejabat.disdik', roles: ['pejabat-penghubung'], opd: 'disdik', password: 'rahasia-panjang', email: 'pd@kapuas.example' });
    expect(other.status).toBe(201);
    as.disdik = await signIn(t.system, 'pejabat.disdik', 'rahasia-panjang');
    const c = await enterComplaint(as['admin-utama'], {
      channel: 'whatsapp',
      reporter: { name: REPORTER, contact: '0813-5555-0199' },
      subject: 'Saluran <b>tersumbat</b>',
      description: 'Air meluap ke jalan.',
      location: 'Jl. Pemuda, Kuala Kapuas',
    });
    trackingId = c.trackingId;
    replyCode = c.replyCode;
  });

  afterAll(async () => {
    await closeTestSystem(t);
  });

  it('offers the receipt at once, with the reporter the reader may see; the code only with the code itself', async () => {
    expect(await kinds(as.kasi)).toEqual(['tanda-terima']);
    const text = textOf(await pdf(as['admin-utama'], docUrl('tanda-terima.pdf')));
    expect(text).toContain('TANDA TERIMA PENGADUAN');
    expect(text).toContain(trackingId);
    expect(text).toContain('WhatsApp');
    expect(text).toContain(REPORTER);
    // The code is stored only hashed: a receipt read later cannot print it.
    expect(text).not.toContain(replyCode);

    // Right after intake, whoever holds the code prints it; a code that is not this complaint's is refused.
    const withCode = await as['admin-utama'].post(docUrl('tanda-terima.pdf')).send({ replyCode }).buffer(true).parse(rawBody as never);
    expect(withCode.status).toBe(200);
    expect(textOf(withCode.body as Buffer)).toContain(replyCode);
    const wrong = await as['admin-utama'].post(docUrl('tanda-terima.pdf')).send({ replyCode: 'AAAAA-BBBBB' });
    expect([wrong.status, wrong.body.code]).toEqual([400, 'document.wrongCode']);

    // The HTML page escapes what the complaint says and runs nothing.
    const html = await as.kasi.get(docUrl('tanda-terima')).expect(200);
    expect(html.headers['content-type']).toMatch(/^text\/html/);
    expect(html.headers['content-security-policy']).toContain("default-src 'none'");
    expect(html.text).toContain('Saluran &lt;b&gt;tersumbat&lt;/b&gt;');
    expect(html.text).not.toContain('<b>tersumbat');

    // Not yet disposed: no disposition sheet.
    const early = await as.kasi.get(docUrl('lembar-disposisi'));
    expect([early.status, early.body.code]).toEqual([404, 'document.notYet']);
    expect((await as.kasi.get(docUrl('surat'))).status).toBe(400);
  });

  it('hides a confidential reporter from those who may not see them, and an anonymous one from everyone', async () => {
    const secret = await enterComplaint(as['admin-utama'], { reporter: { name: 'Rahasia Warga', contact: 'x@warga.example' }, rahasia: true, subject: 'Pungli' });
    expect(textOf(await pdf(as.kasi, docUrl('tanda-terima.pdf', secret.trackingId)))).toMatch(/Dirahasiakan/);
    expect(textOf(await pdf(as.kasi, docUrl('tanda-terima.pdf', secret.trackingId)))).not.toMatch(/Rahasia Warga/);
    expect((await as.kasi.get(docUrl('tanda-terima', secret.trackingId))).text).not.toMatch(/Rahasia Warga/);
    expect(textOf(await pdf(as['admin-utama'], docUrl('tanda-terima.pdf', secret.trackingId)))).toMatch(/Rahasia Warga/);
    const anon = await enterComplaint(as['admin-utama'], { anonim: true, reporter: { name: 'Tak Bernama' }, subject: 'Parkir liar' });
    const text = textOf(await pdf(as['admin-utama'], docUrl('tanda-terima.pdf', anon.trackingId)));
    expect(text).toContain('Anonim');
    expect(text).not.toContain('Tak Bernama');
  });

  it('prints each district under its own letterhead, and an OPD’s own intake officer as the receiver', async () => {
    const kph = await enterComplaint(as['admin-utama'], { district: 'kapuas-hulu', opd: 'kph-dinkes', subject: 'Jembatan putus' });
    const kphText = textOf(await pdf(as.kasi, docUrl('tanda-terima.pdf', kph.trackingId)));
    expect(kphText).toContain('PEMERINTAH KABUPATEN KAPUAS HULU');
    expect(kphText).toContain('Putussibau');
    const own = await enterComplaint(as['admin-penghubung'], { channel: 'kanal-internal-opd', subject: 'Obat kosong' });
    const ownText = textOf(await pdf(as['admin-penghubung'], docUrl('tanda-terima.pdf', own.trackingId)));
    expect(ownText).toContain('Admin Penghubung Dinas Kesehatan');
    expect(ownText).toContain('PEMERINTAH KABUPATEN KAPUAS ');
    // Entered already answered (sudahDitindaklanjuti): the answer letter exists at once.
    const answered = await enterComplaint(as['admin-utama'], { opd: 'dinkes', subject: 'Sampah', sudahDitindaklanjuti: true, jawaban: 'Sudah diangkut petugas.' });
    expect(await kinds(as.kasi, answered.trackingId)).toEqual(['tanda-terima', 'surat-jawaban']);
    expect(textOf(await pdf(as.kasi, docUrl('surat-jawaban.pdf', answered.trackingId)))).toContain('Sudah diangkut petugas.');
  });

  it('lets admin-sistem edit the letterhead, which every document then prints; an auditor reads it but cannot change it', async () => {
    const before = (await as.kasi.get('/api/settings/letterhead').expect(200)).body as { district: string; updatedAt: string | null; government: string }[];
    expect(before.map((l) => [l.district, l.updatedAt])).toEqual([
      ['kapuas', null],
      ['kapuas-hulu', null],
    ]);
    expect(before[1].government).toBe('PEMERINTAH KABUPATEN KAPUAS HULU');
    const refused = await as.auditor.put('/api/settings/letterhead/kapuas').send(letterhead);
    expect(refused.status).toBe(403);
    expect((await as.kasi.put('/api/settings/letterhead/kapuas').send(letterhead)).status).toBe(403);
    expect((await as['admin-sistem'].put('/api/settings/letterhead/kapuas').send({ ...letterhead, agency: '' })).status).toBe(400);
    expect((await as['admin-sistem'].put('/api/settings/letterhead/bogor').send(letterhead)).status).toBe(400);
    const saved = await as['admin-sistem'].put('/api/settings/letterhead/kapuas').send(letterhead);
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ district: 'kapuas', agency: letterhead.agency, updatedBy: 'admin-sistem' });
    const text = textOf(await pdf(as.kasi, docUrl('tanda-terima.pdf')));
    expect(text).toContain(letterhead.agency);
    expect(text).toContain(letterhead.address);
    expect(text).toContain('KAPUAS');
  });

  it('fills the disposition sheet from the Kasi’s arahan and the OPD disposed to', async () => {
    await complete(as['admin-utama'], 'Task_MenerimaLaporan', { kanal: 'WhatsApp' });
    await complete(as['admin-utama'], 'Task_Verifikasi', { lengkap: true });
    await complete(as['admin-utama'], 'Task_Input', { sudahDitindaklanjuti: false });
    await complete(as.kasi, 'Task_Memastikan', { opd: 'dinkes', arahanDisposisi: ARAHAN });
    await complete(as['admin-utama'], 'Task_Disposisi', { opd: 'dinkes' });
    expect(await kinds(as.kasi)).toEqual(['tanda-terima', 'lembar-disposisi']);
    // The OPD's own liaison reads it; another OPD's is refused, for every document route.
    expect(await kinds(as['pejabat-penghubung'])).toEqual(['tanda-terima', 'lembar-disposisi']);
    for (const url of [`/api/complaints/${trackingId}/documents`, docUrl('lembar-disposisi'), docUrl('lembar-disposisi.pdf'), docUrl('tanda-terima.pdf')]) {
      const res = await as.disdik.get(url);
      expect([url, res.status, res.body.code]).toEqual([url, 403, 'opd.otherOpd']);
    }
    const text = textOf(await pdf(as['pejabat-penghubung'], docUrl('lembar-disposisi.pdf')));
    expect(text).toContain('LEMBAR DISPOSISI');
    expect(text).toContain(trackingId);
    expect(text).toContain('Dinas Kesehatan');
    expect(text).toContain(ARAHAN);
    // Signed by the Kasi named in the settings.
    expect(text).toContain(letterhead.signatories.kasi.name);
    expect(text).toContain(letterhead.agency);
  });

  it('fills the Berita Acara of SOP 555/02 from the field verification, with its photos, and the answer letter', async () => {
    await complete(as['admin-penghubung'], 'Task_AdminPenghubung');
    await complete(as['admin-utama'], 'Task_PenyaluranPengaduan');
    await complete(as['tim-koordinasi'], 'Task_TelaahanLanjutan', { opd: 'dinkes' });
    await complete(as['pejabat-penghubung'], 'Task_KonfirmasiKlarifikasi', { lengkap: true, perluPemeriksaan: true });
    await complete(as['admin-utama'], 'Task_PenyaluranPengaduan', { opd: 'dinkes' });
    await complete(as['pejabat-penghubung'], 'Task_Telaah', { lengkap: true, perluPemeriksaan: true });
    expect(await kinds(as.kasi)).not.toContain('berita-acara');
    await as['pejabat-penghubung']
      .post(`/api/complaints/${trackingId}/attachments`)
      .send({ filename: 'foto-saluran.png', contentType: 'image/png', dataBase64: PHOTO })
      .expect(201);
    await complete(as['pejabat-penghubung'], 'Task_VerifikasiLapangan', { baPemeriksaan: FINDINGS, jawaban: ANSWER });
    expect(await kinds(as.kasi)).toEqual(['tanda-terima', 'lembar-disposisi', 'berita-acara', 'surat-jawaban']);

    const ba = textOf(await pdf(as.auditor, docUrl('berita-acara.pdf')));
    expect(ba).toContain('BERITA ACARA PEMERIKSAAN LAPANGAN');
    expect(ba).toContain(trackingId);
    expect(ba).toContain(FINDINGS);
    expect(ba).toContain(ANSWER);
    expect(ba).toContain('foto-saluran.png');
    expect(ba).toContain('Petugas pemeriksa');
    expect(ba).toContain('Mengetahui,');
    expect(ba).toContain('Dinas Kesehatan');

    const letter = textOf(await pdf(as.kasi, docUrl('surat-jawaban.pdf')));
    expect(letter).toContain('SURAT JAWABAN ATAS PENGADUAN');
    expect(letter).toContain(ANSWER);
    expect(letter).toContain(`Sdr./Sdri. ${REPORTER}`);
    expect(letter).toContain(letterhead.signatories.kepalaDinas.name);
    expect(letter).toContain(`NIP. ${letterhead.signatories.kepalaDinas.nip}`);
    // The answer's HTML page says the same.
    expect((await as.kasi.get(docUrl('surat-jawaban')).expect(200)).text).toContain(ANSWER);
  });

  it('answers 401 without a session and 404 for an unknown complaint', async () => {
    expect((await anonymous(t.system).get(`/api/complaints/${trackingId}/documents`)).status).toBe(401);
    expect((await anonymous(t.system).get('/api/settings/letterhead')).status).toBe(401);
    expect((await as.kasi.get('/api/complaints/KPS-2026-999999/documents')).status).toBe(404);
  });
});
