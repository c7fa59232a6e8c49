import { screenshot, signedIn } from './support/browser';
import { useServerAndBrowser } from './support/server';

/** The system's keeping in the browser (admin-sistem): users with their roles and OPD, and the holiday calendar. */

const w = useServerAndBrowser();

it('lets the Admin Sistem create an OPD liaison officer, who can then sign in, and switch her off again', async () => {
  const { context, page } = await signedIn(w.browser, w.server.url, 'admin-sistem');
  await page.getByRole('link', { name: 'Pengguna' }).click();
  await page.getByTestId('users').locator('tr[data-username="kasi"]').waitFor();

  await page.getByTestId('user-new').click();
  const form = page.getByTestId('user-form');
  await form.getByLabel('Nama pengguna').fill('siti.dinkes');
  await form.getByLabel('Nama lengkap').fill('Siti Rahmah');
  await form.getByLabel('Surel (untuk pemberitahuan)').fill('siti.dinkes@kapuas.example');
  await form.getByLabel('Kata sandi').fill('rahasia-siti-1');
  await form.getByTestId('role-pejabat-penghubung').check();
  // An OPD-bound role without its OPD is named before anything is sent.
  await form.getByRole('button', { name: 'Buat pengguna' }).click();
  await form.getByRole('alert').filter({ hasText: 'Peran Pejabat Penghubung terikat OPD: pilih OPD-nya.' }).waitFor();
  await form.getByLabel('OPD', { exact: true }).selectOption('dinkes');
  await form.getByRole('button', { name: 'Buat pengguna' }).click();
  await page.getByTestId('users-notice').filter({ hasText: 'Pengguna siti.dinkes dibuat.' }).waitFor();
  const row = page.getByTestId('users').locator('tr[data-username="siti.dinkes"]');
  expect(await row.textContent()).toMatch(/Siti Rahmah.*Pejabat Penghubung.*Dinas Kesehatan.*Aktif/);
  await screenshot(page, 'admin-users');

  const siti = await signedIn(w.browser, w.server.url, 'siti.dinkes', undefined, 'rahasia-siti-1');
  expect(await siti.page.locator('.whoami').textContent()).toBe('siti.dinkes');
  // Only the keepers see the keeping.
  expect(await siti.page.getByRole('link', { name: 'Pengguna' }).count()).toBe(0);
  await siti.context.close();

  await row.getByRole('button', { name: 'Ubah' }).click();
  await form.getByLabel('Aktif (dapat masuk)').uncheck();
  await form.getByRole('button', { name: 'Simpan' }).click();
  await page.getByTestId('users-notice').filter({ hasText: 'Pengguna siti.dinkes disimpan.' }).waitFor();
  await row.filter({ hasText: 'Nonaktif' }).waitFor();
  const refused = await fetch(`${w.server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'siti.dinkes', password: 'rahasia-siti-1' }),
  });
  expect(refused.status).toBe(401);
  await context.close();
});

it('lets the Admin Sistem add a cuti bersama, which working-time deadlines then skip, and take it back', async () => {
  const api = await w.server.api('kasi');
  const dueFrom = async () =>
    (await api.call('GET', `/api/calendar/due?duration=P1D&from=${encodeURIComponent('2026-12-22T08:00:00+07:00')}`)).body.dueAt as string;
  expect(await dueFrom()).toBe('2026-12-23T01:00:00.000Z'); // Wednesday 23 December, 08:00 WIB

  const { context, page } = await signedIn(w.browser, w.server.url, 'admin-sistem');
  page.on('dialog', (d) => void d.accept());
  await page.getByRole('link', { name: 'Hari Libur' }).click();
  await page.getByLabel('Tahun').selectOption('2026');
  await page.getByTestId('holidays').locator('tr').first().waitFor();
  const form = page.getByTestId('holiday-form');
  await form.getByLabel('Tanggal').fill('2026-12-23');
  await form.getByLabel('Keterangan (mis. Cuti bersama Idulfitri)').fill('Cuti bersama Natal');
  await form.getByRole('button', { name: 'Simpan hari libur' }).click();
  const row = page.getByTestId('holidays').locator('tr[data-date="2026-12-23"]');
  await row.waitFor();
  expect(await row.textContent()).toMatch(/Cuti bersama Natal.*Ditambahkan admin/);
  await screenshot(page, 'admin-holidays');
  // A deadline across it moves to the next working day.
  expect(new Date(await dueFrom()).getTime()).toBeGreaterThan(new Date('2026-12-23T01:00:00Z').getTime());

  await row.getByRole('button', { name: /Hapus/ }).click();
  await page.getByTestId('holidays-notice').filter({ hasText: 'kini hari kerja' }).waitFor();
  await row.waitFor({ state: 'detached' });
  expect(await dueFrom()).toBe('2026-12-23T01:00:00.000Z');
  await context.close();
});

it('lets the Admin Sistem add an OPD, which intake then offers, and deactivate it', async () => {
  const intakeOffers = async () =>
    ((await (await w.server.api('admin-utama')).call('GET', '/api/opds?district=kapuas&active=true')).body as { code: string }[]).map((o) => o.code);
  const { context, page } = await signedIn(w.browser, w.server.url, 'admin-sistem');
  await page.getByRole('link', { name: 'OPD', exact: true }).click();
  const form = page.getByTestId('opd-form');
  await form.getByLabel('Kabupaten').selectOption('kapuas');
  await form.getByLabel('Kode').fill('dinas-perkim');
  await form.getByLabel('Nama OPD').fill('Dinas Perumahan dan Kawasan Permukiman');
  await form.getByRole('button', { name: 'Simpan OPD' }).click();
  const row = page.getByTestId('opds').locator('tr[data-code="dinas-perkim"]');
  await row.filter({ hasText: 'Aktif' }).waitFor();
  expect(await row.textContent()).toContain('Kabupaten Kapuas');
  expect(await intakeOffers()).toContain('dinas-perkim');

  // A Kapuas Hulu code without its prefix is refused by the server, in its words.
  await form.getByLabel('Kabupaten').selectOption('kapuas-hulu');
  await form.getByLabel('Kode').fill('dinas-baru');
  await form.getByLabel('Nama OPD').fill('Dinas Baru');
  await form.getByRole('button', { name: 'Simpan OPD' }).click();
  await page.getByRole('alert').filter({ hasText: 'kph-' }).waitFor();

  await row.getByRole('button', { name: 'Nonaktifkan' }).click();
  await row.filter({ hasText: 'Nonaktif' }).waitFor();
  expect(await intakeOffers()).not.toContain('dinas-perkim');
  await context.close();
});
