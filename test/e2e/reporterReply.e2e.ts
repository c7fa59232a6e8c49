import { PHONE, overflowsHorizontally, screenshot, signedIn } from './support/browser';
import { useServerAndBrowser } from './support/server';

/**
 * The reporter's reply (issue 11): the receipt shows the reply code once; on #/lacak, while SOP
 * 555/02 waits for "Tanggapan Pelapor", the reporter answers "Belum puas" with the code and the
 * complaint goes back into the Pejabat Penghubung's follow-up. The officers' steps in between go
 * through the API; the reporter's part and the receipt through the browser.
 */

const w = useServerAndBrowser();

const REPORTER = { name: 'Yohana Lestari', contact: '0812-4444-0177' };

it('a reporter replies "belum puas" on #/lacak and the complaint goes back into follow-up', async () => {
  // The Admin Penghubung enters the complaint and reads the receipt.
  const staff = await signedIn(w.browser, w.server.url, 'admin-penghubung');
  const page = staff.page;
  await page.goto('/#/pengaduan/baru');
  await page.getByLabel('Kanal pengaduan').selectOption('kanal-internal-opd');
  await page.getByLabel('Nama pelapor').fill(REPORTER.name);
  await page.getByLabel('Kontak pelapor (telepon/surel)').fill(REPORTER.contact);
  await page.getByLabel('Perihal').fill('Air bersih tidak mengalir');
  await page.getByLabel('Uraian pengaduan').fill('Air PDAM di Jalan Tambun Bungai tidak mengalir sejak tiga hari.');
  await page.getByRole('button', { name: 'Catat pengaduan' }).click();
  const trackingId = ((await page.getByTestId('tracking-id').textContent()) ?? '').trim();
  const replyCode = ((await page.getByTestId('reply-code').textContent()) ?? '').trim();
  expect(trackingId).toMatch(/^KPS-2026-\d{6}$/);
  expect(replyCode).toMatch(/^[2-9A-Z]{5}-[2-9A-Z]{5}$/);
  expect(await page.getByTestId('reply-code-hint').textContent()).toContain('Simpan kode ini');
  await screenshot(page, 'intake-reply-code');
  await staff.context.close();

  // SOP 555/06 → 555/02, up to the answer and "Terima Tanggapan Pelapor".
  const work = async (username: string, elementId: string, variables: Record<string, unknown> = {}) => {
    const api = await w.server.api(username);
    const detail = await (await w.server.api('admin-utama')).call('GET', `/api/complaints/${trackingId}`);
    const task = (detail.body.openTasks as { id: string; elementId: string }[]).find((x) => x.elementId === elementId);
    expect({ elementId, found: !!task }).toEqual({ elementId, found: true });
    expect((await api.call('POST', `/api/tasks/${task!.id}/claim`)).status).toBe(200);
    expect((await api.call('POST', `/api/tasks/${task!.id}/complete`, { variables })).status).toBe(200);
  };
  await work('admin-penghubung', 'Task_Menerima', { kanal: 'loket pengaduan' });
  await work('admin-penghubung', 'Task_Verifikasi', { lengkap: true });
  await work('pejabat-penghubung', 'Task_Disampaikan');
  await work('admin-penghubung', 'Task_Input', { sudahDitindaklanjuti: false });
  await work('admin-utama', 'Task_PenyaluranPengaduan', { opd: 'dinkes' });
  await work('pejabat-penghubung', 'Task_Telaah', { lengkap: true, perluPemeriksaan: false, jawaban: 'Pipa bocor sudah diperbaiki petugas PDAM.' });

  // The reporter, on a phone, without an account.
  const context = await w.browser.newContext({ baseURL: w.server.url, viewport: PHONE });
  const reporter = await context.newPage();
  await reporter.goto(`/#/lacak?id=${trackingId}`);
  await reporter.getByTestId('track-result').waitFor();
  expect(await reporter.getByTestId('track-subject').textContent()).toBe('Air bersih tidak mengalir');
  expect(await reporter.getByTestId('track-answers').textContent()).toContain('Pipa bocor sudah diperbaiki');
  expect(await reporter.getByText('Dijawab pada').count()).toBe(1);
  const form = reporter.getByTestId('reply-form');
  await form.waitFor();

  // A mistyped code is refused in Indonesian; nothing moves.
  await reporter.getByLabel('Kode tanggapan').fill('AAAAA-BBBBB');
  await reporter.getByLabel('Belum puas').check();
  await reporter.getByRole('textbox', { name: 'Tanggapan Anda' }).fill('Air masih belum mengalir di rumah saya.');
  await reporter.getByRole('button', { name: 'Kirim tanggapan' }).click();
  await form.getByRole('alert').waitFor();
  expect(await form.getByRole('alert').textContent()).toContain('Kode tanggapan salah');

  await reporter.getByLabel('Kode tanggapan').fill(replyCode.toLowerCase());
  expect(await overflowsHorizontally(reporter)).toBe(false);
  await screenshot(reporter, 'public-reply');
  await reporter.getByRole('button', { name: 'Kirim tanggapan' }).click();
  await reporter.getByTestId('reply-sent').waitFor();
  await reporter.getByTestId('track-result').waitFor();
  expect(await reporter.getByTestId('reply-form').count()).toBe(0);
  const text = (await reporter.textContent('body')) ?? '';
  expect(text).not.toContain(REPORTER.name);
  expect(text).not.toContain(REPORTER.contact);

  // English via the switch.
  await reporter.getByRole('button', { name: 'English' }).click();
  await reporter.getByText('Subject', { exact: true }).waitFor();
  expect(await reporter.getByTestId('track-status').textContent()).toBe('In progress');
  await context.close();

  // Back into follow-up: the Pejabat Penghubung has a new Telaah of this complaint.
  const detail = await (await w.server.api('admin-utama')).call('GET', `/api/complaints/${trackingId}`);
  expect((detail.body.openTasks as { elementId: string }[]).map((x) => x.elementId)).toEqual(['Task_Telaah']);
  const officer = await signedIn(w.browser, w.server.url, 'pejabat-penghubung');
  await officer.page.goto('/#/tugas');
  await officer.page.getByRole('tab', { name: /Tugas kelompok/ }).click();
  await officer.page.getByLabel('Cari nomor lacak atau teks').fill(trackingId);
  await officer.page.getByRole('button', { name: 'Cari', exact: true }).click();
  await officer.page.getByRole('link', { name: /Mentelaah/ }).first().click();
  // The task's history shows the reply, by "Pelapor", never by name.
  const shown = officer.page.getByTestId('history-reply');
  await shown.waitFor();
  expect(await shown.textContent()).toContain('pelapor belum puas');
  expect(await shown.textContent()).toContain('Air masih belum mengalir di rumah saya.');
  const history = (await officer.page.getByTestId('history').textContent()) ?? '';
  expect(history).toContain('Pelapor');
  expect(history).not.toContain(REPORTER.name);
  await screenshot(officer.page, 'task-after-reply');
  await officer.context.close();
});
