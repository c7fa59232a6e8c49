import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { PHONE, screenshot, signedIn } from './support/browser';
import { useServerAndBrowser } from './support/server';

/**
 * One complaint's whole journey in the browser, as the SOP's people do it on their own machines:
 * a process owner changes a time standard of 555/05 and deploys version 2; the Admin Utama enters
 * a WhatsApp complaint; each SOP role takes it through 555/05 → 555/01 → 555/02 (verification,
 * disposition, the OPD's follow-up, the answer); a task turns red once the clock passes its due
 * time; an auditor reads the instance; the public page shows the status without the reporter.
 * The steps depend on each other, so they run in order on one server.
 */

const w = useServerAndBrowser();
const people = new Map<string, { context: BrowserContext; page: Page }>();
let trackingId = '';

const REPORTER = { name: 'Budi Santoso', contact: '0813-5555-0199' };
const PHOTO = path.resolve(__dirname, '..', '..', 'docs', 'diagrams', 'sop-555-02.png');


/** The browser of one demo user (username = role id), signed in once and kept. */
async function as(username: string): Promise<Page> {
  let p = people.get(username);
  if (!p) {
    p = await signedIn(w.browser, w.server.url, username);
    people.set(username, p);
  }
  return p.page;
}

/** Decisions and entries for a task form: `true`/`false` pick Ya/Tidak, strings fill or select. */
type FormInput = Record<string, string | boolean>;
/** In a FormInput: a file to upload to the complaint (e.g. a photo for the BA pemeriksaan). */
const UPLOAD = '__upload';

/**
 * Finds the task in the user's group worklist by the tracking ID, opens it, claims it, fills its
 * form and completes it, as staff do.
 */
/** Sets the shared workflow clock (the server's manual clock), as a trainer or a test does. */
async function clockTo(wib: string): Promise<void> {
  const api = await w.server.api('kasi');
  const res = await api.call('POST', '/api/_clock/set', { at: `${wib}+07:00` });
  expect(res.status).toBe(200);
}

/** The SLA badge of the task named `taskName` in the user's group worklist, freshly loaded. */
async function slaBadge(page: Page, taskName: string) {
  await page.goto('/#/tugas');
  await page.reload();
  await page.getByRole('tab', { name: /Tugas kelompok/ }).click();
  await page.getByLabel('Cari nomor lacak atau teks').fill(trackingId);
  await page.getByRole('button', { name: 'Cari', exact: true }).click();
  const item = page.getByTestId(/^task-/).filter({ has: page.getByRole('link', { name: taskName, exact: true }) });
  await item.waitFor();
  return item.getByTestId(/^sla-/);
}

/**
 * "Mentelaah …" has 5 working days (reminder at 3). It arrived on Monday 16 November 08:00 WIB:
 * green at first, amber from Thursday 19 November 08:00, red from Monday 23 November 08:00.
 */
async function slaTurnsAmberThenRed(): Promise<void> {
  const page = await as('pejabat-penghubung');
  const name = 'Mentelaah, Mengkonfirmasi dan Mengklarifikasi Laporan';
  let badge = await slaBadge(page, name);
  expect(await badge.getAttribute('class')).toContain('sla-green');
  expect(await badge.textContent()).toContain('sisa 5 hari kerja');
  await clockTo('2026-11-19T09:00:00');
  badge = await slaBadge(page, name);
  expect(await badge.getAttribute('class')).toContain('sla-amber');
  await clockTo('2026-11-23T09:00:00');
  badge = await slaBadge(page, name);
  expect(await badge.getAttribute('class')).toContain('sla-red');
  expect(await badge.textContent()).toContain('terlambat 1 jam kerja');
  await screenshot(page, 'worklist-overdue');

  // The dashboard counts it as overdue for its OPD and its role.
  const auditor = await as('auditor');
  await auditor.goto('/#/dasbor');
  await auditor.reload();
  await auditor.getByTestId('dashboard-generated-at').waitFor();
  expect(await auditor.getByTestId('table-overdue-opd').locator('tbody tr').allTextContents()).toEqual([expect.stringContaining('Dinas Kesehatan')]);
  expect(await auditor.getByTestId('table-overdue-role').textContent()).toContain('Pejabat Penghubung');
  expect(await auditor.locator('[data-testid^="chart-"] canvas').count()).toBe(4);
  await screenshot(auditor, 'dashboard');
}

