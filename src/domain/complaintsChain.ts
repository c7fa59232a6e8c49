import type { ComplaintStatus } from '../contract/complaints';
import type { Queryable } from '../db/database';
import type { Deployments } from '../engine/deployments';
import type { Instances, ProcessInstance } from '../engine/instances';
import { taskSelect, toTask, type UserTask } from '../engine/userTasks';

/**
 * A complaint's instance chain: every process instance whose business key is its tracking ID
 * (the intake SOP and the SOPs it calls). The complaint's status is read from the chain each
 * time, never stored beside it, so it cannot disagree with the instances.
 */
export { complaintStatuses, type ComplaintStatus } from '../contract/complaints';

/** One instance of a chain: the engine's view of it. */
export type ChainInstance = ProcessInstance;

/** The chains of several complaints at once, each as a tree walk: every instance followed by those it called. */
export async function loadChains(instances: Instances, trackingIds: string[]): Promise<Map<string, ChainInstance[]>> {
  const chains = new Map<string, ChainInstance[]>(trackingIds.map((id) => [id, []]));
  const rows = await instances.byBusinessKeys(trackingIds);
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

/** The elements of one process version that decide a status. */
interface StatusMarks {
  /** End events whose name says the complaint was not followed up ("… Tidak …"). */
  notFollowedUpEnds: Set<string>;
  /** Elements that forward the complaint to the Ombudsman RI. */
  ombudsman: Set<string>;
}

const OMBUDSMAN = /teruskan ke ombudsman/i;
const NOT_FOLLOWED_UP = /\btidak\b/i;

/** Reads the status marks from the deployed diagrams, once per process version. */
export class ChainStatusReader {
  private readonly marks = new Map<number, Promise<StatusMarks>>();

  constructor(private readonly deployments: Deployments) {}

  private marksOf(definitionId: number): Promise<StatusMarks> {
    let entry = this.marks.get(definitionId);
    if (!entry) {
      entry = this.deployments.load(definitionId).then(({ model }) => {
        const endEvents = endEventIds(model.sourceContext);
        const notFollowedUpEnds = new Set<string>();
        const ombudsman = new Set<string>();
        for (const [id, name] of model.elementNames) {
          if (OMBUDSMAN.test(name)) ombudsman.add(id);
          if (NOT_FOLLOWED_UP.test(name) && (endEvents ? endEvents.has(id) : true)) notFollowedUpEnds.add(id);
        }
        return { notFollowedUpEnds, ombudsman };
      });
      this.marks.set(definitionId, entry);
      entry.catch(() => this.marks.delete(definitionId));
    }
    return entry;
  }

  /**
   * The status of each chain, in this order of precedence:
   * `diteruskan-ombudsman` once any instance entered a "Teruskan ke Ombudsman RI" element;
   * while an instance runs (or waits on an incident): `diterima` until the first task is
   * completed, then `diproses`; when all ended: `tidak-ditindaklanjuti` if one ended in an end
   * event named "… Tidak …", else `selesai`.
   */
  async statuses(db: Queryable, chains: Map<string, ChainInstance[]>): Promise<Map<string, ComplaintStatus>> {
    const trackingIds = [...chains.keys()];
    const definitionIds = [...new Set([...chains.values()].flat().map((i) => i.definitionId))];
    const marks = new Map<number, StatusMarks>();
    for (const id of definitionIds) marks.set(id, await this.marksOf(id));
    const watched = [...new Set([...marks.values()].flatMap((m) => [...m.notFollowedUpEnds, ...m.ombudsman]))];

    const reached = new Map<string, { ombudsman: boolean; notFollowedUp: boolean }>();
    if (watched.length && trackingIds.length) {
      const { rows } = await db.query<{ business_key: string; definition_id: number; element_id: string; type: string }>(
        `select distinct i.business_key, i.definition_id, h.element_id, h.type
           from history h join process_instances i on i.id = h.instance_id
          where i.business_key = any($1::text[]) and h.type in ('element-entered', 'element-left') and h.element_id = any($2::text[])`,
        [trackingIds, watched],
      );
      for (const r of rows) {
        const m = marks.get(r.definition_id);
        if (!m) continue;
        const seen = reached.get(r.business_key) ?? { ombudsman: false, notFollowedUp: false };
        if (m.ombudsman.has(r.element_id)) seen.ombudsman = true;
        if (m.notFollowedUpEnds.has(r.element_id)) seen.notFollowedUp = true;
        reached.set(r.business_key, seen);
      }
    }
    const { rows: worked } = trackingIds.length
      ? await db.query<{ business_key: string }>(
          `select distinct i.business_key from tasks t join process_instances i on i.id = t.instance_id
            where i.business_key = any($1::text[]) and t.status = 'completed'`,
          [trackingIds],
        )
      : { rows: [] };
    const hasCompletedTask = new Set(worked.map((r) => r.business_key));

    const out = new Map<string, ComplaintStatus>();
    for (const [trackingId, chain] of chains) {
      const seen = reached.get(trackingId);
      let status: ComplaintStatus;
      if (seen?.ombudsman) status = 'diteruskan-ombudsman';
      else if (chain.length === 0 || chain.some((i) => i.status === 'running' || i.status === 'failed')) {
        status = hasCompletedTask.has(trackingId) ? 'diproses' : 'diterima';
      } else status = seen?.notFollowedUp ? 'tidak-ditindaklanjuti' : 'selesai';
      out.set(trackingId, status);
    }
    return out;
  }
}

/**
 * The end events of a compiled process, from the serialized moddle context bpmn-engine runs
 * (moddle-context-serializer's `getActivities`); undefined if the context cannot tell, and then
 * every element named "… Tidak …" counts as such an end.
 */
function endEventIds(sourceContext: unknown): Set<string> | undefined {
  const ctx = sourceContext as { getActivities?: () => { id: string; type: string }[] } | undefined;
  if (typeof ctx?.getActivities !== 'function') return undefined;
  return new Set(ctx.getActivities().filter((a) => a.type === 'bpmn:EndEvent').map((a) => a.id));
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
