import { screenshot, signedIn } from './support/browser';
import { useServerAndBrowser } from './support/server';

/** Kinerja SOP: an auditor sees how each activity of an SOP version performed, on its diagram as a heatmap. */

const w = useServerAndBrowser();

const DIAGRAM = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d-kinerja-e2e" targetNamespace="http://example.org/test">
  <bpmn:process id="uji-kinerja-e2e" name="Uji Kinerja" isExecutable="true">
    <bpmn:extensionElements><camunda:properties><camunda:property name="calendar" value="hari-kerja"/></camunda:properties></bpmn:extensionElements>
    <bpmn:startEvent id="mulai"/>
    <bpmn:sequenceFlow id="f1" sourceRef="mulai" targetRef="input"/>
    <bpmn:userTask id="input" name="Input Laporan" camunda:candidateGroups="admin-utama" camunda:dueDate="PT1H"/>
    <bpmn:sequenceFlow id="f2" sourceRef="input" targetRef="akhir"/>
    <bpmn:endEvent id="akhir"/>
  </bpmn:process>
  <bpmndi:BPMNDiagram id="dia">
    <bpmndi:BPMNPlane id="plane" bpmnElement="uji-kinerja-e2e">
      <bpmndi:BPMNShape id="mulai_di" bpmnElement="mulai"><dc:Bounds x="100" y="100" width="36" height="36"/></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="input_di" bpmnElement="input"><dc:Bounds x="200" y="78" width="100" height="80"/></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="akhir_di" bpmnElement="akhir"><dc:Bounds x="360" y="100" width="36" height="36"/></bpmndi:BPMNShape>
      <bpmndi:BPMNEdge id="f1_di" bpmnElement="f1"><di:waypoint x="136" y="118"/><di:waypoint x="200" y="118"/></bpmndi:BPMNEdge>
      <bpmndi:BPMNEdge id="f2_di" bpmnElement="f2"><di:waypoint x="300" y="118"/><di:waypoint x="360" y="118"/></bpmndi:BPMNEdge>
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>`;

it('shows the auditor the SOP as a heatmap: a late activity in red, its figures in the table, and the late instance one click away', async () => {
  const owner = await w.server.api('pemilik-proses');
  expect((await owner.call('POST', '/api/deployments', { name: 'uji-kinerja-e2e.bpmn', xml: DIAGRAM })).status).toBe(201);
  const admin = await w.server.api('admin-utama');
  const started = await admin.call('POST', '/api/process-definitions/uji-kinerja-e2e/start', { businessKey: 'KINERJA-E2E' });
  expect(started.status).toBe(201);
  const [task] = (await admin.call('GET', '/api/tasks')).body.filter((x: { instanceId: string }) => x.instanceId === started.body.id);
  expect((await admin.call('POST', `/api/tasks/${task.id}/claim`, {})).status).toBe(200);
  // Two working hours later: past the hour the task was due in.
  expect((await admin.call('POST', '/api/_clock/advance', { ms: 2 * 3_600_000 })).status).toBe(200);
  expect((await admin.call('POST', `/api/tasks/${task.id}/complete`, { variables: {} })).status).toBe(200);

  const { context, page, foreign } = await signedIn(w.browser, w.server.url, 'auditor');
  await page.getByRole('link', { name: 'Kinerja SOP' }).click();
  await page.getByTestId('kinerja-form').waitFor();
  await page.goto(`${w.server.url}/#/kinerja?key=uji-kinerja-e2e&period=2026-11`);
  await page.locator('[data-testid="kinerja-diagram"][data-ready="true"]').waitFor();
  const activity = page.locator('[data-testid="kinerja-diagram"] .djs-element.heat-red[data-element-id="input"]');
  await activity.waitFor();
  expect(await activity.locator('title').textContent()).toMatch(/Input Laporan[\s\S]*Selesai: 1[\s\S]*Tepat waktu: 0%/);
  const fill = await activity.locator('.djs-visual > :first-child').evaluate((el) => getComputedStyle(el).fill);
  expect(fill).toBe('rgb(253, 226, 225)');
  const row = page.locator('[data-testid="kinerja-table"] tr[data-element="input"]');
  expect(await row.textContent()).toMatch(/Input Laporan.*1.*0%.*1/);
  expect(await page.getByTestId('kinerja-heading').textContent()).toBe('Uji Kinerja versi 1, November 2026');
  await screenshot(page, 'kinerja');

  // A click on the activity lists its late completion, linked to the instance's history.
  await activity.click();
  await page.waitForURL(/element=input/);
  const link = page.locator('[data-testid="kinerja-late"] a', { hasText: 'KINERJA-E2E' });
  await link.waitFor();
  expect(await link.getAttribute('href')).toBe(`#/riwayat/${started.body.id}`);
  expect(await page.getByTestId('kinerja-xlsx').textContent()).toBe('Unduh XLSX');
  const xlsx = await page.request.get((await page.getByTestId('kinerja-xlsx').getAttribute('href')) ?? '');
  expect([xlsx.status(), (await xlsx.body()).subarray(0, 2).toString('latin1')]).toEqual([200, 'PK']);
  expect(foreign).toEqual([]);
  await context.close();
});
