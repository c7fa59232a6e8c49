import { overflowsHorizontally, PHONE, signedIn } from './support/browser';
import { useServerAndBrowser } from './support/server';

/** The inbox: the bell's unread count, the list with unread items in bold, opening one, marking all. */

const w = useServerAndBrowser();

it('counts a new task on the bell, opens it from the inbox and marks everything read', async () => {
  const api = await w.server.api('admin-utama');
  const made = await api.call('POST', '/api/complaints', { channel: 'sms', subject: 'Lampu jalan mati di Selat', description: 'Sudah seminggu' });
  expect(made.status).toBe(201);
  const trackingId = made.body.trackingId as string;
  const [task] = (await api.call('GET', `/api/complaints/${trackingId}`)).body.openTasks;

  const { context, page } = await signedIn(w.browser, w.server.url, 'admin-utama');
  const bell = page.getByTestId('inbox-bell');
  await page.getByTestId('inbox-unread').waitFor();
  expect(Number(await page.getByTestId('inbox-unread').textContent())).toBeGreaterThanOrEqual(1);
  await bell.click();
  await page.getByRole('heading', { name: 'Kotak Masuk' }).waitFor();
  const item = page.getByTestId('inbox-item').filter({ hasText: trackingId }).first();
  expect(await item.locator('strong').textContent()).toContain(`Tugas baru untuk diambil: Menerima Laporan`);

  await item.click();
  await page.waitForURL(`**/#/tugas/${task.id}`);
  await bell.click();
  await page.getByRole('heading', { name: 'Kotak Masuk' }).waitFor();
  expect(await page.getByTestId('inbox-item').filter({ hasText: trackingId }).first().locator('strong').count()).toBe(0);

  // A second complaint, unread, is what "Tandai semua dibaca" then marks.
  expect((await api.call('POST', '/api/complaints', { channel: 'sms', subject: 'Air PDAM keruh', description: 'Tiga hari' })).status).toBe(201);
  await page.reload();
  await page.getByTestId('inbox-unread').waitFor();
  expect(await page.locator('.inbox-list li.unread').count()).toBeGreaterThanOrEqual(1);
  await page.getByRole('button', { name: 'Tandai semua dibaca' }).click();
  await page.getByTestId('inbox-unread').waitFor({ state: 'detached' });
  await page.locator('.inbox-list li.unread').first().waitFor({ state: 'detached' });
  expect(await page.locator('.inbox-list li.read').count()).toBeGreaterThanOrEqual(2);
  await context.close();
});

it('keeps the bell within a 360 px phone', async () => {
  const { context, page } = await signedIn(w.browser, w.server.url, 'pejabat-penghubung', PHONE);
  await page.getByTestId('inbox-bell').waitFor();
  expect(await overflowsHorizontally(page)).toBe(false);
  await context.close();
});

it('a Kasi opens, from the dashboard, the late tasks of the Admin Utama and one of them', async () => {
  const api = await w.server.api('admin-utama');
  const made = await api.call('POST', '/api/complaints', { channel: 'sms', subject: 'Jembatan kayu patah', description: 'Di desa Sei Pasah' });
  expect(made.status).toBe(201);
  const trackingId = made.body.trackingId as string;
  // Past "Menerima Laporan" (no time standard) to "Laporan Diverifikasi oleh Admin Utama" (1 hari)…
  const [first] = (await api.call('GET', `/api/complaints/${trackingId}`)).body.openTasks;
  expect((await api.call('POST', `/api/tasks/${first.id}/claim`, {})).status).toBe(200);
  expect((await api.call('POST', `/api/tasks/${first.id}/complete`, { variables: { kanal: 'sms' } })).status).toBe(200);
  const [verify] = (await api.call('GET', `/api/complaints/${trackingId}`)).body.openTasks;
  // …and three working days on, it is late.
  expect((await api.call('POST', '/api/_clock/advance', { ms: 3 * 24 * 3_600_000 })).status).toBe(200);

  const { context, page } = await signedIn(w.browser, w.server.url, 'kasi');
  await page.goto('/#/dasbor');
  await page.getByTestId('late-tasks-link').click();
  await page.getByRole('heading', { name: 'Tugas terlambat bawahan Anda' }).waitFor();
  const row = page.locator(`[data-testid="late-tasks"] tr[data-task-id="${verify.id}"]`);
  await row.waitFor();
  expect(await row.innerText()).toContain('Laporan Diverifikasi oleh Admin Utama');
  expect(await row.innerText()).toContain(trackingId);
  expect(await row.innerText()).toContain('belum diambil (Admin Utama)');
  await row.getByRole('link', { name: 'Laporan Diverifikasi oleh Admin Utama' }).click();
  await page.waitForURL(`**/#/tugas/${verify.id}`);
  await page.getByText('Laporan Diverifikasi oleh Admin Utama').first().waitFor();
  await context.close();
});
