import ExcelJS from 'exceljs';
import type { ComplaintRecapReport } from '../../src/contract/recap';
import { pdfPageCount, pdfText } from '../support/pdfText';
import { backends, signIn, startTestSystem, type TestSystem } from '../support/testSystem';
import { type Agent, anonymous, closeTestSystem, completeComplaintTask, deployFixture, enterComplaint, rawBody, wib } from './helpers';

jest.setTimeout(90_000);

/** The recap and its downloads: one query, one access rule. */
const RECAP_PATHS = ['/api/recap', '/api/recap.csv', '/api/recap.xlsx', '/api/recap.pdf'];

/** The reporters' identities entered below: none may show in a recap, to anyone. */
const IDENTITY = /Budi Santoso|0812-5555-0101|Siti Aminah|siti@warga\.example/;

/**
 * The periodic complaint recap (Rekap Pengaduan) through real HTTP: a quarter and a month of
 * complaints counted by channel, status and OPD, the WIB day boundaries of a period, OPD staff's
 * share, who is refused, malformed periods, the CSV, and never the reporter.
 *
 * Timeline (WIB): X on Wednesday 30 September 23:30 (third quarter); A at 00:30 on 1 October,
 * confidential, for Dinkes; on Friday 9 October A is verified late and disposed to Disdik, which
 * answers it, and E arrives already answered; on Monday 16 November B (Disdik), C (Dinkes's own
 * intake, 555/06), F (no OPD yet) and D (Kapuas Hulu).
 */
