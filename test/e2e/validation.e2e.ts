import { signedIn } from './support/browser';
import { useServerAndBrowser } from './support/server';

/** The server's refusals of a form reach the user in their language, by field, with the real limits. */

const w = useServerAndBrowser();

it('shows the server’s validation errors on the intake form in Indonesian, per field, and writes nothing', async () => {
  const api = await w.server.api('admin-utama');
  const before = (await api.call('GET', '/api/complaints?limit=200')).body as unknown[];
  const { context, page } = await signedIn(w.browser, w.server.url, 'admin-utama');
  await page.goto('/#/pengaduan/baru');
  await page.getByLabel('Kanal pengaduan').selectOption('whatsapp');
  // Spaces pass the browser but not the server, which trims them: the refusal is the server's.
  await page.getByLabel('Perihal').fill('   ');
  await page.getByLabel('Uraian pengaduan').fill('   ');
  await page.getByRole('button', { name: 'Catat pengaduan' }).click();

  const subjectError = page.locator('#intake-subject-error');
  await subjectError.waitFor();
  expect(await subjectError.textContent()).toMatch(/wajib diisi|paling sedikit 1 karakter/);
  expect(await page.locator('#intake-description-error').textContent()).toMatch(/wajib diisi|paling sedikit 1 karakter/);
  expect(await page.getByRole('alert').first().textContent()).not.toMatch(/Too small|expected|Invalid/i);
  expect(await page.locator('body').textContent()).not.toMatch(/Too small|expected string/);
  // The field tells assistive technology where its error is.
  expect(await page.locator('#intake-subject').getAttribute('aria-describedby')).toBe('intake-subject-error');

  expect(((await api.call('GET', '/api/complaints?limit=200')).body as unknown[]).length).toBe(before.length);
  await context.close();
});
