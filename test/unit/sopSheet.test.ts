import fs from 'node:fs';
import path from 'node:path';
import { buildSopSheet } from '../../src/reports/sopSheet/buildSopSheet';
import { flowOf } from '../../src/reports/sopSheet/flowchart';
import { stepDocumentation } from '../../src/reports/sopSheet/stepDocumentation';
import { dateWords, durationWords, instantWords } from '../../src/reports/sopSheet/words';

/** A small SOP: two lanes, a decision made in a task, a loop back, a reminder and a late notice. */
const DIAGRAM = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="d" targetNamespace="http://example.org/sop">
  <bpmn:process id="sop-uji" name="SOP Uji" isExecutable="true">
    <bpmn:extensionElements>
      <camunda:properties>
        <camunda:property name="sop-number" value="123/01/UJI/2026" />
        <camunda:property name="date-made" value="2026-01-05" />
        <camunda:property name="date-revised" value="-" />
        <camunda:property name="legal-basis" value="Undang-undang A | Peraturan B" />
        <camunda:property name="related" value="-" />
      </camunda:properties>
    </bpmn:extensionElements>
    <bpmn:laneSet id="ls">
      <bpmn:lane id="Lane_Admin" name="Admin Utama"><bpmn:flowNodeRef>Start</bpmn:flowNodeRef><bpmn:flowNodeRef>Task_Susun</bpmn:flowNodeRef><bpmn:flowNodeRef>Task_Arsip</bpmn:flowNodeRef><bpmn:flowNodeRef>End</bpmn:flowNodeRef></bpmn:lane>
      <bpmn:lane id="Lane_Kasi" name="Kasi"><bpmn:flowNodeRef>Task_Periksa</bpmn:flowNodeRef><bpmn:flowNodeRef>Gw</bpmn:flowNodeRef><bpmn:flowNodeRef>Late</bpmn:flowNodeRef><bpmn:flowNodeRef>Notify</bpmn:flowNodeRef><bpmn:flowNodeRef>LateEnd</bpmn:flowNodeRef></bpmn:lane>
    </bpmn:laneSet>
    <bpmn:startEvent id="Start" name="Awal Bulan" />
    <bpmn:userTask id="Task_Susun" name="Menyusun Laporan" camunda:dueDate="PT7H30M">
      <bpmn:documentation>Persyaratan/Kelengkapan: Data aduan
Input: –
Output: Draf laporan
Keterangan: Memakai form yang ada
lihat juga SOP 555/03
Data: set \`draf\`</bpmn:documentation>
    </bpmn:userTask>
    <bpmn:userTask id="Task_Periksa" name="Kasi Memeriksa Laporan" camunda:dueDate="P1D">
      <bpmn:documentation>Waktu: 1-2 hari
Output: Laporan diparaf</bpmn:documentation>
    </bpmn:userTask>
    <bpmn:boundaryEvent id="Late" name="Lewat 1 hari" attachedToRef="Task_Periksa" cancelActivity="false"><bpmn:timerEventDefinition><bpmn:timeDuration xsi:type="bpmn:tFormalExpression">P1D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
    <bpmn:intermediateThrowEvent id="Notify" name="Beritahu Kabid" />
    <bpmn:endEvent id="LateEnd" />
    <bpmn:exclusiveGateway id="Gw" name="Laporan sesuai?" default="f_no" />
    <bpmn:userTask id="Task_Arsip" name="Mengarsipkan Laporan" />
    <bpmn:endEvent id="End" name="Laporan Terarsip" />
    <bpmn:sequenceFlow id="f1" sourceRef="Start" targetRef="Task_Susun" />
    <bpmn:sequenceFlow id="f2" sourceRef="Task_Susun" targetRef="Task_Periksa" />
    <bpmn:sequenceFlow id="f3" sourceRef="Task_Periksa" targetRef="Gw" />
    <bpmn:sequenceFlow id="f_yes" name="Sesuai" sourceRef="Gw" targetRef="Task_Arsip"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">\${sesuai}</bpmn:conditionExpression></bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="f_no" name="Perbaiki" sourceRef="Gw" targetRef="Task_Susun" />
    <bpmn:sequenceFlow id="f4" sourceRef="Task_Arsip" targetRef="End" />
    <bpmn:sequenceFlow id="f5" sourceRef="Late" targetRef="Notify" />
    <bpmn:sequenceFlow id="f6" sourceRef="Notify" targetRef="LateEnd" />
  </bpmn:process>
</bpmn:definitions>`;