async function work(username: string, taskName: string, input: FormInput = {}, shot?: string): Promise<void> {
  const page = await as(username);
  await page.goto('/#/tugas');
  await page.reload();
  await page.getByRole('tab', { name: /Tugas kelompok/ }).click();
  await page.getByLabel('Cari nomor lacak atau teks').fill(trackingId);
  await page.getByRole('button', { name: 'Cari', exact: true }).click();
  const link = page.getByRole('link', { name: taskName, exact: true });
  await link.first().waitFor({ timeout: 30_000 });
  if (shot) await screenshot(page, `${shot}-worklist`);
  await link.first().click();
  await page.getByRole('button', { name: 'Ambil tugas', exact: true }).click();
  await page.getByRole('button', { name: 'Lepaskan tugas' }).waitFor();
  for (const [field, value] of Object.entries(input)) {
    if (field === UPLOAD) {
      // As a person does it: the button (the label over the hidden input) opens the file chooser.
      const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByText('Pilih berkas (JPEG, PNG, PDF)').click()]);
      await chooser.setFiles(String(value));
      await page.locator('[data-testid="uploads"] li[data-status="done"]').waitFor();
      await page.getByTestId('attachments').locator('img').first().waitFor();
    } else if (typeof value === 'boolean') {
      await page.getByTestId(`field-${field}-${value}`).check();
    } else {
      const control = page.getByTestId(`field-${field}`);
      if ((await control.evaluate((el) => el.tagName)) === 'SELECT') await control.selectOption(value);
      else await control.fill(value);
    }
  }
  if (shot) await screenshot(page, `${shot}-task`);
  await page.getByTestId('task-complete').click();
  // Back on the list, or straight on to the next step of the same complaint when it waits for them.
  await page.locator('[data-testid="completed-notice"], [data-testid="next-step-notice"]').first().waitFor();
}

it('a process owner changes a time standard in SOP 555/05 and deploys it as version 2', async () => {
  const page = await as('pemilik-proses');
  await page.goto('/#/proses/sop-555-05');
  await page.locator('[data-testid="modeler-canvas"] [data-element-id="Task_Verifikasi"]').waitFor();
  // "Laporan Diverifikasi oleh Admin Utama": 1 hari becomes 2 hari.
  await page.getByTestId('element-picker').selectOption('Task_Verifikasi');
  const due = page.getByLabel('Waktu (standar waktu tugas)');
  expect(await due.inputValue()).toBe('1 hari');
  await due.fill('2 hari');
  await due.blur();
  await screenshot(page, 'modeler');
  // …and with it its boundary timer "Lewat 1 hari", which tells the Kasi when the task is late.
  await page.getByTestId('element-picker').selectOption('Task_Verifikasi_Lewat');
  const timerGroup = page.locator('[data-group-id="group-timer"]');
  const timerValue = timerGroup.locator('#bio-properties-panel-timerEventDefinitionValue');
  if (!(await timerValue.isVisible())) await timerGroup.locator('.bio-properties-panel-group-header').click();
  expect(await timerValue.inputValue()).toBe('P2D');
  await page.getByTestId('deploy').click();
  await page.getByTestId('editor-status').filter({ hasText: 'Versi 2 terpasang' }).waitFor();

  await page.goto('/#/proses/sop-555-05/banding?a=1&b=2');
  const change = page.getByTestId('change-item-Task_Verifikasi');
  await change.waitFor();
  expect(await change.textContent()).toContain('P1D → P2D');
  expect(await page.getByTestId('change-item-Task_Verifikasi_Lewat').textContent()).toContain('P1D → P2D');
  await page.locator('[data-testid="compare-canvas-b"] [data-element-id="Task_Verifikasi"].diff-changed').waitFor();
  await screenshot(page, 'modeler-compare');
});

it('the Admin Utama enters a WhatsApp complaint and gets its tracking ID', async () => {
  const page = await as('admin-utama');
  await page.goto('/#/pengaduan/baru');
  await page.getByLabel('Kanal pengaduan').selectOption('whatsapp');
  await page.getByLabel('Nama pelapor').fill(REPORTER.name);
  await page.getByLabel('Kontak pelapor (telepon/surel)').fill(REPORTER.contact);
  await page.getByLabel('Perihal').fill('Sampah medis di belakang puskesmas');
  await page.getByLabel('Uraian pengaduan').fill('Sampah medis menumpuk di belakang Puskesmas Kuala Kapuas sejak dua minggu.');
  await page.getByLabel('Lokasi').fill('Kuala Kapuas');
  await screenshot(page, 'intake');
  await page.getByRole('button', { name: 'Catat pengaduan' }).click();
  trackingId = ((await page.getByTestId('tracking-id').textContent()) ?? '').replace(/.*?(KPS-\d{4}-\d{6}).*/s, '$1');
  expect(trackingId).toBe('KPS-2026-000001');
});

