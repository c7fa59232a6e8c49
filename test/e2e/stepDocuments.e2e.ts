import fs from 'node:fs';
import { pdfText } from '../support/pdfText';
import { signedIn } from './support/browser';
import { useServerAndBrowser } from './support/server';

/** The documents of the steps in the browser: admin-sistem edits the letterhead, staff print a document under it. */

const w = useServerAndBrowser();

it('lets the Admin Sistem edit the letterhead, which the Admin Utama then finds on the receipt opened from the task page', async () => {
  const admin = await signedIn(w.browser, w.server.url, 'admin-sistem');
  await admin.page.getByRole('link', { name: 'Kop Surat' }).click();
  const form = admin.page.getByTestId('letterhead-form');
  await form.waitFor();
  await form.getByLabel('Nama dinas').fill('DINAS KOMINFO UJI PERAMBAN');
  await form.getByLabel('Alamat').fill('Jl. Uji Peramban No. 7');
  await form.getByRole('button', { name: 'Simpan kop surat' }).click();
  await admin.page.getByTestId('letterhead-notice').filter({ hasText: 'Kop surat Kabupaten Kapuas disimpan.' }).waitFor();
  await admin.context.close();

  const utama = await w.server.api('admin-utama');
  const entered = await utama.call('POST', '/api/complaints', { channel: 'sms', subject: 'Lampu jalan mati', description: 'Sejak seminggu' });
  expect(entered.status).toBe(201);
  const task = entered.body.openTasks[0] as { id: string };

  const { context, page, foreign } = await signedIn(w.browser, w.server.url, 'admin-utama');
  await page.goto(`/#/tugas/${task.id}`);
  const docs = page.getByTestId('documents');
  await docs.locator('li[data-kind="tanda-terima"]').waitFor();
  expect(await docs.locator('li').count()).toBe(1);
  const print = docs.locator('li[data-kind="tanda-terima"]').getByRole('link', { name: 'Cetak' });
  const [tab] = await Promise.all([context.waitForEvent('page'), print.click()]);
  await tab.waitForLoadState();
  const text = await tab.locator('body').innerText();
  expect(text).toContain('DINAS KOMINFO UJI PERAMBAN');
  expect(text).toContain('Jl. Uji Peramban No. 7');
  expect(text).toContain(entered.body.trackingId);
  expect(foreign).toEqual([]);
  await context.close();
});

it('prints the receipt with the reply code right after intake, the one moment the code exists in clear', async () => {
  const { context, page } = await signedIn(w.browser, w.server.url, 'admin-penghubung');
  await page.goto('/#/pengaduan/baru');
  await page.getByLabel('Kanal pengaduan').selectOption('kanal-internal-opd');
  await page.getByLabel('Perihal').fill('Air bersih tidak mengalir');
  await page.getByLabel('Uraian pengaduan').fill('Sejak tiga hari.');
  await page.getByRole('button', { name: 'Catat pengaduan' }).click();
  const trackingId = ((await page.getByTestId('tracking-id').textContent()) ?? '').trim();
  const replyCode = ((await page.getByTestId('reply-code').textContent()) ?? '').trim();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('receipt-with-code').click()]);
  expect(download.suggestedFilename()).toBe(`tanda-terima-${trackingId}.pdf`);
  const file = await download.path();
  expect(file).toBeTruthy();
  const text = pdfText(fs.readFileSync(file!)).join(' ');
  expect(text).toContain(trackingId);
  expect(text).toContain(replyCode);
  await context.close();
});
