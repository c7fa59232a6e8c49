import { overflowsHorizontally, PHONE, signedIn } from './support/browser';
import { useServerAndBrowser } from './support/server';

/** The app shell: sign-in, roles in the navigation, language, session end, phones, offline. */

const w = useServerAndBrowser();


it('refuses a wrong password with a message in Indonesian, and signs in with the right one', async () => {
  const context = await w.browser.newContext({ baseURL: w.server.url });
  const page = await context.newPage();
  await page.goto('/');
  await page.getByLabel('Nama pengguna').fill('kasi');
  await page.getByLabel('Kata sandi').fill('salah-sekali');
  await page.getByRole('button', { name: 'Masuk' }).click();
  await expectText(page.getByRole('alert'), 'Nama pengguna atau kata sandi salah.');
  await page.getByLabel('Kata sandi').fill('demo12345');
  await page.getByRole('button', { name: 'Masuk' }).click();
  await page.getByRole('button', { name: 'Keluar' }).waitFor();
  expect(await page.locator('.whoami').textContent()).toBe('kasi');
  await context.close();
});

it('shows each user only the screens their roles allow', async () => {
  const staff = await signedIn(w.browser, w.server.url, 'pejabat-penghubung');
  const nav = async (p: typeof staff.page) => (await p.locator('#main-nav a').allTextContents()).map((s) => s.trim());
  expect(await nav(staff.page)).toContain('Daftar Tugas');
  expect(await nav(staff.page)).not.toContain('Dasbor');
  const auditor = await signedIn(w.browser, w.server.url, 'auditor');
  expect(await nav(auditor.page)).toEqual(expect.arrayContaining(['Riwayat', 'Dasbor']));
  expect(await nav(auditor.page)).not.toContain('Pengaduan Baru');
  const admin = await signedIn(w.browser, w.server.url, 'admin-utama');
  expect(await nav(admin.page)).toContain('Pengaduan Baru');
  await Promise.all([staff, auditor, admin].map((u) => u.context.close()));
});

it('switches to English and back, and remembers the choice', async () => {
  const { context, page } = await signedIn(w.browser, w.server.url, 'kasi');
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
  await page.reload();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
  expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
  await page.getByRole('button', { name: 'Bahasa Indonesia' }).click();
  await page.getByRole('button', { name: 'Keluar' }).waitFor();
  await context.close();
});

it('sends the user back to sign-in with a message when the session ends elsewhere', async () => {
  const { context, page } = await signedIn(w.browser, w.server.url, 'kasi');
  // The same session signed out from another tab: the cookie is now dead on the server.
  await page.evaluate(() => fetch('/api/auth/logout', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' }));
  await page.goto('/#/riwayat');
  await page.getByLabel('Nama pengguna').waitFor();
  await expectText(page.getByRole('alert'), 'Sesi Anda telah berakhir');
  await context.close();
});

it('fits a 360 px phone, opens its menu from a button, and loads nothing from outside the server', async () => {
  const { context, page, foreign } = await signedIn(w.browser, w.server.url, 'admin-utama', PHONE);
  expect(await overflowsHorizontally(page)).toBe(false);
  const menu = page.getByRole('button', { name: 'Menu' });
  expect(await menu.getAttribute('aria-expanded')).toBe('false');
  await menu.click();
  expect(await menu.getAttribute('aria-expanded')).toBe('true');
  await page.getByRole('link', { name: 'Daftar Tugas' }).click();
  expect(await overflowsHorizontally(page)).toBe(false);
  expect(foreign).toEqual([]);
  await context.close();
});

it('serves the app with a Content-Security-Policy that allows only its own scripts', async () => {
  const res = await fetch(`${w.server.url}/`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
  expect(await res.text()).toContain('<div id="app">');
});

it('words a refusal of the server in Indonesian: a task already completed in another tab', async () => {
  const api = await w.server.api('admin-utama');
  const made = await api.call('POST', '/api/complaints', { channel: 'sms', subject: 'Lampu jalan mati', description: 'Sudah seminggu' });
  expect(made.status).toBe(201);
  const [task] = (await api.call('GET', `/api/complaints/${made.body.trackingId}`)).body.openTasks;
  const { context, page } = await signedIn(w.browser, w.server.url, 'admin-utama');
  await page.goto(`/#/tugas/${task.id}`);
  await page.getByRole('button', { name: 'Ambil tugas', exact: true }).click();
  await page.getByRole('button', { name: 'Lepaskan tugas' }).waitFor();
  await page.getByTestId('field-kanal').fill('SMS');
  // Meanwhile the same user finishes it in another tab.
  expect((await api.call('POST', `/api/tasks/${task.id}/complete`, { variables: { kanal: 'SMS' } })).status).toBe(200);
  await page.getByTestId('task-complete').click();
  await expectText(page.getByRole('alert'), 'Tugas ini sudah diselesaikan.');
  expect(await page.getByRole('alert').allTextContents()).not.toContainEqual(expect.stringContaining('already'));
  await context.close();
});

async function expectText(locator: import('playwright-core').Locator, text: string): Promise<void> {
  await locator.filter({ hasText: text }).first().waitFor();
}