it('each SOP role takes it through verification, disposition and the OPD’s follow-up to the answer', async () => {
  // SOP 555/05
  await work('admin-utama', 'Menerima Laporan melalui Kanal di Luar LAPOR', { kanal: 'WhatsApp' }, 'admin-utama');
  // Version 2 runs: the verification has 2 working days now.
  const badge = await slaBadge(await as('admin-utama'), 'Laporan Diverifikasi oleh Admin Utama');
  expect(await badge.textContent()).toBe('sisa 2 hari kerja');
  await work('admin-utama', 'Laporan Diverifikasi oleh Admin Utama', { lengkap: true });
  await work('admin-utama', 'Admin Utama Menginput Laporan dengan Form Manual LAPOR', { sudahDitindaklanjuti: false });
  // The Kasi is told without looking: a count in the menu and the tab title, and the worklist
  // opens on the tab that holds her task (she has none of her own yet).
  const kasi = await as('kasi');
  await kasi.goto('/#/tugas');
  await kasi.reload();
  const count = kasi.getByTestId('nav-count');
  await count.waitFor();
  expect(Number((await count.textContent())?.replace('+', ''))).toBeGreaterThan(0);
  expect(await count.getAttribute('aria-label')).toMatch(/^\d+\+? tugas menunggu$/);
  await kasi.waitForFunction(() => /^\(\d+\+?\) LAPOR!-SP4N/.test(document.title));
  await kasi.locator('#tab-group[aria-selected="true"]').waitFor();
  await work('kasi', 'Memastikan Laporan Lengkap dan Arahan Disposisi ke SKPD', { opd: 'dinkes', arahanDisposisi: 'Mohon Dinkes memastikan puskesmas buka' });
  // The Admin Utama sees the Kasi's arahan on the disposition task, in the words of the Kasi's form.
  const au = await as('admin-utama');
  await au.goto('/#/tugas?tab=group');
  await au.reload();
  await au.getByLabel('Cari nomor lacak atau teks').fill(trackingId);
  await au.getByRole('button', { name: 'Cari', exact: true }).click();
  await au.getByRole('link', { name: 'Admin Utama Mendisposisi ke SKPD yang Berwenang', exact: true }).first().click();
  const arahan = au.locator('[data-testid="previous-steps"] [data-element-id="Task_Memastikan"] [data-field="arahanDisposisi"]');
  await arahan.waitFor();
  expect(await arahan.locator('dt').textContent()).toBe('Arahan disposisi');
  expect(await arahan.locator('dd').textContent()).toBe('Mohon Dinkes memastikan puskesmas buka');
  await work('admin-utama', 'Admin Utama Mendisposisi ke SKPD yang Berwenang', { opd: 'dinkes' });
  await work('admin-penghubung', 'Admin Penghubung Menerima Aduan dan Melakukan Penginputan');
  // SOP 555/01, called with the same tracking ID
  await work('admin-utama', 'Penyaluran Pengaduan');
  await work('tim-koordinasi', 'Telaahan Lanjutan', { opd: 'dinkes' });
  await work('pejabat-penghubung', 'Mengkonfirmasi dan Mengklarifikasi Laporan dan Kelengkapan Data', { lengkap: true, perluPemeriksaan: true });
  // SOP 555/02: disposition to the OPD's Pejabat Penghubung, who follows it up
  await work('admin-utama', 'Penyaluran Pengaduan', { opd: 'dinkes' });
  await slaTurnsAmberThenRed();
  await work('pejabat-penghubung', 'Mentelaah, Mengkonfirmasi dan Mengklarifikasi Laporan', { lengkap: true, perluPemeriksaan: true }, 'pejabat-penghubung');
  await work('pejabat-penghubung', 'Verifikasi Lapangan dan BA Pemeriksaan', {
    [UPLOAD]: PHOTO,
    baPemeriksaan: 'BA-031/DINKES/2026, 6 foto',
    jawaban: 'Sampah medis diangkut; jadwal pengangkutan mingguan ditetapkan.',
  });
  const api = await w.server.api('admin-utama');
  const complaint = (await api.call('GET', `/api/complaints/${trackingId}`)).body;
  expect(complaint.instances.map((i: { key: string }) => i.key)).toEqual(['sop-555-05', 'sop-555-01', 'sop-555-02']);
  expect(complaint.openTasks.map((t: { elementId: string }) => t.elementId)).toEqual(['Task_TanggapanPelapor']);
});

