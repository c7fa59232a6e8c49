import type { Locator } from 'playwright-core';
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

it('shows a process owner the editor in Indonesian: palette, context pad, change-type menu and panel sections', async () => {
  const { context, page } = await signedIn(w.browser, w.server.url, 'pemilik-proses');
  await page.goto('/#/proses/sop-555-02');
  const canvas = page.getByTestId('modeler-canvas');
  await canvas.locator('[data-element-id="Task_Telaah"]').waitFor();
  // A user task, picked with the keyboard-friendly element picker: the context pad opens on it.
  await page.getByTestId('element-picker').selectOption('Task_Telaah');
  const pad = canvas.locator('.djs-context-pad');
  await pad.locator('[data-action="replace"]').click();
  const menu = canvas.locator('.djs-popup');
  await menu.locator('.djs-popup-body .entry').first().waitFor();

  const titles = (entries: Locator) =>
    entries.evaluateAll((els) => els.map((el) => el.getAttribute('title') ?? el.getAttribute('aria-label') ?? '').filter(Boolean));
  const palette = await titles(canvas.locator('.djs-palette .entry'));
  const contextPad = await titles(pad.locator('.entry'));
  const replaceMenu = [
    ...(await menu.locator('.djs-popup-title').allInnerTexts()),
    ...(await titles(menu.locator('.djs-popup-header [data-id]'))),
    ...(await menu.locator('.djs-popup-body .entry').allInnerTexts()),
  ].map((s) => s.trim());
  const groups = (await page.getByTestId('properties-panel').locator('.bio-properties-panel-group-header-title').allInnerTexts()).map((s) => s.trim());

  // Each part is there (a broken selector must not pass as "no English").
  expect(palette.length).toBeGreaterThan(8);
  expect(contextPad.length).toBeGreaterThan(4);
  expect(replaceMenu.length).toBeGreaterThan(8);
  expect(groups.length).toBeGreaterThan(4);

  const shown = [...palette, ...contextPad, ...replaceMenu, ...groups];
  const english = ['Append', 'Create', 'Activate', 'Connect', 'Delete', 'Change element', 'Task', 'task', 'User task', 'Service task', 'Call activity', 'Sub-process', 'sub-process', 'Loop', 'multi-instance', 'General', 'Documentation', 'Forms', 'Inputs', 'Outputs', 'listeners', 'Extension properties', 'User assignment', 'Asynchronous'];
  expect(shown.filter((text) => english.some((word) => text.includes(word)))).toEqual([]);

  expect(palette).toEqual(expect.arrayContaining(['Buat peristiwa awal', 'Buat tugas', 'Buat gerbang keputusan']));
  expect(contextPad).toEqual(expect.arrayContaining(['Tambah tugas', 'Tambah peristiwa akhir', 'Ubah jenis elemen', 'Hapus', 'Hubungkan ke elemen lain']));
  expect(replaceMenu).toEqual(expect.arrayContaining(['Ubah jenis elemen', 'Tugas layanan', 'Aktivitas panggilan', 'Sub-proses (ringkas)', 'Multi-instans paralel']));
  expect(groups).toEqual(expect.arrayContaining(['Umum', 'Dokumentasi', 'Penugasan', 'Formulir', 'Pendengar tugas', 'Properti tambahan']));
  // The due date has one field, the SOP group's (Camunda's own copy in "Penugasan" is left out).
  expect(await page.getByTestId('properties-panel').getByLabel(/Batas waktu/).count()).toBe(1);
  await context.close();
});
