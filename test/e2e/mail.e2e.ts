import { screenshot, signedIn } from './support/browser';
import { useServerAndBrowser } from './support/server';

/** Mail in the browser: a user's notification settings, reached from the inbox; the Admin Sistem's outbox and its resend. */

const w = useServerAndBrowser();

it('lets a liaison officer have new tasks mailed at once and hide them from the inbox, from the inbox page', async () => {
  const { context, page } = await signedIn(w.browser, w.server.url, 'pejabat-penghubung');
  await page.getByTestId('inbox-bell').click();
  await page.getByRole('heading', { name: 'Kotak Masuk' }).waitFor();
  await page.getByTestId('inbox-settings').click();
  await page.getByRole('heading', { name: 'Pengaturan notifikasi' }).waitFor();
  const row = page.getByTestId('prefs').locator('tr[data-kind="tugas-tersedia"]');
  // The default, named as such.
  expect(await row.locator('select option:checked').textContent()).toBe('Ringkasan harian (bawaan)');
  expect(await page.getByTestId('prefs').locator('tr[data-kind="terlambat"]').textContent()).toContain('Selalu tampil');

  await row.locator('select').selectOption('segera');
  await page.getByTestId('prefs-notice').filter({ hasText: 'Pengaturan "Tugas baru" disimpan.' }).waitFor();
  await row.getByLabel('Tampilkan di kotak masuk').uncheck();
  await page.getByTestId('prefs-notice').waitFor();
  await screenshot(page, 'notification-settings');

  const api = await w.server.api('pejabat-penghubung');
  const stored = (await api.call('GET', '/api/me/notification-preferences')).body as { kind: string; mail: string; inApp: boolean }[];
  expect(stored.find((p) => p.kind === 'tugas-tersedia')).toMatchObject({ mail: 'segera', inApp: false });
  await context.close();
});

it('lets the Admin Sistem read every mail in Kotak Keluar, filter by state and send one again', async () => {
  const intake = await w.server.api('admin-utama');
  const made = await intake.call('POST', '/api/complaints', {
    channel: 'sms',
    subject: 'Jalan berlubang di Selat Hulu',
    description: 'Dua minggu',
    reporter: { name: 'Rina', contact: 'rina@warga.example' },
  });
  expect(made.status).toBe(201);
  const trackingId = made.body.trackingId as string;
  const admin = await w.server.api('admin-sistem');
  // The dispatcher (no SMTP_URL: written to the log) marks the receipt sent within a poll or two.
  let sent = false;
  for (let i = 0; i < 50 && !sent; i++) {
    const list = (await admin.call('GET', '/api/admin/mails?state=sent&limit=100')).body as { items: { subject: string }[] };
    sent = list.items.some((m) => m.subject === `Pengaduan Anda diterima: ${trackingId}`);
    if (!sent) await new Promise((r) => setTimeout(r, 200));
  }
  expect(sent).toBe(true);

  const { context, page } = await signedIn(w.browser, w.server.url, 'admin-sistem');
  await page.getByRole('link', { name: 'Kotak Keluar' }).click();
  await page.getByRole('heading', { name: 'Kotak Keluar' }).waitFor();
  const receipt = page.getByTestId('outbox').locator('tr', { hasText: `Pengaduan Anda diterima: ${trackingId}` });
  expect(await receipt.textContent()).toMatch(/Terkirim.*rina@warga\.example \(pelapor\)/);
  // The Admin Utama's new task waits for the morning digest (her default for claimable tasks).
  await page.getByLabel('Status').selectOption('digest');
  await page.getByTestId('outbox').locator('tr', { hasText: new RegExp(`Tugas baru untuk diambil: Menerima Laporan.*\\(${trackingId}\\)`) }).first().waitFor();
  expect(await page.getByTestId('outbox').locator('tr[data-state="digest"] button').count()).toBe(0);
  await screenshot(page, 'outbox');

  await page.getByLabel('Status').selectOption('sent');
  await receipt.getByRole('button', { name: 'Kirim ulang' }).click();
  await page.getByTestId('outbox-notice').filter({ hasText: `E-mail "Pengaduan Anda diterima: ${trackingId}" akan dikirim ulang.` }).waitFor();
  const [mail] = ((await admin.call('GET', '/api/admin/mails?limit=100')).body as { items: { subject: string; state: string; attempts: number }[] }).items.filter(
    (m) => m.subject === `Pengaduan Anda diterima: ${trackingId}`,
  );
  expect(mail).toMatchObject({ attempts: 0 });
  expect(['pending', 'sent']).toContain(mail.state);
  await context.close();
});
