import { createHash } from 'node:crypto';
import zlib from 'node:zlib';
import { backends, signIn, startTestSystem, type TestSystem } from '../support/testSystem';
import { type Agent, anonymous, closeTestSystem, deployFixture } from './helpers';

jest.setTimeout(60_000);

const MB = 1024 * 1024;

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const b of bytes) {
    let c = (crc ^ b) & 0xff;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    crc = (crc >>> 8) ^ c;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A real 1×1 RGBA PNG: signature, IHDR, one deflated scanline, IEND. */
function tinyPng(): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(1, 0); // width
  header.writeUInt32BE(1, 4); // height
  header.writeUInt8(8, 8); // bit depth
  header.writeUInt8(6, 9); // colour type RGBA
  const scanline = Buffer.from([0, 0xd3, 0x2f, 0x2f, 0xff]); // filter 0, one red pixel
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', zlib.deflateSync(scanline)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

const tinyPdf = () => Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');
const tinyJpeg = () => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF\0', 'latin1'), Buffer.alloc(32), Buffer.from([0xff, 0xd9])]);

/** supertest hands binary bodies over as Buffers only when told to. */
const binary = (res: NodeJS.EventEmitter, done: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

/** Data dukung: upload as base64 JSON, checked by content, stored in the database, downloaded byte for byte. */
describe.each(backends)('complaint attachments (%s)', (backend) => {
  let t: TestSystem;
  const as: Record<string, Agent> = {};
  let trackingId: string;

  const stored = async () => (await t.system.db.query<{ n: number }>('select count(*)::int as n from complaint_attachments')).rows[0].n;
  const upload = (agent: Agent, body: Record<string, unknown>, id = trackingId) => agent.post(`/api/complaints/${id}/attachments`).send(body);
  const file = (filename: string, contentType: string, data: Buffer) => ({ filename, contentType, dataBase64: data.toString('base64') });

  beforeAll(async () => {
    t = await startTestSystem(backend);
    for (const u of ['admin-sistem', 'pemilik-proses', 'admin-utama', 'pejabat-penghubung', 'kasi']) as[u] = await signIn(t.system, u);
    await as['admin-sistem']
      .post('/api/users')
      .send({ username: 'pejabat.disdik', password: 'rahasia-panjang', email: 'pejabat.disdik@kapuas.example', roles: ['pejabat-penghubung'], opd: 'disdik' })
      .expect(201);
    as['pejabat.disdik'] = await signIn(t.system, 'pejabat.disdik', 'rahasia-panjang');
    await deployFixture(as['pemilik-proses'], 'complaints-sop-555-05');
    const created = await as['admin-utama']
      .post('/api/complaints')
      .send({ channel: 'datang-langsung', subject: 'Atap puskesmas bocor', description: 'Foto terlampir', opd: 'dinkes' });
    expect(created.status).toBe(201);
    trackingId = created.body.trackingId;
  });

  afterAll(async () => {
    await closeTestSystem(t);
  });

  it('accepts a real PNG and gives back the identical bytes as a download', async () => {
    const png = tinyPng();
    const res = await upload(as['admin-utama'], file('foto-atap.png', 'image/png', png));
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      filename: 'foto-atap.png',
      contentType: 'image/png',
      size: png.length,
      sha256: createHash('sha256').update(png).digest('hex'),
      uploadedBy: 'admin-utama',
      createdAt: expect.any(String),
    });

    const listed = (await as.kasi.get(`/api/complaints/${trackingId}`)).body.attachments;
    expect(listed).toEqual([res.body]);

    // The OPD's liaison officer (the complaint is Dinkes's) downloads it.
    const download = await as['pejabat-penghubung'].get(`/api/complaints/${trackingId}/attachments/${res.body.id}`).buffer(true).parse(binary);
    expect(download.status).toBe(200);
    expect(download.headers['content-type']).toBe('image/png');
    expect(download.headers['content-disposition']).toMatch(/^attachment; filename="?foto-atap\.png"?$/);
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(Buffer.compare(download.body as Buffer, png)).toBe(0);
  });

  it('accepts PDF and JPEG by their first bytes, and keeps only the file name of a path', async () => {
    const pdf = await upload(as['admin-utama'], file('BA Pemeriksaan.pdf', 'application/pdf', tinyPdf()));
    expect(pdf.status).toBe(201);
    const jpeg = await upload(as['pejabat-penghubung'], file('C:\\Users\\staf\\..\\lokasi.jpg', 'image/jpeg', tinyJpeg()));
    expect(jpeg.status).toBe(201);
    expect(jpeg.body).toMatchObject({ filename: 'lokasi.jpg', contentType: 'image/jpeg', uploadedBy: 'pejabat-penghubung' });
    const traversal = await upload(as['admin-utama'], file('../../etc/passwd.png', 'image/png', tinyPng()));
    expect(traversal.body.filename).toBe('passwd.png');

    const download = await as.kasi.get(`/api/complaints/${trackingId}/attachments/${pdf.body.id}`).buffer(true).parse(binary);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-disposition']).toBe('attachment; filename="BA Pemeriksaan.pdf"');
    expect(Buffer.compare(download.body as Buffer, tinyPdf())).toBe(0);
  });

  it('stores a file under an extension that matches its content, keeping the rest of its name', async () => {
    const named = async (filename: string, type: string, data: Buffer) => (await upload(as['admin-utama'], file(filename, type, data))).body.filename;
    expect(await named('foto.exe', 'image/jpeg', tinyJpeg())).toBe('foto.jpg');
    expect(await named('scan', 'application/pdf', tinyPdf())).toBe('scan.pdf');
    expect(await named('Surat Camat.PDF', 'application/pdf', tinyPdf())).toBe('Surat Camat.PDF');
    expect(await named('kamera.jpeg', 'image/jpeg', tinyJpeg())).toBe('kamera.jpeg');
    expect(await named('denah.html', 'image/png', tinyPng())).toBe('denah.png');
    expect(await named('laporan.tahap.2.svg', 'image/png', tinyPng())).toBe('laporan.tahap.2.png');
    expect(await named('.htaccess', 'image/png', tinyPng())).toBe('.htaccess.png');
  });

  it('refuses a file whose content is not what it claims, or not an accepted type, storing nothing', async () => {
    const before = await stored();
    const text = await upload(as['admin-utama'], file('foto.png', 'image/png', Buffer.from('ini bukan gambar, hanya teks biasa\n')));
    expect(text.status).toBe(400);
    expect(text.body.error).toBe("the file's content is not image/png");

    const pngAsJpeg = await upload(as['admin-utama'], file('foto.jpg', 'image/jpeg', tinyPng()));
    expect(pngAsJpeg.status).toBe(400);
    expect(pngAsJpeg.body.detail).toMatch(/image\/png/);

    const gif = await upload(as['admin-utama'], file('anim.gif', 'image/gif', Buffer.from('GIF89a')));
    expect(gif.status).toBe(400);
    expect(gif.body.detail).toMatch(/contentType.*"image\/gif"/);

    const html = await upload(as['admin-utama'], file('x.pdf', 'application/pdf', Buffer.from('<html><script>alert(1)</script>')));
    expect(html.status).toBe(400);

    for (const body of [
      { filename: 'a.png', contentType: 'image/png', dataBase64: 'bukan base64!!' },
      { filename: 'a.png', contentType: 'image/png', dataBase64: '' },
      { filename: '', contentType: 'image/png', dataBase64: tinyPng().toString('base64') },
      { filename: '..', contentType: 'image/png', dataBase64: tinyPng().toString('base64') },
      { filename: 'a.png', contentType: 'image/png' },
      { ...file('a.png', 'image/png', tinyPng()), extra: 1 },
    ]) {
      const res = await upload(as['admin-utama'], body);
      expect([JSON.stringify(body).slice(0, 60), res.status]).toEqual([JSON.stringify(body).slice(0, 60), 400]);
    }
    expect(await stored()).toBe(before);
  });

  it('takes a file of exactly 5 MB and refuses a larger one with 413', async () => {
    const before = await stored();
    const limit = Buffer.alloc(5 * MB);
    tinyPng().copy(limit);
    const atLimit = await upload(as['admin-utama'], file('besar.png', 'image/png', limit));
    expect(atLimit.status).toBe(201);
    expect(atLimit.body.size).toBe(5 * MB);
    const back = await as['admin-utama'].get(`/api/complaints/${trackingId}/attachments/${atLimit.body.id}`).buffer(true).parse(binary);
    expect(createHash('sha256').update(back.body as Buffer).digest('hex')).toBe(atLimit.body.sha256);

    const over = Buffer.alloc(5 * MB + 1);
    tinyPng().copy(over);
    const tooLarge = await upload(as['admin-utama'], file('terlalu-besar.png', 'image/png', over));
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body.detail).toMatch(/5 MB/);
    expect(tooLarge.body).toMatchObject({ code: 'attachment.tooLarge', params: { maxMb: 5 } });
    // A file well over (its base64 larger than the 5 MB file's) still hears of the file's limit, not the body's.
    const eight = await upload(as['admin-utama'], file('delapan.pdf', 'application/pdf', Buffer.alloc(8 * MB)));
    expect(eight.body).toMatchObject({ code: 'attachment.tooLarge', params: { maxMb: 5 } });

    // Far beyond: the body parser stops it before it is read whole, and says its own limit.
    const huge = await upload(as['admin-utama'], file('raksasa.pdf', 'application/pdf', Buffer.alloc(12 * MB)));
    expect(huge.status).toBe(413);
    expect(huge.body.code).toBe('request.tooLarge');
    expect(huge.body.params.maxMb).toBeGreaterThan(10);
    expect(await stored()).toBe(before + 1);
  });

  it('keeps attachments to those who may see the complaint', async () => {
    const [first] = (await as.kasi.get(`/api/complaints/${trackingId}`)).body.attachments as { id: string }[];
    expect((await as['pejabat.disdik'].get(`/api/complaints/${trackingId}/attachments/${first.id}`)).status).toBe(403);
    expect((await upload(as['pejabat.disdik'], file('x.png', 'image/png', tinyPng()))).status).toBe(403);
    expect((await anonymous(t.system).get(`/api/complaints/${trackingId}/attachments/${first.id}`)).status).toBe(401);
    expect((await anonymous(t.system).post(`/api/complaints/${trackingId}/attachments`).send(file('x.png', 'image/png', tinyPng()))).status).toBe(401);
  });

  it('answers 404 for an unknown complaint or attachment', async () => {
    const [first] = (await as.kasi.get(`/api/complaints/${trackingId}`)).body.attachments as { id: string }[];
    expect((await upload(as['admin-utama'], file('x.png', 'image/png', tinyPng()), 'KPS-2026-999999')).status).toBe(404);
    expect((await as.kasi.get(`/api/complaints/KPS-2026-999999/attachments/${first.id}`)).status).toBe(404);
    expect((await as.kasi.get(`/api/complaints/${trackingId}/attachments/00000000-0000-4000-8000-000000000000`)).status).toBe(404);
    expect((await as.kasi.get(`/api/complaints/${trackingId}/attachments/bukan-uuid`)).status).toBe(404);
  });
});
