import fs from 'node:fs';
import path from 'node:path';
import type { Queryable } from '../../src/db/database';
import { compileDiagram, type ProcessModel } from '../../src/engine/bpmnDefinition';
import type { LoadedDefinition } from '../../src/engine/deployments';
import { commitPlan, needsTransaction, planCommit, type CommitInput, type RunOutcome } from '../../src/engine/instanceCommit';
import type { EngineRunResult, LiveEngine } from '../../src/engine/processRuntime';
import { WorkingCalendar } from '../../src/engine/workingCalendar';

/**
 * The commit planner is pure: given what a command's engine run did and what the instance had,
 * it returns the writes. These tests read them off the one statement it plans, run against a
 * recorder (the planner's contract is the SQL it sends, which the integration suites run for real).
 */
const now = new Date('2026-11-16T01:00:00Z');

async function modelOf(fixture: string): Promise<ProcessModel> {
  const xml = fs.readFileSync(path.join(__dirname, '..', 'fixtures', `${fixture}.bpmn`), 'utf8');
  return (await compileDiagram(xml)).processes[0];
}

function result(over: Partial<EngineRunResult>): EngineRunResult & { live: LiveEngine } {
  return {
    state: {} as EngineRunResult['state'],
    status: 'running',
    waitingTasks: [],
    waitingCalls: [],
    waitingExternalTasks: [],
    armedTimers: [],
    waitingEvents: [],
    thrownSignals: [],
    activeElements: [],
    events: [],
    scriptVariables: {},
    live: {} as LiveEngine,
    ...over,
  };
}

function input(model: ProcessModel, over: Partial<EngineRunResult>, rest: Partial<CommitInput> = {}): CommitInput {
  const loaded = { model, definition: { id: 1, key: model.key, version: 1 }, diagram: { processes: [model] } } as unknown as LoadedDefinition;
  const outcome: RunOutcome = { loaded, businessKey: null, calendar: new WorkingCalendar({}), result: result(over), variables: {}, history: [] };
  return {
    instanceId: '00000000-0000-4000-8000-000000000001',
    outcome,
    actor: 'kasi',
    leading: [],
    parent: null,
    write: { sql: 'update process_instances set rev = rev + 1 where id = $1 and rev = $2 returning 1', params: ['i', 3] },
    known: { openTasks: [], timers: [] },
    changedVariables: [],
    now,
    ...rest,
  };
}

/** Runs a plan against a recorder of the statements it sends. */
async function statements(plan: ReturnType<typeof planCommit>): Promise<{ sql: string; params: unknown[] }[]> {
  const sent: { sql: string; params: unknown[] }[] = [];
  const recorder: Queryable = {
    async query(sql, params) {
      sent.push({ sql, params: params ?? [] });
      return { rows: [], rowCount: 0 };
    },
  };
  await commitPlan(recorder, plan);
  return sent;
}

describe('planCommit: one statement per command', () => {
  test('a new user task and an armed timer: the instance guard, the task, the timer and the history in one statement', async () => {
    const model = await modelOf('approval');
    const plan = planCommit(
      input(model, {
        waitingTasks: [{ executionId: 'x1', elementId: 'review', name: 'Review the complaint', attributes: { candidateGroups: 'kasi', dueDate: 'P3D' }, locals: {} }],
        armedTimers: [{ elementId: 'late', executionId: 'x2', dueAt: new Date('2026-11-19T01:00:00Z') }],
      }),
    );
    expect(plan.after).toBeUndefined();
    const sent = await statements(plan);
    expect(sent).toHaveLength(1);
    const { sql, params } = sent[0];
    expect(sql).toMatch(/^with w0 as \(update process_instances/);
    expect(sql).toMatch(/insert into tasks/);
    expect(sql).toMatch(/insert into jobs/);
    expect(sql).toMatch(/insert into history/);
    expect(sql).toMatch(/workflow_guard\(\(select count\(\*\) from w0\) = 1/);
    expect(params).toContain('the instance was changed concurrently; reload and try again');
    // The task's candidates were resolved from its attributes, its due date counted from `now`.
    expect(params).toContainEqual([JSON.stringify(['kasi'])]);
    expect(params).toContainEqual([new Date('2026-11-19T01:00:00Z').toISOString()]);
  });

  test('a task whose wait is gone is cancelled, the one being completed is left to its caller', async () => {
    const model = await modelOf('approval');
    const plan = planCommit(
      input(model, {}, {
        known: { openTasks: [{ id: 't-gone', executionId: 'x1', elementId: 'review' }, { id: 't-done', executionId: 'x9', elementId: 'sign' }], timers: [] },
        completing: 'x9',
      }),
    );
    const [{ sql, params }] = await statements(plan);
    expect(sql).toMatch(/update tasks set status = 'cancelled'/);
    expect(params).toContainEqual(['t-gone']);
    expect(JSON.stringify(params)).not.toContain('t-done');
  });

  test('a failed run records an incident and the instance-failed entry', async () => {
    const model = await modelOf('approval');
    const [{ sql, params }] = await statements(planCommit(input(model, { status: 'failed', error: 'boom' })));
    expect(sql).toMatch(/insert into incidents/);
    expect(params).toContain('boom');
    expect(JSON.stringify(params)).toContain('instance-failed');
  });

  test('the caller’s own guarded write comes first, so its conflict is the one reported', async () => {
    const model = await modelOf('approval');
    const own = { part: { sql: 'update tasks set status = $1 returning 1', params: ['completed'] }, conflictMessage: 'task taken', conflictCode: 'task.changedConcurrently' as const };
    const [{ sql }] = await statements(planCommit(input(model, {}, { own })));
    expect(sql.indexOf('update tasks set status')).toBeLessThan(sql.indexOf('update process_instances'));
  });

  test('a completed child of a call activity needs a transaction and a follow-up step; a plain completion does not', async () => {
    const model = await modelOf('approval');
    const child = input(model, { status: 'completed' }, { parent: { id: 'p', executionId: 'px' } });
    expect(needsTransaction(child.outcome, child.parent)).toBe(true);
    expect(planCommit(child).after).toBeDefined();
    const plain = input(model, { status: 'completed' });
    expect(needsTransaction(plain.outcome, plain.parent)).toBe(false);
    const plan = planCommit(plain);
    expect(plan.after).toBeUndefined();
    const [{ params }] = await statements(plan);
    expect(JSON.stringify(params)).toContain('instance-completed');
  });
});
