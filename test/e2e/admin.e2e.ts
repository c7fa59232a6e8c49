import { screenshot, signedIn } from './support/browser';
import { useServerAndBrowser } from './support/server';
import { ApiClient } from '../support/serverProcess';

/** The system's keeping in the browser (admin-sistem): users with their roles, groups and OPD, the holiday calendar, the OPDs. */

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

it('lets the Admin Sistem add a group beyond the SOP roles and put a user in it, who then sees its tasks', async () => {
  const { context, page } = await signedIn(w.browser, w.server.url, 'admin-sistem');
  await page.getByRole('link', { name: 'Grup', exact: true }).click();
  const form = page.getByTestId('group-form');
  // An SOP role's id is refused by the server, in its words.
  await form.getByLabel('Kode').fill('kasi');
  await form.getByLabel('Nama grup').fill('Kasi kedua');
  await form.getByRole('button', { name: 'Simpan grup' }).click();
  await page.getByRole('alert').filter({ hasText: 'Kode "kasi" sudah dipakai oleh peran SOP' }).waitFor();
  await form.getByLabel('Kode').fill('keuangan');
  await form.getByLabel('Nama grup').fill('Bagian Keuangan');
  await form.getByRole('button', { name: 'Simpan grup' }).click();
  const row = page.getByTestId('groups').locator('tr[data-group="keuangan"]');
  await row.filter({ hasText: 'Aktif' }).waitFor();
  await screenshot(page, 'admin-groups');

  // A diagram may now offer a task to the group.
  const owner = await w.server.api('pemilik-proses');
  const xml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d-keu" targetNamespace="http://example.org/test">
  <bpmn:process id="uji-keuangan" name="Ganti rugi" isExecutable="true">
    <bpmn:startEvent id="start"/>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="Task_Bayar"/>
    <bpmn:userTask id="Task_Bayar" name="Bayar ganti rugi" camunda:candidateGroups="keuangan"/>
    <bpmn:sequenceFlow id="f2" sourceRef="Task_Bayar" targetRef="end"/>
    <bpmn:endEvent id="end"/>
  </bpmn:process>
</bpmn:definitions>`;
  expect((await owner.call('POST', '/api/deployments', { name: 'uji-keuangan.bpmn', xml })).status).toBe(201);
  const started = await owner.call('POST', '/api/process-definitions/uji-keuangan/start', {});
  expect(started.status).toBe(201);

  await page.getByRole('link', { name: 'Pengguna' }).click();
  await page.getByTestId('user-new').click();
  const userForm = page.getByTestId('user-form');
  await userForm.getByLabel('Nama pengguna').fill('rina.keuangan');
  await userForm.getByLabel('Surel (untuk pemberitahuan)').fill('rina@kapuas.example');
  await userForm.getByLabel('Kata sandi').fill('rahasia-rina-1');
  await userForm.getByTestId('group-keuangan').check();
  await userForm.getByRole('button', { name: 'Buat pengguna' }).click();
  await page.getByTestId('users-notice').filter({ hasText: 'Pengguna rina.keuangan dibuat.' }).waitFor();
  expect(await page.getByTestId('users').locator('tr[data-username="rina.keuangan"]').textContent()).toContain('Bagian Keuangan');

  const rina = await signedIn(w.browser, w.server.url, 'rina.keuangan', undefined, 'rahasia-rina-1');
  await rina.page.getByRole('tab', { name: /Tugas kelompok/ }).click();
  await rina.page.getByRole('link', { name: 'Bayar ganti rugi' }).waitFor();
  // A group gives its tasks, not the keeping or the complaints.
  expect(await rina.page.getByRole('link', { name: 'Pengguna' }).count()).toBe(0);
  await rina.context.close();

  await page.getByRole('link', { name: 'Grup', exact: true }).click();
  await row.filter({ hasText: '1' }).getByRole('button', { name: 'Nonaktifkan' }).click();
  await row.filter({ hasText: 'Nonaktif' }).waitFor();
  // A deactivated group offers its member nothing any more.
  const left = await (await new ApiClient(w.server.url).login('rina.keuangan', 'rahasia-rina-1')).call('GET', '/api/worklist?scope=group');
  expect(left.body.items).toEqual([]);
  await context.close();
});
