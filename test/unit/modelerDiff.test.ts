/// <reference path="../../web/src/modeler/bpmn-js-differ.d.ts" />
import fs from 'node:fs';
import path from 'node:path';
import BpmnModdle from 'bpmn-moddle';
import camundaDescriptor from 'camunda-bpmn-moddle/resources/camunda.json';
import { diffDefinitions, formatChange, type ElementChange } from '../../web/src/modeler/diagramDiff';

/*
 * bpmn-js-differ's CommonJS build requires min-dash 5, which is ESM-only: jest's CommonJS runtime
 * cannot load it (plain Node's require(esm) can). Here it gets the hoisted min-dash 4, which has
 * every helper the differ uses.
 */
jest.mock(
  require.resolve('min-dash', { paths: [require('node:path').dirname(require.resolve('bpmn-js-differ/package.json'))] }),
  () => jest.requireActual(require.resolve('min-dash', { paths: [__dirname] })),
);

// The comparison page's diff (web/src/modeler/diagramDiff.ts) on the real SOP 555/05 diagram.
const original = fs.readFileSync(path.join(__dirname, '../../processes/sop-555-05.bpmn'), 'utf8');

async function definitions(xml: string): Promise<unknown> {
  const moddle = new BpmnModdle({ camunda: camundaDescriptor });
  return (await moddle.fromXML(xml)).rootElement;
}

function edit(xml: string, from: string | RegExp, to: string | ((match: string, ...groups: string[]) => string)): string {
  const next = typeof to === 'string' ? xml.replace(from, to) : xml.replace(from, to);
  if (next === xml) throw new Error(`test edit did not apply: ${String(from)}`);
  return next;
}

async function compare(changed: string): Promise<Map<string, ElementChange>> {
  const list = diffDefinitions(await definitions(original), await definitions(changed));
  return new Map(list.map((c) => [c.id, c]));
}

function attr(change: ElementChange | undefined, p: string) {
  const found = change?.attrs.find((a) => a.path === p);
  if (!found) throw new Error(`no change of ${p} in ${JSON.stringify(change?.attrs.map((a) => a.path))}`);
  return found;
}

describe('comparing two versions of an SOP diagram', () => {
  it('finds nothing between identical versions', async () => {
    expect((await compare(original)).size).toBe(0);
  });

  it('names a changed due date with version A as old and version B as new value', async () => {
    const changes = await compare(edit(original, 'camunda:dueDate="P1D"', 'camunda:dueDate="P3D"'));
    const task = changes.get('Task_Verifikasi');
    expect(task?.kinds).toEqual(['changed']);
    expect(task?.type).toBe('UserTask');
    expect(task?.name).toBe('Laporan Diverifikasi oleh Admin Utama');
    expect(attr(task, 'dueDate')).toMatchObject({ oldValue: 'P1D', newValue: 'P3D' });
    expect(changes.size).toBe(1);
  });

  it('attributes a timer duration to its boundary event', async () => {
    const changed = edit(
      original,
      '<bpmn:timeDuration xsi:type="bpmn:tFormalExpression">P1D</bpmn:timeDuration>',
      '<bpmn:timeDuration xsi:type="bpmn:tFormalExpression">P2D</bpmn:timeDuration>',
    );
    const timer = (await compare(changed)).get('Task_Verifikasi_Lewat');
    expect(formatChange(attr(timer, 'timer › timeDuration'))).toEqual(['P1D', 'P2D']);
  });

  it('lists camunda properties by name: changed, added and removed', async () => {
    let changed = edit(original, '<camunda:property name="notify" value="kasi" />', '<camunda:property name="notify" value="kabid" />');
    changed = edit(changed, '<camunda:property name="district" value="kapuas" />', '');
    changed = edit(
      changed,
      /(<bpmn:boundaryEvent id="Task_Input_Lewat"[^>]*>)/,
      '$1<bpmn:extensionElements><camunda:properties><camunda:property name="calendar" value="hari-kerja" /></camunda:properties></bpmn:extensionElements>',
    );
    const changes = await compare(changed);
    expect(attr(changes.get('Task_Verifikasi_Lewat_Beritahu'), 'notify')).toMatchObject({ oldValue: 'kasi', newValue: 'kabid' });
    // A process's properties show on its pool.
    expect(attr(changes.get('Participant_sop-555-05'), 'district')).toMatchObject({ oldValue: 'kapuas', newValue: undefined });
    expect(attr(changes.get('Task_Input_Lewat'), 'calendar')).toMatchObject({ oldValue: undefined, newValue: 'hari-kerja' });
  });

  it('tells an attribute that appeared from one that went away', async () => {
    let changed = edit(original, 'camunda:dueDate="PT15M"', '');
    changed = edit(
      changed,
      'name="Menerima Laporan melalui Kanal di Luar LAPOR" camunda:candidateGroups="admin-utama"',
      'name="Menerima Laporan melalui Kanal di Luar LAPOR" camunda:candidateGroups="admin-utama,kasi"',
    );
    const changes = await compare(changed);
    expect(attr(changes.get('Task_Input'), 'dueDate')).toMatchObject({ oldValue: 'PT15M', newValue: undefined });
    expect(attr(changes.get('Task_MenerimaLaporan'), 'candidateGroups')).toMatchObject({ oldValue: 'admin-utama', newValue: 'admin-utama,kasi' });
  });

  it('marks removed and added elements and moved shapes', async () => {
    let changed = edit(original, /<bpmn:endEvent id="End_TidakLengkap"[\s\S]*?<\/bpmn:endEvent>/, '');
    changed = edit(changed, /<bpmndi:BPMNShape id="End_TidakLengkap_di"[\s\S]*?<\/bpmndi:BPMNShape>/, '');
    changed = edit(
      changed,
      '<bpmn:startEvent id="Start_LaporanMasuk" name="Laporan Masuk di Luar LAPOR">',
      '<bpmn:task id="Task_Baru" name="Catat Kanal" /><bpmn:startEvent id="Start_LaporanMasuk" name="Laporan Masuk di Luar LAPOR">',
    );
    changed = edit(changed, /(<bpmndi:BPMNShape id="Task_Verifikasi_di"[^>]*>\s*<dc:Bounds x=")(\d+)/, (_m: string, head: string, x: string) => `${head}${Number(x) + 40}`);
    const changes = await compare(changed);
    expect(changes.get('End_TidakLengkap')?.kinds).toEqual(['removed']);
    expect(changes.get('Task_Baru')).toMatchObject({ kinds: ['added'], name: 'Catat Kanal', type: 'Task' });
    expect(changes.get('Task_Verifikasi')?.kinds).toEqual(['layout']);
  });

  it('cuts long documentation around its first difference', async () => {
    const changed = edit(original, 'Keterangan: Menerima laporan melalui SMS', 'Keterangan: Menerima laporan melalui Telegram, SMS');
    const [from, to] = formatChange(attr((await compare(changed)).get('Task_MenerimaLaporan'), 'documentation'));
    expect(from.startsWith('…')).toBe(true);
    expect(to).toContain('Telegram');
    expect(from).not.toContain('Telegram');
  });
});
