import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { screenshot, signedIn } from './support/browser';
import { PROCESSES_DIR, useServerAndBrowser } from './support/server';

/**
 * The SOP sheet (Lembar SOP) in the browser: a process owner opens it from a version of the
 * diagram, sees the rows, prints it (the frame's print is recorded instead of a print dialog) and
 * reaches the PDF; the comparison of two versions offers both versions' sheets.
 */

const w = useServerAndBrowser();

/** Replaces the sheet frame's print() with a counter, as no print dialog can open headless. */
async function stubPrint(page: Page): Promise<void> {
  await page.getByTestId('sop-sheet-frame').evaluate((frame: HTMLIFrameElement) => {
    const win = frame.contentWindow as Window & { printed?: number };
    win.printed = 0;
    win.print = () => {
      win.printed = (win.printed ?? 0) + 1;
    };
  });
}
const printed = (page: Page) => page.getByTestId('sop-sheet-frame').evaluate((frame: HTMLIFrameElement) => (frame.contentWindow as Window & { printed?: number }).printed);

it('a process owner opens the SOP sheet of a version and prints it', async () => {
  const { context, page, foreign } = await signedIn(w.browser, w.server.url, 'pemilik-proses');
  await page.goto('/#/proses/sop-555-05');
  await page.getByTestId('sop-sheet-link').click();
  await page.waitForURL(/#\/proses\/sop-555-05\/sop\?v=1$/);
  await page.getByTestId('sop-sheet-version').filter({ hasText: 'Versi 1' }).waitFor();

  const sheet = page.frameLocator('[data-testid="sop-sheet-frame"]');
  await sheet.locator('tr[data-row="3a"]').waitFor();
  const rows = await sheet.locator('tr.activity, tr.decision').evaluateAll((trs) =>
    trs.map((tr) => [tr.getAttribute('data-row'), tr.querySelector('td.activity')?.textContent?.trim(), tr.querySelector('td.time')?.textContent?.trim()]),
  );
  expect(rows.slice(0, 7)).toEqual([
    ['1', 'Menerima Laporan melalui Kanal di Luar LAPOR', ''],
    ['2', 'Laporan Diverifikasi oleh Admin Utama', '1 hari'],
    ['3', 'Admin Utama Menginput Laporan dengan Form Manual LAPOR', '15 menit'],
    ['3a', 'Input Jawaban Langsung', ''],
    ['4', 'Memastikan Laporan Lengkap dan Arahan Disposisi ke SKPD', '15 menit'],
    ['5', 'Admin Utama Mendisposisi ke SKPD yang Berwenang', '15 menit'],
    ['6', 'Admin Penghubung Menerima Aduan dan Melakukan Penginputan', '3 hari'],
  ]);
  expect(await sheet.locator('th[data-part="lane"]').allInnerTexts()).toEqual(['Admin Utama', 'Admin Penghubung', 'Kasi (Pejabat)']);
  expect(await sheet.locator('td[data-field="number"]').innerText()).toBe('555/05/IKP/XII/2024');
  // The flowchart is drawn: a shape per row, in its Pelaksana's column.
  expect(await sheet.locator('tr[data-row="4"] svg.shape').getAttribute('data-lane')).toBe('2');

  await stubPrint(page);
  await page.getByTestId('sop-sheet-print').click();
  expect(await printed(page)).toBe(1);

  const pdfHref = await page.getByTestId('sop-sheet-pdf').getAttribute('href');
  expect(pdfHref).toBe('/api/process-definitions/sop-555-05/versions/1/sop-sheet.pdf');
  const pdf = await context.request.get(pdfHref!);
  expect([pdf.status(), pdf.headers()['content-type']]).toEqual([200, 'application/pdf']);
  expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');

  await screenshot(page, 'sop-sheet-page');
  // The sheet alone, as it prints: the README shows it beside a note on the source sheets.
  await page.setViewportSize({ width: 1280, height: 1500 });
  await page.goto('/api/process-definitions/sop-555-05/versions/1/sop-sheet');
  await page.locator('tr[data-row="6"]').waitFor();
  await screenshot(page, 'sop-sheet');
  expect(foreign).toEqual([]);
  await context.close();
});

it('the comparison of two versions links both versions’ sheets, each with its own time', async () => {
  const api = await w.server.api('pemilik-proses');
  const xml = fs.readFileSync(path.join(PROCESSES_DIR, 'sop-555-05.bpmn'), 'utf8');
  const changed = xml.replace('Waktu: 3 hari', 'Waktu: 5 hari').replace('camunda:dueDate="P3D"', 'camunda:dueDate="P5D"');
  const deployed = await api.call('POST', '/api/deployments', { name: 'sop-555-05.bpmn', xml: changed });
  expect([deployed.status, deployed.body.version]).toEqual([201, 2]);

  const { context, page } = await signedIn(w.browser, w.server.url, 'auditor');
  await page.goto('/#/proses/sop-555-05/banding?a=1&b=2');
  const links = page.getByTestId('compare-sheets');
  await links.getByRole('link', { name: 'versi 2' }).click();
  await page.waitForURL(/\/sop\?v=2$/);
  const timeOfSix = () => page.frameLocator('[data-testid="sop-sheet-frame"]').locator('tr[data-row="6"] td.time').innerText();
  expect(await timeOfSix()).toBe('5 hari');
  await page.goBack();
  await links.getByRole('link', { name: 'versi 1' }).click();
  await page.waitForURL(/\/sop\?v=1$/);
  expect(await timeOfSix()).toBe('3 hari');
  await context.close();
});