describe('SOP sheet model', () => {
  it('reads the identity block from the process properties, lists split at "|", dates in Indonesian', async () => {
    const s = await buildSopSheet({ key: 'sop-uji', version: 3, deployedAt: '2026-12-04T01:15:00Z', xml: DIAGRAM });
    expect(s.identity).toMatchObject({
      number: '123/01/UJI/2026',
      title: 'SOP Uji',
      dateMade: '05 Januari 2026',
      dateRevised: '-',
      dateEffective: '',
      legalBasis: ['Undang-undang A', 'Peraturan B'],
      related: [],
      warnings: [],
    });
    expect([s.version, s.deployedAtText]).toEqual([3, '04 Desember 2026 08.15 WIB']);
    expect(s.lanes.map((l) => l.name)).toEqual(['Admin Utama', 'Kasi']);
  });

  it('numbers the steps along the flow, makes the task before a gateway a Ya/Tidak decision and keeps a loop back as an edge', async () => {
    const s = await buildSopSheet({ key: 'sop-uji', version: 1, deployedAt: '2026-12-04T01:15:00Z', xml: DIAGRAM });
    expect(s.rows.map((r) => [r.no, r.shape, r.activity, r.lane, r.time])).toEqual([
      ['', 'terminator', 'Awal Bulan', 0, ''],
      ['1', 'activity', 'Menyusun Laporan', 0, '7,5 jam'],
      ['2', 'decision', 'Kasi Memeriksa Laporan', 1, '1-2 hari'],
      ['3', 'activity', 'Mengarsipkan Laporan', 0, ''],
      ['', 'terminator', 'Laporan Terarsip', 0, ''],
    ]);
    // "Sesuai" is ${sesuai}: Ya; the default "Perbaiki" goes back to row 1: Tidak.
    expect(s.rows[2].next).toEqual([
      { to: 3, label: 'Ya' },
      { to: 1, label: 'Tidak' },
    ]);
    expect(s.rows[1]).toMatchObject({ requirement: 'Data aduan', input: '', output: 'Draf laporan', remarks: ['Memakai form yang ada', 'lihat juga SOP 555/03'] });
    expect(s.rows[2].remarks).toEqual(['Keputusan: Laporan sesuai?', 'Lewat 1 hari: Beritahu Kabid']);
    expect(s.hasInput).toBe(false);
  });

  it('draws a flow to the next row as a line and any other as lettered connectors', async () => {
    const s = await buildSopSheet({ key: 'sop-uji', version: 1, deployedAt: '2026-12-04T01:15:00Z', xml: DIAGRAM });
    const f = flowOf(s);
    expect(f.map((r) => r.text)).toEqual(['Mulai', '1', '2', '3', 'Selesai']);
    expect(f[2]).toMatchObject({ inFromLane: 0, outDown: { label: 'Ya' }, connectorsOut: [{ letter: 'A', label: 'Tidak' }] });
    expect(f[1].connectorsIn).toEqual(['A']);
    expect(f[4].outDown).toBeUndefined();
  });

  it('numbers a side branch after the row it leaves: SOP 555/05 has 1–7 and 3a', async () => {
    const xml = fs.readFileSync(path.resolve(__dirname, '..', '..', 'processes', 'sop-555-05.bpmn'), 'utf8');
    const s = await buildSopSheet({ key: 'sop-555-05', version: 1, deployedAt: '2026-12-04T01:15:00Z', xml });
    expect(s.rows.filter((r) => r.no).map((r) => [r.no, r.time])).toEqual([
      ['1', ''],
      ['2', '1 hari'],
      ['3', '15 menit'],
      ['3a', ''],
      ['4', '15 menit'],
      ['5', '15 menit'],
      ['6', '3 hari'],
      ['7', ''],
    ]);
    expect(s.rows.find((r) => r.no === '7')?.calls).toBe('sop-555-01');
  });

  it('draws a boundary event that ends the process as a branch: 555/06 closes a report after 10 days without reply', async () => {
    const xml = fs.readFileSync(path.resolve(__dirname, '..', '..', 'processes', 'sop-555-06.bpmn'), 'utf8');
    const s = await buildSopSheet({ key: 'sop-555-06', version: 1, deployedAt: '2026-12-04T01:15:00Z', xml });
    const pantau = s.rows.find((r) => r.elementId === 'Task_Pantau')!;
    const closing = pantau.next.find((e) => e.label === 'Tanpa tanggapan 10 hari');
    expect(closing && [s.rows[closing.to].shape, s.rows[closing.to].activity]).toEqual(['terminator', 'Laporan Selesai']);
  });
});

describe('SOP sheet words', () => {
  it('says durations, dates and instants as the sheets do', () => {
    expect(['P1D', 'PT15M', 'PT7H30M', 'PT1H', 'PT90M', 'P2DT1H', '${due}', ''].map(durationWords)).toEqual(['1 hari', '15 menit', '7,5 jam', '1 jam', '1,5 jam', '2 hari 1 jam', '', '']);
    expect(['2023-12-07', '-', ''].map(dateWords)).toEqual(['07 Desember 2023', '-', '']);
    expect(instantWords('2026-12-31T17:00:00Z')).toBe('01 Januari 2027 00.00 WIB');
  });

  it('reads the documentation fields, a dash as nothing, and leaves the engine lines out', () => {
    expect(stepDocumentation('Persyaratan/Kelengkapan: A\nInput: –\nWaktu: 3 hari\nKeputusan: set `x`\nlanjutan keputusan\nOutput: B')).toEqual({
      requirement: 'A',
      input: '',
      output: 'B',
      time: '3 hari',
      remarks: '',
      description: '',
    });
  });
});
