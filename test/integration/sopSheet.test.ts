import fs from 'node:fs';
import path from 'node:path';
import { pdfText } from '../support/pdfText';
import { backends, signIn, startTestSystem, type TestSystem } from '../support/testSystem';
import { type Agent, anonymous, closeTestSystem, rawBody } from './helpers';

jest.setTimeout(90_000);

const SOP_555_05 = fs.readFileSync(path.resolve(__dirname, '..', '..', 'processes', 'sop-555-05.bpmn'), 'utf8');
const SHEET = (v: number) => `/api/process-definitions/sop-555-05/versions/${v}/sop-sheet`;

/** The six activities of the source sheet SOP 555/05, in its order, and the branch 3a. */
const ROWS: [string, string, string][] = [
  ['1', 'Menerima Laporan melalui Kanal di Luar LAPOR', ''],
  ['2', 'Laporan Diverifikasi oleh Admin Utama', '1 hari'],
  ['3', 'Admin Utama Menginput Laporan dengan Form Manual LAPOR', '15 menit'],
  ['3a', 'Input Jawaban Langsung', ''],
  ['4', 'Memastikan Laporan Lengkap dan Arahan Disposisi ke SKPD', '15 menit'],
  ['5', 'Admin Utama Mendisposisi ke SKPD yang Berwenang', '15 menit'],
  ['6', 'Admin Penghubung Menerima Aduan dan Melakukan Penginputan', '3 hari'],
];

const decode = (s: string) => s.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'");
const cellText = (html: string) => decode(html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim());

/** The procedure rows of the HTML sheet: [no, activity, time] of each numbered row. */
function numberedRows(html: string): [string, string, string][] {
  const out: [string, string, string][] = [];
  for (const m of html.matchAll(/<tr class="(?:activity|decision)" data-row="([^"]*)"[^>]*>([\s\S]*?)<\/tr>/g)) {
    const activity = /<td class="activity">([\s\S]*?)<\/td>/.exec(m[2])![1];
    const time = /<td class="time">([\s\S]*?)<\/td>/.exec(m[2])![1];
    out.push([m[1], cellText(activity), cellText(time)]);
  }
  return out;
}

/**
 * The SOP sheet (Lembar SOP) of a deployed version through real HTTP: the identity block, the
 * procedure rows in the SOP's order with their time standards, the lanes as Pelaksana columns, the
 * PDF's text, and that each version keeps its own sheet after a new deployment changes a time.
 */
