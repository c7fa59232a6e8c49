import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Locator } from 'playwright-core';
import { signedIn } from './support/browser';
import { PROCESSES_DIR, useServerAndBrowser } from './support/server';

/**
 * The modeler beyond the SOP journey: a new diagram, a refused deployment, read-only viewers,
 * diagrams opened from and saved to disk, several pools.
 */

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
  expect(await page.getByTestId('properties-panel').getByLabel(/Waktu \(standar waktu tugas\)/).count()).toBe(1);
  await context.close();
});

it('draws a diagram with two pools whole, and no page ever asks for an "undefined" path', async () => {
  const { context, page } = await signedIn(w.browser, w.server.url, 'pemilik-proses');
  const asked: string[] = [];
  page.on('request', (r) => asked.push(r.url()));
  await page.goto('/#/proses/sop-kapuas-hulu');
  const canvas = page.getByTestId('modeler-canvas');
  await canvas.locator('[data-element-id="Participant_sop-kapuas-hulu"]').waitFor();
  await canvas.locator('[data-element-id="Participant_sop-kapuas-hulu-rekap"]').waitFor({ timeout: 5000 });
  expect(await canvas.locator('.djs-element[data-element-id^="Participant"]').count()).toBe(2);
  // Drawn with its content, and both inside the canvas once fitted.
  await canvas.locator('[data-element-id="Start_AwalBulan"]').waitFor();
  const box = (await canvas.boundingBox())!;
  for (const id of ['Participant_sop-kapuas-hulu', 'Participant_sop-kapuas-hulu-rekap']) {
    const pool = (await canvas.locator(`.djs-element[data-element-id="${id}"]`).boundingBox())!;
    expect(pool.y).toBeGreaterThanOrEqual(box.y - 1);
    expect(pool.y + pool.height).toBeLessThanOrEqual(box.y + box.height + 1);
  }
  // Opened by the key of its second process, the same file, both pools.
  await page.goto('/#/proses/sop-kapuas-hulu-rekap');
  await page.getByTestId('version-select').waitFor();
  await canvas.locator('[data-element-id="Participant_sop-kapuas-hulu"]').waitFor();
  await canvas.locator('[data-element-id="Participant_sop-kapuas-hulu-rekap"]').waitFor();
  expect(await canvas.locator('.djs-element[data-element-id^="Participant"]').count()).toBe(2);
  // Between the diagram pages: list, editor, comparison, new diagram, and back.
  await page.getByText('← Semua diagram SOP').click();
  await page.getByTestId('new-diagram').waitFor();
  await page.goto('/#/proses/sop-555-02');
  await canvas.locator('[data-element-id="Task_Telaah"]').waitFor();
  await page.goto('/#/proses/sop-555-02/banding');
  await page.getByRole('heading', { name: /Bandingkan versi/ }).waitFor();
  await page.goto('/#/proses');
  await page.getByTestId('new-diagram').click();
  await page.getByLabel('Kunci proses').waitFor();
  await page.goBack();
  await page.getByTestId('new-diagram').waitFor();
  expect(asked.filter((u) => u.includes('undefined'))).toEqual([]);
  await context.close();
});

/**
 * A small diagram with lint problems (the task leads nowhere, there is no end event, a service
 * task that is no external task) and two import warnings: a drawing of an element the file does
 * not have.
 */