it('closes the report after 10 working days without a reply from the reporter', async () => {
  // The answer went out on Monday 23 November; ten working days later is Monday 7 December.
  await clockTo('2026-12-07T09:30:00');
  const api = await w.server.api('admin-utama');
  expect((await api.call('GET', `/api/complaints/${trackingId}`)).body.status).toBe('selesai');
});

it('an auditor finds the instance, sees every actor in the timeline and the path on the diagram', async () => {
  const page = await as('auditor');
  await page.goto('/#/riwayat');
  await page.getByLabel('Nomor pelacakan').fill(trackingId);
  await page.getByRole('button', { name: 'Cari', exact: true }).click();
  // Before the search the page lists every instance (also the monthly Kapuas Hulu recap that
  // started on 1 December): wait for the answer to the search itself.
  await page.getByTestId('history-total').filter({ hasText: '3 instans ditemukan' }).waitFor();
  const rows = page.locator('tr[data-instance-id]');
  expect(await rows.count()).toBe(3);
  expect(await rows.allTextContents()).toEqual([expect.stringContaining(trackingId), expect.stringContaining(trackingId), expect.stringContaining(trackingId)]);
  await screenshot(page, 'history-search');
  // The first SOP of the chain: 555/05, where Admin Utama, Kasi and Admin Penghubung worked.
  await rows.filter({ hasText: 'melalui kanal diluar LAPOR' }).getByRole('link').click();
  const diagram = page.getByTestId('instance-diagram');
  await page.locator('[data-testid="instance-diagram"][data-ready="true"]').waitFor();
  const actors = (await page.getByTestId('timeline-actor').allTextContents()).join(' | ');
  for (const who of ['Demo Admin Utama', 'Demo Kepala Seksi (Kasi)', 'Demo Admin Penghubung']) expect(actors).toContain(who);
  expect(await diagram.locator('.djs-element.audit-done[data-element-id="Task_Memastikan"]').count()).toBe(1);
  expect(await diagram.locator('.djs-connection.audit-flow').count()).toBeGreaterThan(5);
  expect(await page.getByTestId('instance-status').textContent()).toBeTruthy();
  // Worded for people: element names and form labels, no flows, ids or "null" until asked for.
  const timeline = page.getByTestId('timeline');
  const plainText = await timeline.innerText();
  expect(plainText).toContain('Tugas diselesaikan: Memastikan Laporan Lengkap dan Arahan Disposisi ke SKPD');
  expect(plainText).not.toMatch(/Alur dilalui|Flow_|\bnull\b/);
  await page.getByTestId('timeline-technical').check();
  await timeline.getByText(/^Alur dilalui$/).first().waitFor();
  // The server recomputed the history's hash chain: nothing was altered.
  const instanceId = page.url().split('/').pop();
  const history = (await (await w.server.api('auditor')).call('GET', `/api/instances/${instanceId}/history`)).body;
  await page.getByTestId('history-verification').filter({ hasText: `Riwayat utuh: ${history.length} entri terverifikasi` }).waitFor();
  await screenshot(page, 'history-instance');
  const csv = await (await page.request.get(await page.getByTestId('history-csv').getAttribute('href') ?? '')).text();
  expect(csv).toContain('kasi');
});

it('the dashboard counts the complaint as finished and nothing overdue', async () => {
  const page = await as('auditor');
  await page.goto('/#/dasbor');
  await page.reload();
  await page.getByTestId('dashboard-generated-at').waitFor();
  expect(await page.getByTestId('table-status').textContent()).toMatch(/Selesai\s*1/);
  expect(await page.getByTestId('chart-overdue-opd').locator('canvas').count()).toBe(0);
});

it('the public page shows the status and the answer, never the reporter', async () => {
  const context = await w.browser.newContext({ baseURL: w.server.url, viewport: PHONE });
  const page = await context.newPage();
  await page.goto('/');
  await page.getByRole('link', { name: 'Lacak pengaduan tanpa masuk' }).click();
  await page.getByLabel('Nomor lacak').fill(trackingId);
  await page.getByRole('button', { name: 'Lacak' }).click();
  await page.getByTestId('track-result').waitFor();
  expect(await page.getByTestId('track-status').textContent()).toContain('Selesai');
  expect(await page.getByTestId('track-answers').textContent()).toContain('Sampah medis diangkut');
  const text = (await page.textContent('body')) ?? '';
  expect(text).not.toContain(REPORTER.name);
  expect(text).not.toContain(REPORTER.contact);
  await screenshot(page, 'public-tracking');
  await context.close();
});
