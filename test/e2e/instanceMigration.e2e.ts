import fs from 'node:fs';
import path from 'node:path';
import { signedIn } from './support/browser';
import { PROCESSES_DIR, useServerAndBrowser } from './support/server';

/**
 * The process owner revises SOP 555/05's verification time standard (1 → 3 working days) and
 * moves the complaints already waiting in it to the new version from the modeler: the preview
 * shows each complaint's old and new due date, the move runs with a progress bar.
 */

const w = useServerAndBrowser();

it('the process owner previews and moves running complaints to the revised version', async () => {
  const au = await w.server.api('admin-utama');
  const trackingIds: string[] = [];
  for (const subject of ['Lampu jalan padam di Selat', 'Drainase tersumbat di Mandomai', 'Jalan berlubang di Pulau Petak', 'Sampah menumpuk di Kuala Kapuas']) {
    const made = await au.call('POST', '/api/complaints', { channel: 'whatsapp', subject, description: 'Mohon ditindaklanjuti' });
    expect(made.status).toBe(201);
    const trackingId = made.body.trackingId as string;
    const task = ((await au.call('GET', `/api/complaints/${trackingId}`)).body.openTasks as { id: string; name: string }[]).find(
      (t) => t.name === 'Menerima Laporan melalui Kanal di Luar LAPOR',
    )!;
    expect((await au.call('POST', `/api/tasks/${task.id}/claim`)).status).toBe(200);
    expect((await au.call('POST', `/api/tasks/${task.id}/complete`, { variables: { kanal: 'WhatsApp' } })).status).toBe(200);
    trackingIds.push(trackingId);
  }

  const owner = await w.server.api('pemilik-proses');
  const revised = fs
    .readFileSync(path.join(PROCESSES_DIR, 'sop-555-05.bpmn'), 'utf8')
    .replace('camunda:dueDate="P1D"', 'camunda:dueDate="P3D"')
    .replace('<bpmn:timeDuration xsi:type="bpmn:tFormalExpression">P1D</bpmn:timeDuration>', '<bpmn:timeDuration xsi:type="bpmn:tFormalExpression">P3D</bpmn:timeDuration>');
  const deployed = await owner.call('POST', '/api/deployments', { name: 'sop-555-05.bpmn', xml: revised });
  expect(deployed.status).toBe(201);
  expect(deployed.body.version).toBe(2);

  const { context, page } = await signedIn(w.browser, w.server.url, 'pemilik-proses');
  await page.goto('/#/proses/sop-555-05');
  await page.getByTestId('migrate-link').click();
  await page.getByRole('heading', { name: /^Pindahkan instans/ }).waitFor();
  expect(await page.getByTestId('migrate-from').inputValue()).toBe('1');
  expect(await page.getByTestId('migrate-to').inputValue()).toBe('2');

  await page.getByTestId('migrate-preview').click();
  const rows = page.getByTestId('migrate-row');
  await rows.first().waitFor();
  expect(await rows.count()).toBe(4);
  for (const trackingId of trackingIds) {
    const row = rows.filter({ hasText: trackingId });
    // Tuesday 08.00 (1 working day) becomes Thursday 08.00 (3), for the task and its timer.
    expect(await row.innerText()).toMatch(/17 Nov 2026[^→]*08[.:]00 → 19 Nov 2026[^→]*08[.:]00/);
  }
  // The preview changed nothing.
  const before = await owner.call('GET', `/api/complaints/${trackingIds[0]}`);
  expect((before.body.openTasks as { dueAt: string }[])[0].dueAt).toBe('2026-11-17T01:00:00.000Z');

  // Between the preview and the move, the fourth complaint is found incomplete and ends on version 1.
  const ended = trackingIds[3];
  const verify = ((await au.call('GET', `/api/complaints/${ended}`)).body.openTasks as { id: string }[])[0];
  expect((await au.call('POST', `/api/tasks/${verify.id}/claim`)).status).toBe(200);
  expect((await au.call('POST', `/api/tasks/${verify.id}/complete`, { variables: { lengkap: false } })).status).toBe(200);

  await page.getByTestId('migrate-run').click();
  await page.getByTestId('migrate-outcome').filter({ hasText: '3 instans dipindahkan ke versi 2; 1 gagal.' }).waitFor();
  expect(await page.getByTestId('migrate-progress').getAttribute('value')).toBe('4');
  expect(await page.getByTestId('migrate-failures').innerText()).toContain(`${ended}: Instans ini tidak lagi berjalan pada versi asal`);

  for (const trackingId of trackingIds.slice(0, 3)) {
    const detail = (await owner.call('GET', `/api/complaints/${trackingId}`)).body as { openTasks: { dueAt: string; name: string }[] };
    expect(detail.openTasks).toEqual([expect.objectContaining({ name: 'Laporan Diverifikasi oleh Admin Utama', dueAt: '2026-11-19T01:00:00.000Z' })]);
  }
  await context.close();

  // The instance's timeline says it moved, and what moved with it.
  const auditor = await w.server.api('auditor');
  const [instance] = (await auditor.call('GET', `/api/instances?businessKey=${trackingIds[0]}`)).body as { id: string }[];
  const reader = await signedIn(w.browser, w.server.url, 'auditor');
  await reader.page.goto(`/#/riwayat/${instance.id}`);
  const entry = reader.page.getByTestId('timeline-entry').filter({ hasText: 'Dipindahkan v1 → v2' });
  await entry.waitFor();
  expect(await entry.innerText()).toMatch(/Batas waktu Laporan Diverifikasi oleh Admin Utama[\s\S]*17 Nov 2026[^→]*→ 19 Nov 2026/);
  await reader.context.close();
});
