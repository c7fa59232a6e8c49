import fs from 'node:fs';
import path from 'node:path';
import BpmnModdle from 'bpmn-moddle';
import camunda from 'camunda-bpmn-moddle/resources/camunda.json';
import { lateTimerRule } from '../../web/src/modeler/lateTimerRule';
import type { ModdleLike } from '../../web/src/modeler/lateTimers';
import { parseTimeStandard, sameDuration, wordsOf } from '../../web/src/modeler/timeStandard';

const diagrams = () => fs.readdirSync(path.join(__dirname, '..', '..', 'processes')).filter((f) => f.endsWith('.bpmn'));
const sop = (name: string) => fs.readFileSync(path.join(__dirname, '..', '..', 'processes', `${name}.bpmn`), 'utf8');

describe('a time standard in words', () => {
  it.each([
    ['3 hari', { due: 'P3D', words: '3 hari' }],
    ['3–5 hari', { due: 'P5D', remind: 'P3D', words: '3-5 hari' }],
    ['3-5 hari kerja', { due: 'P5D', remind: 'P3D', words: '3-5 hari' }],
    ['3 sampai 5 hari', { due: 'P5D', remind: 'P3D', words: '3-5 hari' }],
    ['15 menit', { due: 'PT15M', words: '15 menit' }],
    ['30 Menit', { due: 'PT30M', words: '30 menit' }],
    ['7,5 jam', { due: 'PT7H30M', words: '7,5 jam' }],
    ['3.5 hours', { due: 'PT3H30M', words: '3,5 jam' }],
    ['2 days', { due: 'P2D', words: '2 hari' }],
    ['45 minutes', { due: 'PT45M', words: '45 menit' }],
    ['1 jam', { due: 'PT1H', words: '1 jam' }],
    ['PT15M', { due: 'PT15M', words: '15 menit' }],
  ])('reads "%s"', (text, expected) => {
    expect(parseTimeStandard(text)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['', 'empty', 'Tulis waktu standar, mis. "3 hari", "3–5 hari", "15 menit" atau "7,5 jam".'],
    ['cepat', 'unreadable', 'Waktu "cepat" tidak terbaca. Tulis angka dan satuan, mis. "3 hari", "3–5 hari", "15 menit" atau "7,5 jam".'],
    ['3 minggu', 'unit', 'Satuan "minggu" tidak dikenal. Gunakan hari, jam atau menit.'],
    ['0 menit', 'zero', 'Waktu standar harus lebih dari nol.'],
    ['5-3 hari', 'range', 'Pada rentang "5-3 hari" angka pertama harus lebih kecil dari angka kedua.'],
    ['0,5 hari', 'fractionDay', 'Hari kerja tidak dibagi: tulis "0,5 hari" dalam jam atau menit (satu hari kerja = 7,5 jam).'],
    ['9999 hari', 'tooLong', 'Waktu "9999 hari" lebih dari satu tahun kerja; periksa angkanya.'],
    ['P', 'unreadable', expect.stringContaining('tidak terbaca')],
  ])('refuses "%s" in Indonesian', (text, error, message) => {
    expect(parseTimeStandard(text)).toEqual({ ok: false, error, message });
  });

  it('refuses in English when the app is switched', () => {
    expect(parseTimeStandard('3 minggu', 'en')).toMatchObject({ ok: false, message: 'Unknown unit "minggu". Use days, hours or minutes.' });
  });

  it('reads durations back into the SOP words and compares them', () => {
    expect(['P3D', 'PT15M', 'PT7H30M', 'PT1H', 'PT90M', 'P1DT2H', '${x}'].map((d) => wordsOf(d))).toEqual(['3 hari', '15 menit', '7,5 jam', '1 jam', '1,5 jam', undefined, undefined]);
    expect(sameDuration('PT90M', 'PT1H30M')).toBe(true);
    expect(sameDuration('PT15M', 'PT30M')).toBe(false);
    expect(sameDuration('P1D', 'PT24H')).toBe(false);
    expect(sameDuration('${due}', 'P1D')).toBeUndefined();
  });

  it('reads every "Waktu" of the SOP diagrams into the dueDate they carry', () => {
    let read = 0;
    for (const file of diagrams()) {
      const xml = sop(file.replace(/\.bpmn$/, ''));
      for (const m of xml.matchAll(/<bpmn:userTask id="([^"]+)"[^>]*?(?:camunda:dueDate="([^"]+)")?>\s*<bpmn:documentation>[^<]*?^Waktu: (.+)$/gm)) {
        const [, id, due, waktu] = m;
        if (/^[-–]/.test(waktu)) continue;
        const parsed = parseTimeStandard(waktu);
        expect({ id, due: parsed.ok ? parsed.value.due : parsed }).toEqual({ id, due });
        read++;
      }
    }
    expect(read).toBeGreaterThan(30);
  });
});

async function lint(xml: string, language: 'id' | 'en' = 'id'): Promise<{ id: string; message: string }[]> {
  const { rootElement } = await new BpmnModdle({ camunda }).fromXML(xml, 'bpmn:Definitions');
  const reports: { id: string; message: string }[] = [];
  const rule = lateTimerRule(() => language)();
  const visit = (node: ModdleLike) => {
    rule.check(node, { report: (id, message) => reports.push({ id, message }) });
    for (const child of [...((node.rootElements as ModdleLike[]) ?? []), ...((node.flowElements as ModdleLike[]) ?? [])]) visit(child);
  };
  visit(rootElement as unknown as ModdleLike);
  return reports;
}

describe("the modeler's late-timer lint rule", () => {
  it('reports nothing on the SOP diagrams', async () => {
    for (const file of diagrams()) {
      expect({ file, reports: await lint(sop(file.replace(/\.bpmn$/, ''))) }).toEqual({ file, reports: [] });
    }
  });

  it('flags, in Indonesian, a "Lewat 15 menit" timer left at PT15M when its task becomes 30 minutes', async () => {
    const xml = sop('sop-555-05').replace('id="Task_Input" name="Admin Utama Menginput Laporan dengan Form Manual LAPOR" camunda:candidateGroups="admin-utama" camunda:dueDate="PT15M"', 'id="Task_Input" name="Admin Utama Menginput Laporan dengan Form Manual LAPOR" camunda:candidateGroups="admin-utama" camunda:dueDate="PT30M"');
    expect(xml).toContain('camunda:dueDate="PT30M"');
    expect(await lint(xml)).toEqual([
      {
        id: 'Task_Input_Lewat',
        message:
          'Timer terlambat "Lewat 15 menit" menunggu PT15M, tetapi batas waktu tugas "Admin Utama Menginput Laporan dengan Form Manual LAPOR" PT30M: samakan lewat "Waktu" tugas.',
      },
    ]);
  });

  it('flags a late timer on a task without a due date, and leaves reminders alone', async () => {
    const xml = sop('sop-555-02').replace(/(<bpmn:userTask id="Task_Telaah"[^>]*?) camunda:dueDate="P5D"/, '$1');
    const reports = await lint(xml);
    expect(reports).toEqual([{ id: 'Task_Telaah_Lewat', message: expect.stringMatching(/^Timer terlambat "Lewat 5 hari" ada, tetapi tugas .* tidak punya batas waktu/) }]);
    // English when the app is switched.
    expect((await lint(xml, 'en'))[0].message).toMatch(/^Late timer "Lewat 5 hari" exists, but task .* has no due date/);
  });
});
