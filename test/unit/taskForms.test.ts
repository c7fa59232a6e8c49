import fs from 'node:fs';
import path from 'node:path';
import { compileDiagram } from '../../src/engine/bpmnDefinition';
import { readTaskForm, validateTaskForm, type TaskFormDefinition } from '../../src/engine/taskForms';
import { recapOf } from '../../src/engine/taskRecap';

/** A one-task diagram whose user task carries the given formData children. */
function diagram(formFields: string, taskId = 'Task_A'): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="D" targetNamespace="t">
  <bpmn:process id="p" isExecutable="true">
    <bpmn:startEvent id="S" />
    <bpmn:userTask id="${taskId}" name="A">
      <bpmn:documentation>Output: Hasil telaah
Waktu: 1 hari</bpmn:documentation>
      <bpmn:extensionElements>
        <camunda:formData>${formFields}</camunda:formData>
      </bpmn:extensionElements>
    </bpmn:userTask>
    <bpmn:sequenceFlow id="F1" sourceRef="S" targetRef="${taskId}" />
  </bpmn:process>
</bpmn:definitions>`;
}

const required = '<camunda:validation><camunda:constraint name="required" /></camunda:validation>';

async function formOf(formFields: string): Promise<TaskFormDefinition> {
  const { processes } = await compileDiagram(diagram(formFields));
  return processes[0].taskForms.get('Task_A')!;
}

describe('reading camunda:formData', () => {
  it('reads fields with type, label, required, properties, enum values and typed defaults', async () => {
    const form = await formOf(`
      <camunda:formField id="lengkap" label="Laporan lengkap?" type="boolean">${required}</camunda:formField>
      <camunda:formField id="opd" label="OPD tujuan" type="string">
        <camunda:properties><camunda:property id="source" value="opd" /><camunda:property id="requiredIf" value="lengkap" /></camunda:properties>
      </camunda:formField>
      <camunda:formField id="jawaban" label="Jawaban / tindak lanjut" type="string">
        <camunda:properties><camunda:property id="multiline" value="true" /></camunda:properties>
      </camunda:formField>
      <camunda:formField id="jumlah" label="Jumlah" type="long" defaultValue="3" />
      <camunda:formField id="tanggal" label="Tanggal" type="date" />
      <camunda:formField id="kanal" label="Kanal" type="enum" defaultValue="sms">
        <camunda:value id="sms" name="SMS" /><camunda:value id="wa" name="WhatsApp" />
      </camunda:formField>`);
    expect(form.documentation).toBe('Output: Hasil telaah\nWaktu: 1 hari');
    expect(form.hasFormData).toBe(true);
    expect(form.fields).toEqual([
      { id: 'lengkap', label: 'Laporan lengkap?', type: 'boolean', required: true, multiline: false },
      { id: 'opd', label: 'OPD tujuan', type: 'string', required: false, requiredIf: 'lengkap', multiline: false, source: 'opd' },
      { id: 'jawaban', label: 'Jawaban / tindak lanjut', type: 'string', required: false, multiline: true },
      { id: 'jumlah', label: 'Jumlah', type: 'long', required: false, multiline: false, defaultValue: 3 },
      { id: 'tanggal', label: 'Tanggal', type: 'date', required: false, multiline: false },
      {
        id: 'kanal',
        label: 'Kanal',
        type: 'enum',
        required: false,
        multiline: false,
        values: [{ id: 'sms', name: 'SMS' }, { id: 'wa', name: 'WhatsApp' }],
        defaultValue: 'sms',
      },
    ]);
  });

  it('a task without formData has no form (any variables allowed) but keeps its documentation', async () => {
    const { processes } = await compileDiagram(diagram('').replace(/<bpmn:extensionElements>[\s\S]*<\/bpmn:extensionElements>/, ''));
    expect(processes[0].taskForms.get('Task_A')).toEqual({ documentation: 'Output: Hasil telaah\nWaktu: 1 hari', hasFormData: false, fields: [] });
  });

  it.each([
    ['<camunda:formField id="x" label="X" type="money" />', 'task Task_A, form field x: type "money" is not one of string, long, boolean, date, enum'],
    ['<camunda:formField id="x" label="X" type="enum" />', 'task Task_A, form field x: an enum needs <camunda:value> entries or a source property'],
    ['<camunda:formField id="x" label="X" type="long" defaultValue="1.5" />', 'task Task_A, form field x: defaultValue "1.5" is not a whole number'],
    ['<camunda:formField id="x" label="X" type="boolean" defaultValue="ya" />', 'task Task_A, form field x: defaultValue "ya" is not true or false'],
    ['<camunda:formField id="x" /><camunda:formField id="x" />', 'task Task_A: form field x is declared twice'],
    [
      '<camunda:formField id="x" type="string"><camunda:properties><camunda:property id="requiredIf" value="y" /></camunda:properties></camunda:formField>',
      'task Task_A, form field x: requiredIf "y" names no boolean field of the form',
    ],
  ])('rejects the deployment of %s', async (fields, detail) => {
    await expect(compileDiagram(diagram(fields))).rejects.toMatchObject({ status: 400, message: 'invalid BPMN', detail });
  });
});

describe('validating a completion against the form', () => {
  const form: TaskFormDefinition = {
    documentation: null,
    hasFormData: true,
    fields: [
      { id: 'lengkap', label: 'Laporan lengkap?', type: 'boolean', required: true, multiline: false },
      { id: 'perlu', label: 'Perlu pemeriksaan?', type: 'boolean', required: false, requiredIf: 'lengkap', multiline: false },
      { id: 'jawaban', label: 'Jawaban', type: 'string', required: false, multiline: true },
      { id: 'jumlah', label: 'Jumlah', type: 'long', required: false, multiline: false },
      { id: 'tanggal', label: 'Tanggal', type: 'date', required: false, multiline: false },
      { id: 'kanal', label: 'Kanal', type: 'enum', required: false, multiline: false, values: [{ id: 'sms', name: 'SMS' }] },
    ],
  };

  it('accepts a complete, well-typed submission', () => {
    expect(validateTaskForm(form, { lengkap: true, perlu: false, jawaban: 'ok', jumlah: 4, tanggal: '2026-11-16', kanal: 'sms' })).toEqual([]);
    expect(validateTaskForm(form, { lengkap: false })).toEqual([]);
    expect(validateTaskForm(form, { lengkap: true, perlu: true, tanggal: '2026-11-16T08:00:00+07:00' })).toEqual([]);
  });

  it('never lets a decision go unasked: a missing or null required boolean is an error', () => {
    expect(validateTaskForm(form, {})).toEqual(['Laporan lengkap? (lengkap): required']);
    expect(validateTaskForm(form, { lengkap: null })).toEqual(['Laporan lengkap? (lengkap): required']);
  });

  it('requires a requiredIf field only when its boolean is true', () => {
    expect(validateTaskForm(form, { lengkap: true })).toEqual(['Perlu pemeriksaan? (perlu): required when Laporan lengkap? (lengkap) is true']);
  });

  it('names every wrong type, and variables that are not fields', () => {
    expect(validateTaskForm(form, { lengkap: 'true', perlu: 1, jawaban: 5, jumlah: 1.5, tanggal: '16/11/2026', kanal: 'fax', extra: 1 })).toEqual([
      'extra: not a field of this form',
      'Laporan lengkap? (lengkap): must be true or false',
      'Perlu pemeriksaan? (perlu): must be true or false',
      'Jawaban (jawaban): must be text',
      'Jumlah (jumlah): must be a whole number',
      'Tanggal (tanggal): must be a date (yyyy-MM-dd or ISO 8601)',
      'Kanal (kanal): "fax" is not one of: sms',
    ]);
    expect(validateTaskForm(form, { lengkap: false, jumlah: '4', tanggal: '2026-02-30' })).toEqual([
      'Jumlah (jumlah): must be a whole number',
      'Tanggal (tanggal): must be a date (yyyy-MM-dd or ISO 8601)',
    ]);
  });

  it('a blank required text counts as missing', () => {
    const text: TaskFormDefinition = { documentation: null, hasFormData: true, fields: [{ id: 'j', label: 'Jawaban', type: 'string', required: true, multiline: true }] };
    expect(validateTaskForm(text, { j: '   ' })).toEqual(['Jawaban (j): required']);
  });

  it('a task without formData accepts any variables', () => {
    expect(validateTaskForm({ documentation: null, hasFormData: false, fields: [] }, { anything: 1 })).toEqual([]);
  });

  it('readTaskForm of a task without extension elements', () => {
    expect(readTaskForm({ $type: 'bpmn:UserTask', id: 'T' })).toEqual({ documentation: null, hasFormData: false, fields: [] });
  });
});

describe('the recap an SOP step works on (task property rekap)', () => {
  const withRekap = (value: string) =>
    diagram('').replace('<bpmn:extensionElements>', `<bpmn:extensionElements><camunda:properties><camunda:property name="rekap" value="${value}" /></camunda:properties>`);

  it('reads the rule, and refuses an unknown one at deployment', async () => {
    const { processes } = await compileDiagram(withRekap('triwulan-lalu'));
    expect(processes[0].taskForms.get('Task_A')!.recap).toBe('triwulan-lalu');
    await expect(compileDiagram(withRekap('tahun-lalu'))).rejects.toMatchObject({
      status: 400,
      code: 'bpmn.invalid',
      detail: 'task Task_A: property rekap "tahun-lalu" is not one of bulan-lalu, triwulan-lalu, hari-ini',
    });
  });

  it('counts from the instance\'s start in WIB, across a year; a daily recap is of the task\'s own day', () => {
    const zone = 'Asia/Pontianak';
    // 1 January 2027, 08:00 WIB: the report is about the last quarter and the last month of 2026.
    const newYear = { instanceStartedAt: new Date('2027-01-01T01:00:00Z'), taskCreatedAt: new Date('2027-01-04T01:00:00Z') };
    expect(recapOf('triwulan-lalu', newYear, 'kapuas', zone)).toEqual({ district: 'kapuas', period: '2026-Q4' });
    expect(recapOf('bulan-lalu', newYear, 'kapuas-hulu', zone)).toEqual({ district: 'kapuas-hulu', period: '2026-12' });
    expect(recapOf('hari-ini', newYear, null, zone)).toEqual({ district: null, from: '2027-01-04', to: '2027-01-04' });
    // 31 March 2027, 23:30 UTC is already 1 April in WIB: the first quarter is the one before.
    const lateUtc = { instanceStartedAt: new Date('2027-03-31T23:30:00Z'), taskCreatedAt: new Date('2027-03-31T23:30:00Z') };
    expect(recapOf('triwulan-lalu', lateUtc, 'kapuas', zone)).toEqual({ district: 'kapuas', period: '2027-Q1' });
    expect(recapOf('hari-ini', lateUtc, 'kapuas', zone)).toEqual({ district: 'kapuas', from: '2027-04-01', to: '2027-04-01' });
  });
});

describe('the SOP diagrams ask every decision their gateways need', () => {
  const dir = path.resolve(__dirname, '..', '..', 'processes');
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.bpmn'));

  it.each(files)('%s: every user task has formData; each Keputusan is a boolean field (required, or requiredIf), each Data variable a field', async (file) => {
    const xml = fs.readFileSync(path.join(dir, file), 'utf8');
    const { processes } = await compileDiagram(xml);
    for (const model of processes) {
      expect(model.taskForms.size).toBeGreaterThan(0);
      for (const [taskId, form] of model.taskForms) {
        expect({ taskId, hasFormData: form.hasFormData }).toEqual({ taskId, hasFormData: true });
        const doc = form.documentation ?? '';
        for (const [, variable] of doc.matchAll(/Keputusan: set `(\w+)` = true\/false/g)) {
          const field = form.fields.find((f) => f.id === variable);
          expect({ taskId, variable, type: field?.type, asked: !!(field?.required || field?.requiredIf) }).toEqual({ taskId, variable, type: 'boolean', asked: true });
        }
        for (const [, variable] of doc.matchAll(/Data: set `(\w+)`/g)) {
          expect({ taskId, variable, field: form.fields.some((f) => f.id === variable) }).toEqual({ taskId, variable, field: true });
        }
        // Labels are what people (and end-to-end tests) find fields by: unique within a form.
        expect(new Set(form.fields.map((f) => f.label)).size).toBe(form.fields.length);
      }
    }
  });
});

describe('camunda:validation constraints (Camunda 7 built-in validators)', () => {
  const c = (name: string, config?: string) => `<camunda:constraint name="${name}"${config === undefined ? '' : ` config="${config}"`} />`;
  const field = (id: string, type: string, constraints: string) =>
    `<camunda:formField id="${id}" label="${id.toUpperCase()}" type="${type}"><camunda:validation>${constraints}</camunda:validation></camunda:formField>`;

  it('reads minlength/maxlength, min/max on long and date, readonly', async () => {
    const form = await formOf(
      field('jawaban', 'string', c('required') + c('minlength', '3') + c('maxlength', '10')) +
        field('jumlah', 'long', c('min', '1') + c('max', '5')) +
        field('tanggal', 'date', c('min', '2026-11-01') + c('max', '2026-11-30')) +
        field('nomor', 'string', c('readonly')),
    );
    expect(form.fields.map(({ id, required, minlength, maxlength, min, max, readonly }) => ({ id, required, minlength, maxlength, min, max, readonly }))).toEqual([
      { id: 'jawaban', required: true, minlength: 3, maxlength: 10, min: undefined, max: undefined, readonly: undefined },
      { id: 'jumlah', required: false, minlength: undefined, maxlength: undefined, min: 1, max: 5, readonly: undefined },
      { id: 'tanggal', required: false, minlength: undefined, maxlength: undefined, min: '2026-11-01', max: '2026-11-30', readonly: undefined },
      { id: 'nomor', required: false, minlength: undefined, maxlength: undefined, min: undefined, max: undefined, readonly: true },
    ]);
    const problems = validateTaskForm(form, { jawaban: 'ab', jumlah: 6, tanggal: '2026-12-01', nomor: 'x' });
    expect(problems).toEqual([
      'JAWABAN (jawaban): must be at least 3 characters',
      'JUMLAH (jumlah): must be at most 5',
      'TANGGAL (tanggal): must be on or before 2026-11-30',
      'NOMOR (nomor): read-only, it cannot be submitted',
    ]);
    expect(validateTaskForm(form, { jawaban: 'abcdefghijk', jumlah: 0, tanggal: '2026-10-31T23:59:00+07:00' })).toEqual([
      'JAWABAN (jawaban): must be at most 10 characters',
      'JUMLAH (jumlah): must be at least 1',
      'TANGGAL (tanggal): must be on or after 2026-11-01',
    ]);
    expect(validateTaskForm(form, { jawaban: 'abc', jumlah: 5, tanggal: '2026-11-30T23:00:00+07:00' })).toEqual([]);
  });

  it.each([
    [field('x', 'string', c('pattern', '[a-z]+')), /constraint "pattern" on form field x: not one of required, readonly, minlength, maxlength, min, max/],
    [field('x', 'long', c('minlength', '3')), /form field x: constraint minlength applies to string fields only/],
    [field('x', 'string', c('maxlength', 'ten')), /form field x: constraint maxlength needs a whole number/],
    [field('x', 'string', c('min', '1')), /form field x: constraint min applies to long and date fields only/],
    [field('x', 'date', c('max', 'tomorrow')), /form field x: constraint max needs a date/],
    [field('x', 'string', c('required') + c('readonly')), /form field x: a readonly field cannot be required/],
  ])('refuses at deployment, naming field and constraint: %s', async (fields, message) => {
    await expect(compileDiagram(diagram(fields))).rejects.toMatchObject({ status: 400, detail: expect.stringMatching(message) });
  });
});
