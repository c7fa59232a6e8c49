import type { ComplaintStatus } from '../contract/complaints';
import type { Queryable } from '../db/database';
import type { Instances, ProcessInstance } from '../engine/instances';
import { taskSelect, toTask, type UserTask } from '../engine/userTasks';

/**
 * A complaint's instance chain: every process instance whose business key is its tracking ID
 * (the intake SOP and the SOPs it calls). Its status is stored on the complaint (complaintStatus.ts);
 * the chain is read for one complaint's page and to fill records that predate the stored one.
 */
export { complaintStatuses, type ComplaintStatus } from '../contract/complaints';

/** One instance of a chain: the engine's view of it. */
export type ChainInstance = ProcessInstance;

/** The chains of several complaints at once, each as a tree walk: every instance followed by those it called. */
export async function loadChains(instances: Instances, trackingIds: string[], db?: Queryable): Promise<Map<string, ChainInstance[]>> {
  const chains = new Map<string, ChainInstance[]>(trackingIds.map((id) => [id, []]));
  const rows = await instances.byBusinessKeys(trackingIds, db);
  const flat = new Map<string, ChainInstance[]>(trackingIds.map((id) => [id, []]));
  for (const r of rows) flat.get(r.businessKey!)?.push(r);
  // A called instance starts at the same workflow moment as its caller's step: order by the calls, not the clock.
  for (const [trackingId, instances] of flat) {
    const ids = new Set(instances.map((i) => i.id));
    const walk = (parentId: string | null) => {
      for (const i of instances.filter((x) => (parentId === null ? x.parentId === null || !ids.has(x.parentId) : x.parentId === parentId))) {
        chains.get(trackingId)!.push(i);
        walk(i.id);
      }
    };
    walk(null);
  }
  return chains;
}

export async function openTasksOfChain(db: Queryable, trackingId: string): Promise<UserTask[]> {
  const { rows } = await db.query<Parameters<typeof toTask>[0]>(
    `${taskSelect} where i.business_key = $1 and t.status = 'open' order by t.due_at nulls last, t.created_at, t.id`,
    [trackingId],
  );
  return rows.map(toTask);
}

/** The answers given on a chain (its `jawaban` variables), oldest instance first, without repeats. */
export function answersOf(chain: ChainInstance[]): string[] {
  const answers: string[] = [];
  for (const i of chain) {
    const j = i.variables.jawaban;
    if (typeof j === 'string' && j.trim() && !answers.includes(j.trim())) answers.push(j.trim());
  }
  return answers;
}

/**
 * The OPD handling the complaint now: the latest `opd` variable of its chain (a disposition
 * sets it), else the one chosen at intake.
 */
export function currentOpdOf(chain: ChainInstance[], intakeOpd: string | null): string | null {
  for (const i of [...chain].reverse()) {
    const opd = i.variables.opd;
    if (typeof opd === 'string' && opd) return opd;
  }
  return intakeOpd;
}
