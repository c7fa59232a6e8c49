import { signedIn } from './support/browser';
import { useServerAndBrowser } from './support/server';

/** The modeler beyond the SOP journey: a new diagram, a refused deployment, read-only viewers. */

const w = useServerAndBrowser();


it('a process owner creates a new, empty diagram and deploys it as version 1 of its key', async () => {
  const { context, page } = await signedIn(w.browser, w.server.url, 'pemilik-proses');
  await page.goto('/#/proses');
  await page.getByTestId('new-diagram').click();
  await page.getByLabel('Nama proses').fill('Uji Diagram Baru');
  await page.getByLabel('Kunci proses').fill('sop-5-55');
  await page.getByRole('button', { name: 'Buat diagram' }).click();
  await page.locator('[data-testid="modeler-canvas"] .djs-element').first().waitFor();
  await page.getByTestId('deploy').click();
  await page.getByTestId('editor-status').filter({ hasText: 'Versi 1 terpasang' }).waitFor();

  const api = await w.server.api('pemilik-proses');
  const versions = await api.call('GET', '/api/process-definitions/sop-5-55/versions');
  expect(versions.status).toBe(200);
  expect(versions.body.map((v: { version: number }) => v.version)).toEqual([1]);
  await context.close();
});

it('refuses a key that is not lower-case letters, digits and hyphens before anything is sent', async () => {
  const { context, page } = await signedIn(w.browser, w.server.url, 'pemilik-proses');
  await page.goto('/#/proses/baru');
  await page.getByLabel('Nama proses').fill('Kunci Salah');
  await page.getByLabel('Kunci proses').fill('SOP 1');
  await page.getByRole('button', { name: 'Buat diagram' }).click();
  await page.getByText('Kunci hanya boleh berisi huruf kecil, angka dan tanda hubung, dan harus diawali huruf.').waitFor();
  await context.close();
});

it('shows the diagrams to other staff without the deploy button', async () => {
  const { context, page } = await signedIn(w.browser, w.server.url, 'kasi');
  await page.goto('/#/proses/sop-555-02');
  await page.locator('[data-testid="modeler-canvas"] [data-element-id="Task_Telaah"]').waitFor();
  expect(await page.getByTestId('deploy').count()).toBe(0);
  expect(await page.getByTestId('new-diagram').count()).toBe(0);
  await context.close();
});
