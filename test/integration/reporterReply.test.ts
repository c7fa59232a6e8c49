import path from 'node:path';
import { backends, signIn, startTestSystem, type Backend, type TestSystem } from '../support/testSystem';
import type { PublicComplaintView } from '../../src/contract/complaints';
import { type Agent, anonymous, closeTestSystem, type HistoryItem, type TaskItem } from './helpers';

/**
 * The reporter's reply on the public page (issue 11): intake hands out a reply code (stored only
 * hashed); with it, POST /api/public/complaints/:trackingId/replies delivers the message
 * "tanggapan-pelapor" to the step of the real SOP diagrams (processes/) that waits for it:
 * SOP 555/02 "Terima Tanggapan Pelapor", SOP 555/06 "Pantau Tanggapan".
 */

jest.setTimeout(180_000);

const PROCESSES_DIR = path.resolve(__dirname, '..', '..', 'processes');
const REPORTER = { name: 'Rahmat Hidayat', contact: '0812-7777-0001' };

type PublicView = PublicComplaintView;

describe.each(backends)('the reporter’s reply on %s', (backend: Backend) => {
  let t: TestSystem;
  const agents = new Map<string, Promise<Agent>>();
  const as = (u: string) => {
    if (!agents.has(u)) agents.set(u, signIn(t.system, u));
    return agents.get(u)!;
  };
  beforeAll(async () => {
    // The client's address from X-Forwarded-For, as behind the districts' reverse proxy: each test its own client.
    t = await startTestSystem(backend, { PROCESSES_DIR, TRUST_PROXY: 'true' });
  });
  afterAll(() => closeTestSystem(t));

  const publicView = async (id: string): Promise<PublicView> => {
    const res = await anonymous(t.system).get(`/api/public/complaints/${id}`);
    expect(res.status).toBe(200);
    return res.body;
  };
  const reply = (id: string, body: Record<string, unknown>, ip = '10.9.0.1') =>
    anonymous(t.system).post(`/api/public/complaints/${id}/replies`).set('X-Forwarded-For', ip).send(body);
  const openTasks = async (id: string): Promise<{ id: string; instanceId: string; elementId: string }[]> =>
    (await (await as('admin-utama')).get(`/api/complaints/${id}`)).body.openTasks;
  /** `username` claims and completes the complaint's open task `elementId`. */
  const work = async (username: string, trackingId: string, elementId: string, variables: Record<string, unknown> = {}) => {
    const task = (await openTasks(trackingId)).find((x) => x.elementId === elementId);
    if (!task) throw new Error(`${trackingId}: no open ${elementId}; open: ${(await openTasks(trackingId)).map((x) => x.elementId).join(', ')}`);
    const agent = await as(username);
    expect((await agent.post(`/api/tasks/${task.id}/claim`).send({})).status).toBe(200);
    const done = await agent.post(`/api/tasks/${task.id}/complete`).send({ variables });
    expect({ elementId, status: done.status, body: done.status === 200 ? 'ok' : done.body }).toEqual({ elementId, status: 200, body: 'ok' });
    return task;
  };
  const history = async (instanceId: string): Promise<HistoryItem[]> => (await (await as('auditor')).get(`/api/instances/${instanceId}/history`)).body;

  /** An OPD's complaint (SOP 555/06) taken to SOP 555/02's "Terima Tanggapan Pelapor". */
  async function awaitingReplyIn0502(subject: string): Promise<{ trackingId: string; replyCode: string; p02: string }> {
    const res = await (await as('admin-penghubung')).post('/api/complaints').send({ channel: 'kanal-internal-opd', subject, description: `${subject}.`, reporter: REPORTER });
    expect(res.status).toBe(201);
    const { trackingId, replyCode } = res.body as { trackingId: string; replyCode: string };
    await work('admin-penghubung', trackingId, 'Task_Menerima', { kanal: 'loket pengaduan' });
    await work('admin-penghubung', trackingId, 'Task_Verifikasi', { lengkap: true });
    await work('pejabat-penghubung', trackingId, 'Task_Disampaikan');
    await work('admin-penghubung', trackingId, 'Task_Input', { sudahDitindaklanjuti: false });
    await work('admin-utama', trackingId, 'Task_PenyaluranPengaduan', { opd: 'dinkes' });
    await work('pejabat-penghubung', trackingId, 'Task_Telaah', { lengkap: true, perluPemeriksaan: false, jawaban: 'Jadwal pengangkutan sampah ditambah.' });
    const [waiting] = await openTasks(trackingId);
    expect(waiting.elementId).toBe('Task_TanggapanPelapor');
    return { trackingId, replyCode, p02: waiting.instanceId };
  }

  it('intake answers a readable reply code once and stores only its scrypt hash', async () => {
    const res = await (await as('admin-penghubung')).post('/api/complaints').send({ channel: 'sms', subject: 'Lampu padam', description: 'Lampu jalan padam.' });
    expect(res.status).toBe(201);
    expect(res.body.replyCode).toMatch(/^[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}$/);
    const { rows } = await t.system.db.query<Record<string, unknown>>('select * from complaints where tracking_id = $1', [res.body.trackingId]);
    const stored = JSON.stringify(rows[0]);
    expect(String(rows[0].reply_code_hash)).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]{44}$/);
    expect(stored).not.toContain(res.body.replyCode);
    expect(stored).not.toContain(res.body.replyCode.replace('-', ''));
    // Read again, the complaint does not repeat it.
    expect((await (await as('admin-utama')).get(`/api/complaints/${res.body.trackingId}`)).body.replyCode).toBeUndefined();
    // Nothing waits for a reply yet: 409, the public page offers no form.
    expect(await publicView(res.body.trackingId)).toMatchObject({ awaitingReply: false, subject: 'Lampu padam', answeredAt: null, closedAt: null, answerLog: [] });
    const early = await reply(res.body.trackingId, { code: res.body.replyCode, puas: true, text: 'puas' });
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('reply.notAwaited');
  });

  it('555/02: "belum puas" with the right code sends the complaint back into follow-up, shown in the history as "Pelapor"; "puas" ends 555/02 and 555/06 then waits for the same reply', async () => {
    const { trackingId, replyCode, p02 } = await awaitingReplyIn0502('Sampah menumpuk');
    const before = await publicView(trackingId);
    expect(before).toMatchObject({ awaitingReply: true, subject: 'Sampah menumpuk', answers: ['Jadwal pengangkutan sampah ditambah.'] });
    expect(before.answerLog).toEqual([{ text: 'Jadwal pengangkutan sampah ditambah.', at: expect.any(String) }]);
    expect(before.answeredAt).toBe(before.answerLog![0].at);
    expect(JSON.stringify(before)).not.toContain(REPORTER.name);

    // The code as a reporter might type it: lower case, without the dash.
    const res = await reply(trackingId, { code: replyCode.toLowerCase().replace('-', ' '), puas: false, text: 'Belum puas: sampah di pasar belum diangkut.' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ trackingId, puas: false, photo: null });

    // Back into follow-up: a new Telaah in the same 555/02 instance.
    expect((await openTasks(trackingId)).map((x) => [x.instanceId, x.elementId])).toEqual([[p02, 'Task_Telaah']]);
    const instance = (await (await as('auditor')).get(`/api/instances/${p02}`)).body;
    expect(instance.variables).toMatchObject({ pelaporPuas: false, tanggapanPelapor: 'Belum puas: sampah di pasar belum diangkut.' });
    const entries = await history(p02);
    const received = entries.filter((h) => h.type === 'message-received');
    expect(received).toEqual([
      expect.objectContaining({ elementId: 'Boundary_TanggapanPelapor', actor: 'Pelapor', name: 'tanggapan-pelapor', reply: { puas: false, text: 'Belum puas: sampah di pasar belum diangkut.' } }),
    ]);
    expect(entries.filter((h) => h.type === 'task-cancelled' || h.type === 'element-left').map((h) => h.elementId)).toContain('Task_TanggapanPelapor');
    expect(JSON.stringify(entries)).not.toContain(REPORTER.name);
    expect((await publicView(trackingId)).awaitingReply).toBe(false);
    // The step no longer waits: a second reply is refused.
    expect((await reply(trackingId, { code: replyCode, puas: true, text: 'puas' })).status).toBe(409);

    // The officer answers again; this time the reporter is satisfied: 555/02 ends, 555/06 watches.
    await work('pejabat-penghubung', trackingId, 'Task_Telaah', { lengkap: true, perluPemeriksaan: false, jawaban: 'Sampah pasar diangkut setiap hari.' });
    const again = await publicView(trackingId);
    expect(again.answerLog!.map((a) => a.text)).toEqual(['Jadwal pengangkutan sampah ditambah.', 'Sampah pasar diangkut setiap hari.']);
    expect((await reply(trackingId, { code: replyCode, puas: true, text: 'Terima kasih, sudah bersih.' })).status).toBe(201);
    expect((await (await as('auditor')).get(`/api/instances/${p02}`)).body.status).toBe('completed');
    expect((await history(p02)).filter((h) => h.type === 'element-entered').map((h) => h.elementId)).toContain('End_Selesai');
    expect((await openTasks(trackingId)).map((x) => x.elementId).sort()).toEqual(['Task_Pantau', 'Task_Pengecekan']);

    // SOP 555/06's "Pantau Tanggapan" takes the same reply; "puas" leaves only the check.
    expect((await publicView(trackingId)).awaitingReply).toBe(true);
    expect((await reply(trackingId, { code: replyCode, puas: true, text: '' })).status).toBe(201);
    expect((await openTasks(trackingId)).map((x) => x.elementId)).toEqual(['Task_Pengecekan']);
    await work('admin-utama', trackingId, 'Task_Pengecekan');
    await work('kasi', trackingId, 'Task_KasiMemeriksa');
    const closed = await publicView(trackingId);
    expect(closed).toMatchObject({ status: 'selesai', awaitingReply: false, closedAt: expect.any(String) });
  });

  it('a wrong code is 403 and, after five from one client, 429 even with the right code; other clients and sign-ins are not locked', async () => {
    const { trackingId, replyCode } = await awaitingReplyIn0502('Air PDAM keruh');
    for (let i = 0; i < 5; i++) {
      const wrong = await reply(trackingId, { code: 'AAAAA-BBBBB', puas: false, text: 'coba' }, '10.9.0.2');
      expect({ i, status: wrong.status, code: wrong.body.code }).toEqual({ i, status: 403, code: 'reply.wrongCode' });
    }
    const locked = await reply(trackingId, { code: replyCode, puas: false, text: 'coba' }, '10.9.0.2');
    expect(locked.status).toBe(429);
    expect(locked.headers['retry-after']).toBe(String(15 * 60));
    expect(locked.body).toMatchObject({ code: 'reply.throttled', params: { minutes: 15 } });
    // Nothing was delivered.
    expect((await openTasks(trackingId)).map((x) => x.elementId)).toEqual(['Task_TanggapanPelapor']);
    // Sign-in from that address is its own count.
    expect((await anonymous(t.system).post('/api/auth/login').set('X-Forwarded-For', '10.9.0.2').send({ username: 'kasi', password: 'demo12345' })).status).toBe(200);
    // The reporter elsewhere still replies.
    expect((await reply(trackingId, { code: replyCode, puas: true, text: 'puas' }, '10.9.0.3')).status).toBe(201);
  });

  it('refuses a complaint without a code (entered before codes), an unknown one, bad bodies and a photo that is no image, writing nothing', async () => {
    const { trackingId, replyCode } = await awaitingReplyIn0502('Jalan berlubang');
    const bad = [
      {},
      { code: replyCode, puas: 'ya', text: 'x' },
      { code: replyCode, puas: false, text: 'x'.repeat(2001) },
      { code: replyCode, puas: false, text: 'x', nama: REPORTER.name },
      { code: replyCode, puas: false, text: 'a\u0000b' },
    ];
    for (const body of bad) expect({ body, status: (await reply(trackingId, body, '10.9.0.4')).status }).toEqual({ body, status: 400 });
    const pdf = Buffer.from('%PDF-1.4\n%…').toString('base64');
    const notImage = await reply(trackingId, { code: replyCode, puas: false, text: 'foto', photo: { filename: 'bukti.pdf', dataBase64: pdf } }, '10.9.0.4');
    expect(notImage.status).toBe(400);
    expect(notImage.body.code).toBe('attachment.rejected');
    expect((await reply('KPS-2026-999999', { code: replyCode, puas: true, text: '' }, '10.9.0.4')).status).toBe(404);
    expect((await openTasks(trackingId)).map((x) => x.elementId)).toEqual(['Task_TanggapanPelapor']);

    await t.system.db.query('update complaints set reply_code_hash = null where tracking_id = $1', [trackingId]);
    const old = await reply(trackingId, { code: replyCode, puas: true, text: 'puas' }, '10.9.0.4');
    expect(old.status).toBe(403);
    expect(old.body.code).toBe('reply.noCode');
    expect((await openTasks(trackingId)).map((x) => x.elementId)).toEqual(['Task_TanggapanPelapor']);
  });

  it('keeps a photo sent with the reply as data dukung, uploaded by "Pelapor"', async () => {
    const { trackingId, replyCode } = await awaitingReplyIn0502('Drainase tersumbat');
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('gambar')]);
    const res = await reply(trackingId, { code: replyCode, puas: false, text: 'Masih tersumbat, lihat foto.', photo: { filename: 'saluran.png', dataBase64: png.toString('base64') } }, '10.9.0.5');
    expect(res.status).toBe(201);
    expect(res.body.photo).toMatchObject({ filename: 'saluran.png', contentType: 'image/png', uploadedBy: 'Pelapor', size: png.length });
    const detail = (await (await as('admin-utama')).get(`/api/complaints/${trackingId}`)).body as { attachments: { id: string }[]; openTasks: TaskItem[] };
    expect(detail.attachments.map((a) => a.id)).toEqual([res.body.photo.id]);
    expect(detail.openTasks.map((x) => x.elementId)).toEqual(['Task_Telaah']);
  });
});
