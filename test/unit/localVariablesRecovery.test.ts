import fs from 'node:fs';
import path from 'node:path';
import { compileDiagram, type ProcessModel } from '../../src/engine/bpmnDefinition';
import { runEngine, type EngineRunResult } from '../../src/engine/processRuntime';
import type { WorkflowTimeService } from '../../src/engine/workingTimeTimer';

/**
 * Multi-instance loops and input/output mappings recovered from their stored state, as every command after a restart (or
 * on another app process) runs them: each instance keeps its item, the completion condition
 * counts the instances completed before, and inputs keep the values evaluated on entry.
 */
const time: WorkflowTimeService = { now: () => new Date('2026-11-16T01:00:00Z'), due: (_e, _t, _type, _v, from) => ({ expireAt: new Date(from.getTime() + 3600_000) }) };
const model = async (name: string): Promise<ProcessModel> =>
  (await compileDiagram(fs.readFileSync(path.join(__dirname, '..', 'fixtures', `${name}.bpmn`), 'utf8'))).processes[0];

/** Completes one waiting task on an engine recovered from the JSON of the previous run's state. */
async function completeRecovered(m: ProcessModel, previous: EngineRunResult, elementId: string, index = 0, variables: Record<string, unknown> = {}): Promise<EngineRunResult> {
  const task = previous.waitingTasks.filter((w) => w.elementId === elementId)[index];
  const state = JSON.parse(JSON.stringify(previous.state));
  return runEngine({ model: m, time, state, variables: {}, completeTask: { executionId: task.executionId, elementId, variables } });
}

describe('multi-instance after recovery', () => {
  it('keeps each sequential sub-process instance its own item', async () => {
    const m = await model('mi-sequential');
    let run: EngineRunResult = await runEngine({ model: m, time, variables: { pejabat: ['kabid', 'kasi', 'kadis'] } });
    const seen: unknown[] = [];
    for (let i = 0; i < 3; i++) {
      expect(run.waitingTasks).toHaveLength(1);
      seen.push(run.waitingTasks[0].locals);
      run = await completeRecovered(m, run, 'initial');
    }
    expect(seen).toEqual([
      { penandatangan: 'kabid', loopCounter: 0 },
      { penandatangan: 'kasi', loopCounter: 1 },
      { penandatangan: 'kadis', loopCounter: 2 },
    ]);
    expect(run.status).toBe('completed');
  });

  it('counts the instances completed before the recovery in the completion condition', async () => {
    const m = await model('mi-completion');
    let run: EngineRunResult = await runEngine({ model: m, time, variables: {} });
    expect(run.waitingTasks).toHaveLength(3);
    run = await completeRecovered(m, run, 'opinion', 1);
    expect(run.waitingTasks.map((w) => w.locals.loopCounter)).toEqual([0, 2]);
    run = await completeRecovered(m, run, 'opinion', 0);
    expect(run.waitingTasks.map((w) => w.elementId)).toEqual(['summarise']);
  });

  it('keeps the item of each parallel task instance', async () => {
    const m = await model('mi-reviewers');
    let run: EngineRunResult = await runEngine({ model: m, time, variables: { reviewers: ['kasi', 'kabid', 'kadis'] } });
    run = await completeRecovered(m, run, 'review', 0);
    expect(run.waitingTasks.map((w) => w.locals.reviewer)).toEqual(['kabid', 'kadis']);
  });
});

describe('input/output mappings after recovery', () => {
  it('keeps the inputs as evaluated on entry', async () => {
    const m = await model('io-mapping');
    let run: EngineRunResult = await runEngine({ model: m, time, variables: { opd: 'dinkes', jumlah: 5 } });
    expect(run.waitingTasks[0].locals).toEqual({ kelompok: 'pejabat-penghubung:dinkes', batas: 5, catatan: 'dari input' });
    run = await completeRecovered(m, run, 'assess', 0, { nilai: 1 });
    expect(run.scriptVariables).toEqual({ hasil: 'dari input', batasAkhir: 5, kosong: null });
    expect(run.waitingTasks.map((w) => w.elementId)).toEqual(['nok']);
  });

  it('keeps a sub-process its inputs', async () => {
    const m = await model('io-mapping');
    let run: EngineRunResult = await runEngine({ model: m, time, variables: { opd: 'dinkes', jumlah: 5 } });
    run = await completeRecovered(m, run, 'assess', 0, { catatan: 'diubah' });
    expect(run.waitingTasks[0].locals).toEqual({ peran: 'kabid', tahap: 'verifikasi diubah' });
    run = await completeRecovered(m, run, 'inner');
    expect(run.scriptVariables).toEqual({ tahapSelesai: 'verifikasi diubah' });
    expect(run.status).toBe('completed');
  });
});