describe.each(backends)('SOP sheet (%s)', (backend) => {
  let t: TestSystem;
  const as: Record<string, Agent> = {};

  beforeAll(async () => {
    t = await startTestSystem(backend);
    for (const u of ['pemilik-proses', 'auditor', 'kasi']) as[u] = await signIn(t.system, u);
    const res = await as['pemilik-proses'].post('/api/deployments').send({ name: 'sop-555-05.bpmn', xml: SOP_555_05 });
    expect([res.status, res.body.version]).toEqual([201, 1]);
  });

  afterAll(async () => {
    await closeTestSystem(t);
  });

  it('lists the activities of SOP 555/05 in order with their times, its lanes as Pelaksana and its number', async () => {
    const res = await as['pemilik-proses'].get(SHEET(1));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    const html = res.text;
    expect(numberedRows(html).slice(0, ROWS.length)).toEqual(ROWS);
    // The call into SOP 555/01 is the last step; the start and the three ends are terminators.
    expect(numberedRows(html)[ROWS.length]).toEqual(['7', 'Penanganan Pengaduan LAPOR!-SP4N (SOP 555/01)', '']);
    expect([...html.matchAll(/<tr class="terminator"/g)]).toHaveLength(4);
    expect([...html.matchAll(/<th data-part="lane">([^<]*)<\/th>/g)].map((m) => m[1])).toEqual(['Admin Utama', 'Admin Penghubung', 'Kasi (Pejabat)']);
    // Row 4 is the Kasi's: its shape stands in the third Pelaksana column.
    expect(html).toMatch(/data-row="4"[\s\S]*?data-shape="activity" data-lane="2"/);
    // Decisions with their Ya/Tidak branches.
    expect(html).toMatch(/data-row="2"[\s\S]*?data-shape="decision"[\s\S]*?>Ya<[\s\S]*?>Tidak</);
    const field = (name: string) => cellText(new RegExp(`<td[^>]*data-field="${name}">([\\s\\S]*?)</td>`).exec(html)![1]);
    expect(field('number')).toBe('555/05/IKP/XII/2024');
    expect(field('title')).toBe('Pengelolaan pengaduan melalui kanal diluar LAPOR oleh admin utama');
    expect(field('dateMade')).toBe('07 Desember 2023');
    expect(field('dateRevised')).toBe('-');
    expect(field('approvedBy')).toMatch(/^Sekretaris Daerah Kabupaten Kapuas, Drs. SEPTEDY/);
    expect(field('related')).toBe('Pengelolaan Pengaduan Melalui Kanal Diluar LAPOR oleh Admin Utama');
    expect(field('warnings')).toBe('Laporan yang tidak lengkap tidak bisa ditindaklanjuti Jika SOP ini tidak dijalankan maka proses penanganan pengaduan tidak bisa dilaksanakan');
    expect(field('equipment')).toBe('Jaringan Internet Komputer, Laptop, Handphone');
    expect(field('legalBasis')).toMatch(/^Peraturan Presiden Nomor 76 Tahun 2013/);
    expect(field('qualifications')).toMatch(/Mampu mengoperasikan komputer/);
    expect(field('records')).toMatch(/^Semua pengaduan harus dicatat/);
    // The version and its deployment (the test clock: Monday 16 November 2026, 08.00 WIB).
    expect(cellText(html)).toContain('Dibuat dari diagram sop-555-05 versi 1, dipasang 16 November 2026 08.00 WIB');
    // Nothing runs in the sheet, and only the app's own pages may frame it.
    expect(html).not.toMatch(/<script/i);
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'self'");
  });

  it('writes the same sheet as a PDF whose text carries the activities and times', async () => {
    const res = await as.auditor.get(`${SHEET(1)}.pdf`).buffer(true).parse(rawBody as never);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toContain('lembar-sop-sop-555-05-v1.pdf');
    const body = res.body as Buffer;
    expect(body.subarray(0, 5).toString()).toBe('%PDF-');
    // Cells wrap, so the activities are looked for in the joined text.
    const text = pdfText(body).join(' ').replace(/\s+/g, ' ');
    let from = 0;
    for (const [, activity] of ROWS) {
      const words = activity.split(' ').slice(0, 3).join(' ');
      const at = text.indexOf(words, from);
      expect([activity, at >= 0]).toEqual([activity, true]);
      from = at;
    }
    for (const s of ['555/05/IKP/XII/2024', '1 hari', '15 menit', '3 hari', 'Admin Penghubung', 'Kasi (Pejabat)', 'versi 1']) expect([s, text.includes(s)]).toEqual([s, true]);
  });

  it('keeps each version its own sheet: a new time standard shows in the new version only', async () => {
    const changed = SOP_555_05.replace('Waktu: 3 hari', 'Waktu: 5 hari').replace('name="Lewat 3 hari"', 'name="Lewat 5 hari"').replace(/camunda:dueDate="P3D"/, 'camunda:dueDate="P5D"').replace(/<bpmn:timeDuration xsi:type="bpmn:tFormalExpression">P3D</, '<bpmn:timeDuration xsi:type="bpmn:tFormalExpression">P5D<');
    expect(changed).not.toBe(SOP_555_05);
    await as.kasi.post('/api/_clock/set').send({ at: '2026-11-18T10:30:00+07:00' }).expect(200);
    const res = await as['pemilik-proses'].post('/api/deployments').send({ name: 'sop-555-05.bpmn', xml: changed });
    expect([res.status, res.body.version]).toEqual([201, 2]);

    const v2 = (await as.kasi.get(SHEET(2)).expect(200)).text;
    const v1 = (await as.kasi.get(SHEET(1)).expect(200)).text;
    const sixth = (html: string) => numberedRows(html).find(([no]) => no === '6');
    expect(sixth(v2)).toEqual(['6', 'Admin Penghubung Menerima Aduan dan Melakukan Penginputan', '5 hari']);
    expect(sixth(v1)).toEqual(['6', 'Admin Penghubung Menerima Aduan dan Melakukan Penginputan', '3 hari']);
    expect(cellText(v2)).toContain('versi 2, dipasang 18 November 2026 10.30 WIB');
    const pdf2 = pdfText((await as.kasi.get(`${SHEET(2)}.pdf`).buffer(true).parse(rawBody as never).expect(200)).body as Buffer).join(' ');
    expect(pdf2).toContain('5 hari');
    expect(pdf2).not.toContain('3 hari');
  });

  it('answers 404 for an unknown version or key and 401 without a session', async () => {
    await as.kasi.get(SHEET(9)).expect(404);
    await as.kasi.get('/api/process-definitions/tidak-ada/versions/1/sop-sheet.pdf').expect(404);
    await as.kasi.get('/api/process-definitions/sop-555-05/versions/abc/sop-sheet').expect(404);
    await as.kasi.get('/api/process-definitions/sop-555-05/versions/99999999999/sop-sheet').expect(404);
    expect((await anonymous(t.system).get(SHEET(1))).status).toBe(401);
    expect((await anonymous(t.system).get(`${SHEET(1)}.pdf`)).status).toBe(401);
  });
});