const LINT_PROBLEM_BPMN = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" id="Definitions_uji" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="sop-uji-berkas" name="Uji Berkas" isExecutable="true">
    <bpmn:startEvent id="Start_Uji" name="Mulai"><bpmn:outgoing>Flow_Uji</bpmn:outgoing></bpmn:startEvent>
    <bpmn:userTask id="Task_Uji" name="Telaah"><bpmn:incoming>Flow_Uji</bpmn:incoming></bpmn:userTask>
    <bpmn:sequenceFlow id="Flow_Uji" sourceRef="Start_Uji" targetRef="Task_Uji" />
    <bpmn:serviceTask id="Task_Layanan" name="Kirim otomatis" />
  </bpmn:process>
  <bpmndi:BPMNDiagram id="Diagram_Uji">
    <bpmndi:BPMNPlane id="Plane_Uji" bpmnElement="sop-uji-berkas">
      <bpmndi:BPMNShape id="Start_Uji_di" bpmnElement="Start_Uji"><dc:Bounds x="100" y="100" width="36" height="36" /></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="Task_Uji_di" bpmnElement="Task_Uji"><dc:Bounds x="200" y="78" width="100" height="80" /></bpmndi:BPMNShape>
      <bpmndi:BPMNEdge id="Flow_Uji_di" bpmnElement="Flow_Uji"><di:waypoint x="136" y="118" /><di:waypoint x="200" y="118" /></bpmndi:BPMNEdge>
      <bpmndi:BPMNShape id="Task_Layanan_di" bpmnElement="Task_Layanan"><dc:Bounds x="200" y="250" width="100" height="80" /></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="Task_Hilang_di" bpmnElement="Task_Hilang"><dc:Bounds x="350" y="78" width="100" height="80" /></bpmndi:BPMNShape>
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>
`;

it('a process owner opens .bpmn files from disk, sees lint problems and import warnings, deploys one and saves it', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'modeler-files-'));
  const lintFile = path.join(dir, 'uji-berkas.bpmn');
  fs.writeFileSync(lintFile, LINT_PROBLEM_BPMN);
  // The process owner's edit of SOP 555/02, made elsewhere and kept on disk.
  const renamed = 'Menelaah dan Mengklarifikasi Laporan (revisi berkas)';
  const validFile = path.join(dir, 'sop-555-02-revisi.bpmn');
  fs.writeFileSync(validFile, fs.readFileSync(path.join(PROCESSES_DIR, 'sop-555-02.bpmn'), 'utf8').replace('name="Mentelaah, Mengkonfirmasi dan Mengklarifikasi Laporan"', `name="${renamed}"`));

  const { context, page } = await signedIn(w.browser, w.server.url, 'pemilik-proses');
  const asked: string[] = [];
  page.on('request', (r) => asked.push(r.url()));
  await page.goto('/#/proses/sop-555-01');
  const canvas = page.getByTestId('modeler-canvas');
  await canvas.locator('.djs-element').first().waitFor();

  // The labelled button opens the system's file chooser.
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByText('Buka berkas .bpmn').click()]);
  await chooser.setFiles(lintFile);
  await canvas.locator('[data-element-id="Task_Uji"]').waitFor();
  const report = page.getByTestId('import-report');
  await report.getByText('Dibuka dari berkas uji-berkas.bpmn (proses sop-uji-berkas)').waitFor();
  // The import's warnings, counted and in Indonesian.
  await page.getByTestId('import-warning-count').filter({ hasText: '2 peringatan saat membuka diagram' }).waitFor();
  const warnings = await page.getByTestId('import-warnings').locator('li').allInnerTexts();
  expect(warnings).toEqual(['rujukan ke "Task_Hilang" tidak ditemukan di berkas.', 'gambar Task_Hilang_di (bpmndi:BPMNShape) tidak merujuk ke elemen mana pun dan tidak digambar.']);
  // Linted as usual: the count in the toolbar and the marks on the canvas.
  const lint = page.getByTestId('lint-toggle');
  await lint.filter({ hasText: /Pemeriksaan: [1-9]\d* kesalahan/ }).waitFor();
  expect(await canvas.locator('.bjsl-overlay').count()).toBeGreaterThan(0);
  // The support table's problem in Indonesian, naming the element (the deployment's 400 says it in English).
  const lintMessages = await page.locator('.bjsl-overlay .message').allTextContents();
  expect(lintMessages).toContain('Task_Layanan (bpmn:ServiceTask): hanya berjalan sebagai tugas eksternal (camunda:type="external" dengan camunda:topic); tidak ada kode yang dijalankan di mesin');
  expect(lintMessages.join(' ')).not.toMatch(/runs only as an external task/);

  // A file that is no diagram: an Indonesian error, and the diagram before it stays.
  const unreadable = path.join(dir, 'catatan.bpmn');
  fs.writeFileSync(unreadable, 'ini bukan diagram');
  await page.getByTestId('open-file').setInputFiles(unreadable);
  await page.getByTestId('open-error').filter({ hasText: 'Berkas "catatan.bpmn" tidak dapat dibuka' }).waitFor();
  expect(await page.getByTestId('open-error').innerText()).toContain('Diagram sebelumnya tetap ditampilkan.');
  await canvas.locator('[data-element-id="Task_Uji"]').waitFor();

  // Dropped onto the canvas: the corrected SOP 555/02, without warnings.
  const dataTransfer = await page.evaluateHandle(
    ({ xml, name }) => {
      const dt = new DataTransfer();
      dt.items.add(new File([xml], name, { type: 'application/xml' }));
      return dt;
    },
    { xml: fs.readFileSync(validFile, 'utf8'), name: path.basename(validFile) },
  );
  await canvas.dispatchEvent('dragover', { dataTransfer });
  await canvas.dispatchEvent('drop', { dataTransfer });
  await canvas.locator('[data-element-id="Task_Telaah"]').waitFor();
  expect(await canvas.locator('[data-element-id="Task_Uji"]').count()).toBe(0);
  expect(await page.getByTestId('open-error').count()).toBe(0);
  await report.getByText('Diagram terbuka tanpa peringatan.').waitFor();

  // Saved to disk under its process key, with the file's change in it.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Simpan ke berkas' }).click()]);
  expect(download.suggestedFilename()).toBe('sop-555-02.bpmn');
  const saved = path.join(dir, 'saved.bpmn');
  await download.saveAs(saved);
  expect(fs.readFileSync(saved, 'utf8')).toContain(renamed);

  // Deployed as the next version of its own key, and the editor moves to it.
  await page.getByTestId('deploy').click();
  await page.getByTestId('editor-status').filter({ hasText: 'Versi 2 terpasang' }).waitFor();
  await page.waitForURL(/#\/proses\/sop-555-02\?v=2$/);
  expect(await page.getByTestId('version-select').inputValue()).toBe('2');
  await canvas.locator('[data-element-id="Task_Telaah"]').waitFor();
  const api = await w.server.api('pemilik-proses');
  const versions = await api.call('GET', '/api/process-definitions/sop-555-02/versions');
  expect(versions.body.map((v: { version: number }) => v.version)).toEqual([1, 2]);

  expect(asked.filter((u) => u.includes('undefined'))).toEqual([]);
  fs.rmSync(dir, { recursive: true, force: true });
  await context.close();
});

it('a process owner changes a time standard in words: the dueDate, the "Waktu" line and the timers follow, and a missing late timer is drawn', async () => {
  const { context, page } = await signedIn(w.browser, w.server.url, 'pemilik-proses');
  await page.goto('/#/proses/sop-555-05');
  const canvas = page.getByTestId('modeler-canvas');
  await canvas.locator('[data-element-id="Task_Input"]').waitFor();
  const panel = page.getByTestId('properties-panel');
  const lint = page.getByTestId('lint-toggle');
  await lint.filter({ hasText: /Pemeriksaan: \d+ kesalahan/ }).waitFor();
  const lintBefore = await lint.innerText();

  // "Admin Utama Menginput…": 15 minutes in the SOP's words; ISO is not asked for.
  await page.getByTestId('element-picker').selectOption('Task_Input');
  const time = panel.getByLabel('Waktu (standar waktu tugas)');
  expect(await time.inputValue()).toBe('15 menit');
  // Nonsense is refused in Indonesian, and nothing changes.
  await time.fill('sebentar saja');
  await panel.getByText('Waktu "sebentar saja" tidak terbaca.', { exact: false }).waitFor();
  await time.fill('30 menit');
  await time.blur();
  await canvas.locator('[data-element-id="Task_Input_Lewat"]').waitFor();
  await canvas.locator('.djs-element.djs-shape', { hasText: 'Lewat 30 menit' }).waitFor();

  // A task without a standard ("Waktu: –") gets one: its late timer and the Kasi's notice appear.
  const shapesBefore = await canvas.locator('.djs-element.djs-shape').count();
  await page.getByTestId('element-picker').selectOption('Task_MenerimaLaporan');
  await time.fill('2 hari');
  await time.blur();
  await canvas.locator('.djs-element', { hasText: 'Lewat 2 hari' }).first().waitFor();
  await canvas.locator('.djs-element', { hasText: 'Beritahu Kasi' }).first().waitFor();
  expect(await canvas.locator('.djs-element.djs-shape').count()).toBeGreaterThan(shapesBefore);
  // No new lint problem: each late timer agrees with its task.
  expect(await lint.innerText()).toBe(lintBefore);

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Simpan ke berkas' }).click()]);
  const saved = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'waktu-')), 'sop-555-05.bpmn');
  await download.saveAs(saved);
  const xml = fs.readFileSync(saved, 'utf8');
  expect(xml).toMatch(/id="Task_Input"[^>]*camunda:dueDate="PT30M"/);
  expect(xml).toMatch(/<bpmn:boundaryEvent id="Task_Input_Lewat" name="Lewat 30 menit"[\s\S]*?<bpmn:timeDuration[^>]*>PT30M</);
  expect(xml).toMatch(/Waktu: 30 menit/);
  expect(xml).toMatch(/id="Task_MenerimaLaporan"[^>]*camunda:dueDate="P2D"/);
  // Shaped and named as the SOP diagrams' own: Task_X_Lewat → Task_X_Lewat_Beritahu → Task_X_Lewat_Selesai.
  expect(xml).toMatch(/<bpmn:boundaryEvent id="Task_MenerimaLaporan_Lewat" name="Lewat 2 hari"[^>]*>[\s\S]*?>P2D</);
  expect(xml).toMatch(/<bpmn:boundaryEvent id="Task_MenerimaLaporan_Lewat"[^>]*(cancelActivity="false"[^>]*attachedToRef="Task_MenerimaLaporan"|attachedToRef="Task_MenerimaLaporan"[^>]*cancelActivity="false")/);
  expect(xml).toMatch(/<bpmn:intermediateThrowEvent id="Task_MenerimaLaporan_Lewat_Beritahu" name="Beritahu Kasi">\s*<bpmn:extensionElements>\s*<camunda:properties>\s*<camunda:property name="notify" value="kasi" \/>\s*<camunda:property name="reason" value="terlambat" \/>/);
  expect(xml).toMatch(/<bpmn:endEvent id="Task_MenerimaLaporan_Lewat_Selesai" name="Kasi Diberitahu">/);
  await context.close();
});

it("offers a process owner the admin's groups beside the SOP roles as a task's performers, OPD-bound ones as id:${opd}", async () => {
  const admin = await w.server.api('admin-sistem');
  for (const group of [
    { id: 'keuangan-modeler', name: 'Bagian Keuangan', opdBound: false },
    { id: 'bendahara-modeler', name: 'Bendahara OPD', opdBound: true },
    { id: 'lama-modeler', name: 'Unit Lama', opdBound: false, active: false },
  ]) {
    expect((await admin.call('POST', '/api/groups', group)).status).toBe(201);
  }
  const { context, page } = await signedIn(w.browser, w.server.url, 'pemilik-proses');
  await page.goto('/#/proses/sop-555-02');
  const canvas = page.getByTestId('modeler-canvas');
  await canvas.locator('[data-element-id="Task_Telaah"]').waitFor();
  await page.getByTestId('element-picker').selectOption('Task_Telaah');
  const panel = page.getByTestId('properties-panel');
  const keuangan = panel.getByLabel('Kelompok Bagian Keuangan (keuangan-modeler)', { exact: true });
  const bendahara = panel.getByLabel('Kelompok Bendahara OPD (bendahara-modeler, OPD laporan)', { exact: true });
  await keuangan.waitFor();
  // The roles are still offered, the diagram's own choice ticked; an inactive group is not offered.
  expect(await panel.getByLabel('Pejabat Penghubung (OPD laporan)', { exact: true }).isChecked()).toBe(true);
  expect(await panel.getByText(/Unit Lama/).count()).toBe(0);
  expect(await keuangan.isChecked()).toBe(false);
  await keuangan.check();
  await bendahara.check();

  await page.getByTestId('deploy').click();
  await page.getByTestId('editor-status').filter({ hasText: /Versi \d+ terpasang/ }).waitFor();
  const owner = await w.server.api('pemilik-proses');
  const versions = (await owner.call('GET', '/api/process-definitions/sop-555-02/versions')).body as { version: number }[];
  const latest = versions[versions.length - 1].version;
  // The XML comes as application/xml: read it with the page's session.
  const xml = await page.evaluate(async (v) => (await fetch(`/api/process-definitions/sop-555-02/versions/${v}/xml`)).text(), latest);
  const groups = /id="Task_Telaah"[^>]*camunda:candidateGroups="([^"]*)"/.exec(xml)?.[1].split(',');
  expect(groups?.sort()).toEqual(['bendahara-modeler:${opd}', 'keuangan-modeler', 'pejabat-penghubung:${opd}']);
  await context.close();
});