describe.each(backends)('complaint recap (%s)', (backend) => {
  let t: TestSystem;
  const as: Record<string, Agent> = {};
  const ids: Record<string, string> = {};

  const intake = async (agent: Agent, body: Record<string, unknown>) => (await enterComplaint(agent, body)).trackingId;
  const completeTask = (agent: Agent, trackingId: string, elementId: string, variables?: Record<string, unknown>) =>
    completeComplaintTask(as.auditor, agent, trackingId, elementId, variables);
  const setClock = (local: string) => as.kasi.post('/api/_clock/set').send({ at: wib(local) }).expect(200);
  const recap = async (agent: Agent, query: string) => {
    const res = await agent.get(`/api/recap?${query}`);
    expect([query, res.status, res.body.error]).toEqual([query, 200, undefined]);
    return res.body as ComplaintRecapReport;
  };
  const trackingIds = (r: ComplaintRecapReport) => r.complaints.map((c) => c.trackingId);
  const counts = <K extends string>(list: ({ count: number } & Record<string, unknown>)[], key: K) =>
    Object.fromEntries(list.filter((x) => x.count > 0).map((x) => [x[key], x.count]));

  beforeAll(async () => {
    t = await startTestSystem(backend, { SOP_CLOCK_START: '2026-09-30T23:30:00+07:00' });
    for (const u of ['admin-sistem', 'pemilik-proses', 'admin-utama', 'admin-penghubung', 'pejabat-penghubung', 'kasi', 'auditor']) as[u] = await signIn(t.system, u);
    const disdik = await as['admin-sistem']
      .post('/api/users')
      .send({ username: 'pejabat.disdik', roles: ['pejabat-penghubung'], opd: 'disdik', password: 'rahasia-panjang', email: 'pd@kapuas.example' });
    expect(disdik.status).toBe(201);
    as['pejabat.disdik'] = await signIn(t.system, 'pejabat.disdik', 'rahasia-panjang');
    for (const f of ['complaints-sop-555-01', 'complaints-sop-555-05', 'complaints-sop-555-06', 'complaints-sop-kapuas-hulu']) await deployFixture(as['pemilik-proses'], f);

    ids.x = await intake(as['admin-utama'], { opd: 'dinkes', subject: 'Di luar periode' });
    await setClock('2026-10-01T00:30:00');
    ids.a = await intake(as['admin-utama'], {
      channel: 'lapor',
      opd: 'dinkes',
      rahasia: true,
      reporter: { name: 'Budi Santoso', contact: '0812-5555-0101' },
      subject: 'Puskesmas tutup',
    });
    await setClock('2026-10-09T10:00:00');
    await completeTask(as['admin-utama'], ids.a, 'Task_Verifikasi', { lengkap: true, opd: 'disdik' });
    await completeTask(as['pejabat.disdik'], ids.a, 'Task_Jawab', { jawaban: 'Puskesmas buka kembali' });
    // A subject a spreadsheet would run as a formula.
    ids.e = await intake(as['admin-utama'], { opd: 'disdik', subject: '=1+1 Sekolah', sudahDitindaklanjuti: true, jawaban: 'Sudah ditangani' });
    await setClock('2026-11-16T09:00:00');
    ids.b = await intake(as['admin-utama'], { channel: 'sms', opd: 'disdik', subject: 'Sekolah bocor', reporter: { name: 'Siti Aminah', contact: 'siti@warga.example' } });
    ids.c = await intake(as['admin-penghubung'], { channel: 'kanal-internal-opd', subject: 'Obat kosong' });
    ids.f = await intake(as['admin-utama'], { channel: 'datang-langsung', subject: 'Lampu jalan mati' });
    ids.d = await intake(as['admin-utama'], { district: 'kapuas-hulu', channel: 'email', opd: 'kph-dinkes', subject: 'Jembatan putus' });
  });

  afterAll(async () => {
    await closeTestSystem(t);
  });

  it('answers 401 without a session', async () => {
    for (const path of RECAP_PATHS) expect([path, (await anonymous(t.system).get(path)).status]).toEqual([path, 401]);
  });

  it('counts a quarter of one district by channel, status and OPD, and lists it oldest first', async () => {
    const q4 = await recap(as.kasi, 'district=kapuas&period=2026-Q4');
    expect(q4.district).toBe('kapuas');
    expect(q4.period).toEqual({ kind: 'quarter', year: 2026, quarter: 4, from: '2026-10-01', to: '2026-12-31' });
    expect(q4.scope).toEqual({ opd: null, opdName: null });
    expect(q4.generatedAt).toBe(wib('2026-11-16T09:00:00'));
    // X came in 23:30 WIB on 30 September, an hour before A: the quarter starts at midnight WIB.
    expect(trackingIds(q4)).toEqual([ids.a, ids.e, ids.b, ids.c, ids.f]);
    expect(q4.totals).toEqual({ received: 5, answered: 2, finished: 1, open: 4, late: 2 });
    expect(counts(q4.byChannel, 'channel')).toEqual({ lapor: 1, whatsapp: 1, sms: 1, 'kanal-internal-opd': 1, 'datang-langsung': 1 });
    expect(q4.byChannel).toHaveLength(11);
    expect(q4.byStatus).toEqual([
      { status: 'diterima', count: 4 },
      { status: 'diproses', count: 0 },
      { status: 'selesai', count: 1 },
      { status: 'tidak-ditindaklanjuti', count: 0 },
      { status: 'diteruskan-ombudsman', count: 0 },
    ]);
    // A counts where the disposition sent it; the complaint without an OPD comes last.
    expect(q4.byOpd).toEqual([
      { opd: 'disdik', opdName: 'Dinas Pendidikan', received: 3, answered: 2, open: 2, late: 2 },
      { opd: 'dinkes', opdName: 'Dinas Kesehatan', received: 1, answered: 0, open: 1, late: 0 },
      { opd: null, opdName: null, received: 1, answered: 0, open: 1, late: 0 },
    ]);
    const [a, e, b] = q4.complaints;
    expect(a).toEqual({
      trackingId: ids.a,
      receivedAt: wib('2026-10-01T00:30:00'),
      channel: 'lapor',
      subject: 'Puskesmas tutup',
      opd: 'disdik',
      opdName: 'Dinas Pendidikan',
      status: 'selesai',
      answeredAt: wib('2026-10-09T10:00:00'),
      closedAt: wib('2026-10-09T10:00:00'),
      // Its verification, due a working day after it came in, was done a week later.
      late: true,
    });
    // Answered at intake; still waiting on a verification past its due date.
    expect(e).toMatchObject({ status: 'diterima', answeredAt: wib('2026-10-09T10:00:00'), closedAt: null, late: true });
    expect(b).toMatchObject({ status: 'diterima', answeredAt: null, closedAt: null, late: false, channel: 'sms' });

    // Every reader of all complaints sees the same; the other district is a recap of its own.
    expect(await recap(as.auditor, 'district=kapuas&period=2026-q4')).toEqual(q4);
    const hulu = await recap(as.kasi, 'district=kapuas-hulu&period=2026-Q4');
    expect(trackingIds(hulu)).toEqual([ids.d]);
    expect(hulu.byOpd).toEqual([{ opd: 'kph-dinkes', opdName: 'Dinas Kesehatan', received: 1, answered: 0, open: 1, late: 0 }]);
  });

  it('recaps a month, a day range and, without a period, the current quarter', async () => {
    const october = await recap(as.kasi, 'period=2026-10');
    expect(october.period).toEqual({ kind: 'month', year: 2026, month: 10, from: '2026-10-01', to: '2026-10-31' });
    expect(trackingIds(october)).toEqual([ids.a, ids.e]);
    expect(october.totals).toEqual({ received: 2, answered: 2, finished: 1, open: 1, late: 2 });
    expect(counts(october.byChannel, 'channel')).toEqual({ lapor: 1, whatsapp: 1 });
    expect(counts(october.byStatus, 'status')).toEqual({ selesai: 1, diterima: 1 });
    expect(october.byOpd.map((o) => [o.opd, o.received])).toEqual([['disdik', 2]]);

    const november = await recap(as.kasi, 'period=2026-11');
    expect(trackingIds(november)).toEqual([ids.b, ids.c, ids.f]);
    expect(november.totals).toEqual({ received: 3, answered: 0, finished: 0, open: 3, late: 0 });
    expect(trackingIds(await recap(as.kasi, 'period=2026-09'))).toEqual([ids.x]);
    expect(trackingIds(await recap(as.kasi, 'period=2026-12'))).toEqual([]);

    const firstDay = await recap(as.kasi, 'from=2026-10-01&to=2026-10-01');
    expect(firstDay.period).toEqual({ kind: 'range', from: '2026-10-01', to: '2026-10-01' });
    expect(trackingIds(firstDay)).toEqual([ids.a]);
    expect(trackingIds(await recap(as.kasi, 'from=2026-09-30&to=2026-09-30'))).toEqual([ids.x]);

    const current = await recap(as.kasi, '');
    expect(current.period).toEqual({ kind: 'quarter', year: 2026, quarter: 4, from: '2026-10-01', to: '2026-12-31' });
    expect(current.district).toBe('kapuas');
    expect(current.totals.received).toBe(5);
  });

  it("gives OPD staff their OPD's complaints only, whatever district or period they ask", async () => {
    // A was entered for Dinkes and disposed to Disdik: both OPDs follow it (as in every other list).
    const dinkes = await recap(as['pejabat-penghubung'], 'period=2026-Q4');
    expect(dinkes.scope).toEqual({ opd: 'dinkes', opdName: 'Dinas Kesehatan' });
    expect(trackingIds(dinkes)).toEqual([ids.a, ids.c]);
    expect(dinkes.totals).toEqual({ received: 2, answered: 1, finished: 1, open: 1, late: 1 });
    const disdik = await recap(as['pejabat.disdik'], 'period=2026-Q4');
    expect(trackingIds(disdik)).toEqual([ids.a, ids.e, ids.b]);
    expect(disdik.byOpd.map((o) => o.opd)).toEqual(['disdik']);
    expect(trackingIds(await recap(as['pejabat.disdik'], 'district=kapuas-hulu&period=2026-Q4'))).toEqual([]);
    const csv = (await as['pejabat.disdik'].get('/api/recap.csv?period=2026-Q4')).text;
    expect(csv).toContain(ids.b);
    expect(csv).not.toContain(ids.c);
  });

  it('refuses a user none of whose roles reads complaints, and says so in what the web app may show', async () => {
    // Every role of the catalogue reads complaints; an account left with a role outside it does not.
    await as['admin-sistem'].post('/api/users').send({ username: 'tamu', roles: ['kasi'], password: 'rahasia-panjang', email: 'tamu@kapuas.example' }).expect(201);
    await t.system.db.query(`update user_roles set role = 'pelapor' where user_id = (select id from users where username = 'tamu')`);
    const tamu = await signIn(t.system, 'tamu', 'rahasia-panjang');
    for (const path of RECAP_PATHS.map((p) => `${p}?period=2026-Q4`)) {
      const res = await tamu.get(path);
      expect([path, res.status]).toEqual([path, 403]);
      expect(res.body.detail).toMatch(/admin-utama, kasi/);
    }
    expect((await tamu.get('/api/auth/me')).body.may.recap).toBe(false);
    expect((await as.kasi.get('/api/auth/me')).body.may.recap).toBe(true);
    expect((await as['pejabat-penghubung'].get('/api/auth/me')).body.may.recap).toBe(true);
  });

  it('refuses a malformed district, period or range with 400 naming the problem', async () => {
    const cases: [string, RegExp][] = [
      ['period=2026-13', /period: period must be a month yyyy-MM or a quarter yyyy-Qn .*not "2026-13"/],
      ['period=2026-Q5', /not "2026-Q5"/],
      ['period=triwulan', /not "triwulan"/],
      ['period=2026-Q4&from=2026-10-01&to=2026-10-31', /period: give either period or from and to, not both/],
      ['from=2026-10-01', /to: a range needs both from and to/],
      ['to=2026-10-01', /from: a range needs both from and to/],
      ['from=2026-10-31&to=2026-10-01', /from: from must not be after to/],
      ['from=2025-01-01&to=2026-12-31', /to: a range may span at most 366 days/],
      ['from=2026-02-01&to=2026-02-30', /to must be a date yyyy-MM-dd, not "2026-02-30"/],
      ['district=kalteng', /unknown district "kalteng": use one of kapuas, kapuas-hulu/],
    ];
    for (const [query, detail] of cases) {
      for (const path of RECAP_PATHS) {
        const res = await as.kasi.get(`${path}?${query}`);
        expect([path, query, res.status]).toEqual([path, query, 400]);
        expect(res.body.detail).toMatch(detail);
      }
    }
    // A leap year's whole span is still one year.
    expect((await as.kasi.get('/api/recap?from=2028-01-01&to=2028-12-31')).status).toBe(200);
  });

  it("never shows a reporter's name or contact, not even to those who may see them elsewhere", async () => {
    // The Admin Utama sees a confidential reporter on the complaint itself; the kasi a plain one.
    expect(JSON.stringify((await as['admin-utama'].get(`/api/complaints/${ids.a}`)).body)).toMatch(/Budi Santoso/);
    expect(JSON.stringify((await as.kasi.get(`/api/complaints/${ids.b}`)).body)).toMatch(/Siti Aminah/);
    for (const user of ['admin-utama', 'auditor', 'kasi']) {
      for (const path of ['/api/recap?period=2026-Q4', '/api/recap.csv?period=2026-Q4']) {
        const res = await as[user].get(path);
        expect([user, path, res.status]).toEqual([user, path, 200]);
        expect(res.text).not.toMatch(IDENTITY);
      }
    }
  });

  it('downloads the list as CSV: BOM, Indonesian header, WIB times, formula-safe cells', async () => {
    const res = await as.kasi.get('/api/recap.csv?district=kapuas&period=2026-Q4').buffer(true).parse(rawBody as never);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="?rekap-pengaduan-kapuas-2026-Q4\.csv"?$/);
    const bytes = res.body as Buffer;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]).toBe('no,nomor pelacakan,diterima,kanal,perihal,opd,status,dijawab,ditutup,terlambat');
    expect(lines[1]).toBe(`1,${ids.a},2026-10-01 00:30:00,LAPOR! (SP4N),Puskesmas tutup,Dinas Pendidikan,Selesai,2026-10-09 10:00:00,2026-10-09 10:00:00,ya`);
    // The subject "=1+1 Sekolah" as a spreadsheet shows it, never as a formula.
    expect(lines[2]).toBe(`2,${ids.e},2026-10-09 10:00:00,WhatsApp,'=1+1 Sekolah,Dinas Pendidikan,Diterima,2026-10-09 10:00:00,,ya`);
    expect(lines[5]).toBe(`5,${ids.f},2026-11-16 09:00:00,Datang langsung,Lampu jalan mati,,Diterima,,,tidak`);
    expect(lines.slice(6)).toEqual(['']);

    const month = await as.kasi.get('/api/recap.csv?period=2026-11');
    expect(month.headers['content-disposition']).toMatch(/rekap-pengaduan-kapuas-2026-11\.csv/);
    const opd = await as['pejabat-penghubung'].get('/api/recap.csv?from=2026-10-01&to=2026-10-15');
    expect(opd.headers['content-disposition']).toMatch(/rekap-pengaduan-kapuas-dinkes-2026-10-01_2026-10-15\.csv/);
  });

  const download = async (agent: Agent, path: string) => {
    const res = await agent.get(path).buffer(true).parse(rawBody as never);
    expect([path, res.status]).toEqual([path, 200]);
    return res;
  };
  const workbook = async (bytes: Buffer) => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes as never);
    return book;
  };
  /** The rows of a sheet as plain arrays (exceljs counts columns from 1). */
  const rowsOf = (sheet: ExcelJS.Worksheet) => {
    const rows: unknown[][] = [];
    sheet.eachRow({ includeEmpty: true }, (row, n) => (rows[n - 1] = (row.values as unknown[]).slice(1)));
    return rows;
  };
  /** The number in the column after `label` in the first row that starts with it. */
  const numberBeside = (rows: unknown[][], label: string, from = 0) => rows.slice(from).find((r) => r[0] === label)?.[1];

  it('downloads the recap as XLSX: title rows, Indonesian headings, numbers as numbers, WIB times as dates, totals of /api/recap', async () => {
    const json = await recap(as.kasi, 'district=kapuas&period=2026-Q4');
    const res = await download(as.kasi, '/api/recap.xlsx?district=kapuas&period=2026-Q4');
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="?rekap-pengaduan-kapuas-2026-Q4\.xlsx"?$/);
    const book = await workbook(res.body as Buffer);
    expect(book.worksheets.map((w) => w.name)).toEqual(['Ringkasan', 'Daftar Pengaduan']);

    const summary = book.getWorksheet('Ringkasan')!;
    const sums = rowsOf(summary);
    expect(sums[0][0]).toBe('Rekap Pengaduan LAPOR!-SP4N Kabupaten Kapuas');
    expect(sums[1][0]).toBe('Periode: Triwulan IV 2026 (1 Oktober 2026 s.d. 31 Desember 2026)');
    expect(sums[2][0]).toBe('Semua OPD');
    expect(sums[3][0]).toBe('Dibuat 16 November 2026 09:00 WIB');
    // The totals, as numbers, are /api/recap's.
    const totals = { received: 'Pengaduan diterima', answered: 'Ditindaklanjuti', finished: 'Ditutup', open: 'Masih terbuka', late: 'Terlambat' };
    expect(Object.fromEntries(Object.entries(totals).map(([k, label]) => [k, numberBeside(sums, label)]))).toEqual(json.totals);
    const channelsAt = sums.findIndex((r) => r[0] === 'Kanal');
    expect(sums[channelsAt]).toEqual(['Kanal', 'Jumlah']);
    expect(numberBeside(sums, 'LAPOR! (SP4N)', channelsAt)).toBe(1);
    expect(numberBeside(sums, 'Surel (e-mail)', channelsAt)).toBe(0);
    expect(numberBeside(sums, 'Selesai')).toBe(1);
    const opdAt = sums.findIndex((r) => r[0] === 'OPD');
    expect(sums[opdAt]).toEqual(['OPD', 'Diterima', 'Ditindaklanjuti', 'Terbuka', 'Terlambat']);
    expect(sums.slice(opdAt + 1, opdAt + 4)).toEqual([
      ['Dinas Pendidikan', 3, 2, 2, 2],
      ['Dinas Kesehatan', 1, 0, 1, 0],
      ['(belum ada OPD)', 1, 0, 1, 0],
    ]);
    expect(summary.getCell(`B${opdAt + 2}`).type).toBe(ExcelJS.ValueType.Number);

    const list = book.getWorksheet('Daftar Pengaduan')!;
    const rows = rowsOf(list);
    expect(rows[0][0]).toBe('Rekap Pengaduan LAPOR!-SP4N Kabupaten Kapuas');
    expect(rows[1][0]).toMatch(/Triwulan IV 2026/);
    const headerAt = rows.findIndex((r) => r[0] === 'No.');
    expect(rows[headerAt]).toEqual(['No.', 'Nomor pelacakan', 'Diterima', 'Kanal', 'Perihal', 'OPD', 'Status', 'Dijawab', 'Ditutup', 'Terlambat']);
    // The header stays on screen while the list scrolls.
    expect(list.views[0]).toMatchObject({ state: 'frozen', ySplit: headerAt + 1 });
    const listed = rows.slice(headerAt + 1);
    expect(listed.map((r) => r[1])).toEqual(json.complaints.map((c) => c.trackingId));
    // A's times are WIB wall-clock times in date cells (a spreadsheet date has no zone).
    expect(listed[0].slice(0, 10)).toEqual([
      1,
      ids.a,
      new Date('2026-10-01T00:30:00Z'),
      'LAPOR! (SP4N)',
      'Puskesmas tutup',
      'Dinas Pendidikan',
      'Selesai',
      new Date('2026-10-09T10:00:00Z'),
      new Date('2026-10-09T10:00:00Z'),
      'Ya',
    ]);
    const received = list.getCell(headerAt + 2, 3);
    expect(received.type).toBe(ExcelJS.ValueType.Date);
    expect(received.numFmt).toBe('dd/mm/yyyy hh:mm');
    expect(list.getCell(headerAt + 2, 1).type).toBe(ExcelJS.ValueType.Number);
    // "=1+1 Sekolah" is text, never a formula.
    const subject = list.getCell(headerAt + 3, 5);
    expect([subject.type, subject.value]).toEqual([ExcelJS.ValueType.String, '=1+1 Sekolah']);
    // F has no OPD, answer or end yet: empty cells.
    expect(listed[4].slice(5, 10)).toEqual([undefined, 'Diterima', undefined, undefined, 'Tidak']);
    // Columns wide enough for what they hold.
    expect(list.getColumn(2).width).toBeGreaterThanOrEqual(ids.a.length);
    expect(list.getColumn(3).width).toBeGreaterThanOrEqual(16);

    const cellTexts = JSON.stringify([rows, sums]);
    expect(cellTexts).not.toMatch(IDENTITY);

    // An OPD's share says so in the title rows and its name.
    const dinkes = await download(as['pejabat-penghubung'], '/api/recap.xlsx?period=2026-11');
    expect(dinkes.headers['content-disposition']).toMatch(/rekap-pengaduan-kapuas-dinkes-2026-11\.xlsx/);
    const dinkesRows = rowsOf((await workbook(dinkes.body as Buffer)).getWorksheet('Daftar Pengaduan')!);
    expect(dinkesRows[1][0]).toBe('Periode: November 2026 (1 November 2026 s.d. 30 November 2026)');
    expect(dinkesRows[2][0]).toBe('OPD: Dinas Kesehatan');
    expect(dinkesRows.slice(dinkesRows.findIndex((r) => r[0] === 'No.') + 1).map((r) => r[1])).toEqual([ids.c]);
  });

  it('downloads the recap as an A4 PDF with the district, the period, the tables and page numbers', async () => {
    const json = await recap(as.kasi, 'district=kapuas&period=2026-Q4');
    const res = await download(as.kasi, '/api/recap.pdf?district=kapuas&period=2026-Q4');
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="?rekap-pengaduan-kapuas-2026-Q4\.pdf"?$/);
    const pdf = res.body as Buffer;
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // A4 in points, and only the standard fonts: none embedded.
    expect(pdf.toString('latin1')).toMatch(/\/MediaBox \[0 0 595\.28 841\.89\]/);
    expect(pdf.toString('latin1')).toMatch(/\/BaseFont \/Helvetica\b/);
    expect(pdf.toString('latin1')).not.toMatch(/\/FontFile/);
    const pages = pdfPageCount(pdf);
    expect(pages).toBeGreaterThanOrEqual(1);
    const lines = pdfText(pdf);
    expect(lines).toContain('Rekap Pengaduan LAPOR!-SP4N Kabupaten Kapuas');
    expect(lines).toContain('Periode: Triwulan IV 2026 (1 Oktober 2026 s.d. 31 Desember 2026)');
    expect(lines).toContain('Dibuat 16 November 2026 09:00 WIB');
    for (const h of ['Jumlah pengaduan', 'Menurut kanal', 'Menurut status', 'Tindak lanjut OPD', 'Daftar pengaduan', 'Nomor pelacakan', 'Diperiksa dan diparaf Kasi']) expect(lines).toContain(h);
    // The totals of /api/recap, each beside its label.
    const beside = (label: string) => lines[lines.indexOf(label) + 1];
    expect([beside('Pengaduan diterima'), beside('Ditutup'), beside('Masih terbuka')]).toEqual([json.totals.received, json.totals.finished, json.totals.open].map(String));
    for (const c of json.complaints) expect(lines).toContain(c.trackingId);
    expect(lines).toContain('=1+1 Sekolah');
    expect(lines).toContain(`Halaman 1 dari ${pages}`);
    expect(lines.join('\n')).not.toMatch(IDENTITY);

    const hulu = pdfText((await download(as.kasi, '/api/recap.pdf?district=kapuas-hulu&from=2026-11-01&to=2026-11-30')).body as Buffer);
    expect(hulu).toContain('Rekap Pengaduan LAPOR!-SP4N Kabupaten Kapuas Hulu');
    expect(hulu).toContain('Periode: 1 November 2026 s.d. 30 November 2026');
    expect(hulu).toContain(ids.d);
    expect(hulu).not.toContain(ids.b);
  });
});
