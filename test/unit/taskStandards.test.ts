import fs from 'node:fs';
import path from 'node:path';
import { standardTimeOf, taskStandardsOf } from '../../src/domain/taskStandards';

const sop = (name: string) => fs.readFileSync(path.join(__dirname, '..', '..', 'processes', `${name}.bpmn`), 'utf8');

describe('task standards read from the SOP diagrams', () => {
  it('reads the "Waktu" line of a documentation text', () => {
    expect(standardTimeOf('Input: Data Laporan\nWaktu: 3-5 hari\nOutput: Hasil')).toBe('3-5 hari');
    expect(standardTimeOf('waktu :  1 x 24 jam  ')).toBe('1 x 24 jam');
    expect(standardTimeOf('Input: Data Laporan')).toBeNull();
    expect(standardTimeOf(undefined)).toBeNull();
    expect(standardTimeOf('Waktu: -')).toBeNull();
  });

  it('finds the standard and the reminder timer of Task_Telaah in SOP 555/02, not its escalation timer', async () => {
    const standards = await taskStandardsOf(sop('sop-555-02'));
    expect(standards.get('Task_Telaah')).toEqual({ standard: '3-5 hari', reminderTimers: ['Task_Telaah_Ingat'] });
  });
});
