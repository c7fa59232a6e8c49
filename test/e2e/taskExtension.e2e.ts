import { signedIn } from './support/browser';
import { useServerAndBrowser } from './support/server';

/**
 * "Ditunda" in the browser: the Kasi opens the Admin Utama's verification of SOP 555/05 (due in a
 * working day, with its "Lewat 1 hari" notice), gives it two more working days with a reason, and
 * the page says so in Indonesian: the badge "Diperpanjang", the reason and first deadline, the
 * history's sentence. The Admin Utama, who does the task, is offered no such card.
 */

const w = useServerAndBrowser();

it('lets the Kasi extend the Admin Utama’s task from the task page', async () => {
  const au = await w.server.api('admin-utama');
  const made = await au.call('POST', '/api/complaints', { channel: 'whatsapp', subject: 'Lampu jalan padam di Selat', description: 'Sudah seminggu' });
  expect(made.status).toBe(201);
  const trackingId = made.body.trackingId as string;
  const openTask = async (name: string) => ((await au.call('GET', `/api/complaints/${trackingId}`)).body.openTasks as { id: string; name: string }[]).find((t) => t.name === name)!;
  const first = await openTask('Menerima Laporan melalui Kanal di Luar LAPOR');
  expect((await au.call('POST', `/api/tasks/${first.id}/claim`)).status).toBe(200);
  expect((await au.call('POST', `/api/tasks/${first.id}/complete`, { variables: { kanal: 'WhatsApp' } })).status).toBe(200);
  const task = await openTask('Laporan Diverifikasi oleh Admin Utama');

  const mine = await signedIn(w.browser, w.server.url, 'admin-utama');
  await mine.page.goto(`/#/tugas/${task.id}`);
  await mine.page.getByRole('heading', { name: 'Laporan Diverifikasi oleh Admin Utama' }).waitFor();
  await mine.page.getByRole('heading', { name: 'Riwayat' }).waitFor();
  expect(await mine.page.getByRole('heading', { name: 'Perpanjang tenggat' }).count()).toBe(0);
  await mine.context.close();

  const { context, page } = await signedIn(w.browser, w.server.url, 'kasi');
  await page.goto(`/#/tugas/${task.id}`);
  await page.getByRole('heading', { name: 'Perpanjang tenggat' }).waitFor();
  await page.getByLabel('Alasan').fill('Menunggu data dukung dari pelapor');
  await page.getByLabel('Jumlah hari kerja').fill('2');
  await page.getByTestId('extend-submit').click();
  await page.getByTestId('extend-done').waitFor();
  await page.getByTestId('task-extension').filter({ hasText: 'Ditunda: Menunggu data dukung dari pelapor' }).waitFor();
  expect(await page.getByTestId('task-sla').textContent()).toContain('Diperpanjang');
  await page.getByTestId('history-extension').filter({ hasText: 'Ditunda: Menunggu data dukung dari pelapor, tenggat' }).waitFor();
  expect(await page.getByTestId('history-extension').textContent()).toContain('oleh kasi');
  await context.close();
});
