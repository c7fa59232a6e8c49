import { screenshot, signedIn } from './support/browser';
import { useServerAndBrowser } from './support/server';

/** The periodic complaint recap (Rekap Pengaduan) as the Kasi makes it for the quarterly report of SOP 555/03. */

const w = useServerAndBrowser();

it('shows the Kasi the quarter she picks: totals, the complaint in the list, the CSV, XLSX and PDF downloads and a clean print-out', async () => {
  const admin = await w.server.api('admin-utama');
  const made = await admin.call('POST', '/api/complaints', {
    channel: 'whatsapp',
    opd: 'dinkes',
    subject: 'Antrean puskesmas terlalu lama',
    description: 'Menunggu lebih dari tiga jam',
    reporter: { name: 'Rina Marlina', contact: '0813-7777-0202' },
  });
  expect(made.status).toBe(201);
  const trackingId: string = made.body.trackingId;

  const { context, page, foreign } = await signedIn(w.browser, w.server.url, 'kasi');
  await page.getByRole('link', { name: 'Rekap' }).click();
  await page.getByTestId('recap-title').waitFor();
  // The clock of the server says Monday 16 November 2026: the fourth quarter, picked here by hand.
  await page.getByLabel('Kabupaten', { exact: true }).selectOption('kapuas');
  await page.getByLabel('Jenis periode').selectOption('triwulan');
  await page.getByLabel('Triwulan', { exact: true }).selectOption('4');
  await page.getByLabel('Tahun').fill('2026');
  await page.getByRole('button', { name: 'Tampilkan' }).click();
  await page.waitForURL(/#\/rekap\?district=kapuas&period=2026-Q4$/);

  const row = page.locator(`[data-testid="recap-list"] tr[data-tracking-id="${trackingId}"]`);
  await row.waitFor();
  expect(await page.getByTestId('recap-title').textContent()).toBe('Rekap Pengaduan LAPOR!-SP4N Kabupaten Kapuas, Triwulan IV 2026');
  expect(await page.getByTestId('recap-generated-at').textContent()).toMatch(/^Dibuat 16 Nov 2026.*08\.00 WIB$/);
  expect(await row.textContent()).toMatch(/Antrean puskesmas terlalu lama.*Dinas Kesehatan.*Diterima/);
  const total = (k: string) => page.locator(`[data-testid="recap-totals"] [data-total="${k}"] dd`).textContent();
  expect(await total('received')).toBe('1');
  expect(await total('open')).toBe('1');
  expect(await page.getByTestId('recap-by-channel').textContent()).toMatch(/WhatsApp\s*1/);
  expect(await page.textContent('body')).not.toMatch(/Rina Marlina|0813-7777-0202/);

  const csv = await page.request.get((await page.getByTestId('recap-csv').getAttribute('href')) ?? '');
  expect(csv.headers()['content-disposition']).toContain('rekap-pengaduan-kapuas-2026-Q4.csv');
  expect(await csv.text()).toContain(trackingId);
  // The same recap as a workbook and as a PDF, from the buttons beside the CSV's.
  expect(await page.getByTestId('recap-xlsx').textContent()).toBe('Unduh XLSX');
  expect(await page.getByTestId('recap-pdf').textContent()).toBe('Unduh PDF');
  const xlsx = await page.request.get((await page.getByTestId('recap-xlsx').getAttribute('href')) ?? '');
  expect([xlsx.status(), xlsx.headers()['content-disposition']]).toEqual([200, expect.stringContaining('rekap-pengaduan-kapuas-2026-Q4.xlsx')]);
  expect((await xlsx.body()).subarray(0, 2).toString('latin1')).toBe('PK');
  const pdf = await page.request.get((await page.getByTestId('recap-pdf').getAttribute('href')) ?? '');
  expect([pdf.status(), pdf.headers()['content-disposition']]).toEqual([200, expect.stringContaining('rekap-pengaduan-kapuas-2026-Q4.pdf')]);
  expect((await pdf.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  await screenshot(page, 'recap');

  // On paper: the sheet and the Kasi's and Kabid's initials, without the menu, the form or the buttons.
  await page.emulateMedia({ media: 'print' });
  expect(await page.getByTestId('recap-form').isVisible()).toBe(false);
  expect(await page.getByRole('button', { name: 'Cetak' }).isVisible()).toBe(false);
  expect(await page.locator('.topbar').isVisible()).toBe(false);
  expect(await page.getByText('Diperiksa dan diparaf Kasi').isVisible()).toBe(true);
  expect(await row.isVisible()).toBe(true);
  expect(foreign).toEqual([]);

  // In English the buttons say so; the files stay Indonesian (they are the districts' report).
  await page.emulateMedia({ media: 'screen' });
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByTestId('recap-xlsx').filter({ hasText: 'Download XLSX' }).waitFor();
  expect(await page.getByTestId('recap-pdf').textContent()).toBe('Download PDF');
  await page.getByRole('button', { name: 'Bahasa Indonesia' }).click();
  await page.getByTestId('recap-pdf').filter({ hasText: 'Unduh PDF' }).waitFor();
  await context.close();
});

it('takes the Admin Utama from the quarterly report’s first step (SOP 555/03) straight to the quarter it reports on', async () => {
  const admin = await w.server.api('admin-utama');
  const started = await admin.call('POST', '/api/process-definitions/sop-555-03/start', {});
  expect(started.status).toBe(201);
  const [task] = (await admin.call('GET', '/api/tasks')).body.filter((x: { instanceId: string }) => x.instanceId === started.body.id);
  const { context, page } = await signedIn(w.browser, w.server.url, 'admin-utama');
  await page.goto(`/#/tugas/${task.id}`);
  // Started in the fourth quarter of 2026: the report is about the third.
  const link = page.getByTestId('task-recap');
  expect(await link.textContent()).toBe('Buka Rekap Pengaduan Triwulan III 2026');
  await link.click();
  await page.waitForURL(/#\/rekap\?district=kapuas&period=2026-Q3$/);
  await page.getByTestId('recap-title').filter({ hasText: 'Rekap Pengaduan LAPOR!-SP4N Kabupaten Kapuas, Triwulan III 2026' }).waitFor();
  await context.close();
});
