import type { Queryable } from '../db/database';
import type { HistoryEntry } from './history';
import type { WaitingCall } from './processRuntime';
import { resolvePlaceholders, type Variables } from './variables';

/**
 * Call activities across instances, one SQL operation per function. A call activity that starts
 * waiting gets a `call-start` job; the job starts the child instance (same business key) and is
 * deleted in the child's transaction. A child that ends leaves a `call-return` job that completes
 * its parent's call activity. Jobs make both steps durable: a crash between the two transactions
 * only delays them, and the unique (parent, execution) index keeps a child from starting twice.
 */

/** Asks for a child for each call the instance now waits on; ends children whose call is gone. */
export async function reconcileCalls(
  tx: Queryable,
  instanceId: string,
  waiting: WaitingCall[],
  now: Date,
  actor: string | null,
): Promise<{ requested: number; history: HistoryEntry[] }> {
  const executionIds = waiting.map((w) => w.executionId);
  await tx.query(`delete from jobs where instance_id = $1 and kind = 'call-start' and not (execution_id = any($2::text[]))`, [instanceId, executionIds]);
  const { rowCount } = waiting.length
    ? await tx.query(
        `insert into jobs (id, kind, instance_id, element_id, execution_id, due_at, created_at, payload)
         select gen_random_uuid(), 'call-start', $1, e, x, $5, $5, jsonb_build_object('calledElement', c, 'locals', l)
           from unnest($2::text[], $3::text[], $4::text[], $6::jsonb[]) as t(e, x, c, l)
          where not exists (select 1 from process_instances p where p.parent_id = $1 and p.parent_execution_id = t.x)
         on conflict (instance_id, execution_id) do nothing`,
        [instanceId, waiting.map((w) => w.elementId), executionIds, waiting.map((w) => w.calledElement), now.toISOString(), waiting.map((w) => JSON.stringify(w.locals))],
      )
    : { rowCount: 0 };
  const history = await terminateOrphanedChildren(tx, instanceId, executionIds, now, actor);
  return { requested: rowCount, history };
}

/** A child whose call activity was left (an interrupting timer, say) ends with it. */
async function terminateOrphanedChildren(tx: Queryable, parentId: string, waitingExecutionIds: string[], now: Date, actor: string | null): Promise<HistoryEntry[]> {
  const { rows } = await tx.query<{ id: string }>(
    `update process_instances set status = 'terminated', ended_at = $3, rev = rev + 1
      where parent_id = $1 and status = 'running' and not (parent_execution_id = any($2::text[]))
      returning id`,
    [parentId, waitingExecutionIds, now.toISOString()],
  );
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  await tx.query(`update tasks set status = 'cancelled', ended_at = $2, rev = rev + 1 where instance_id = any($1::uuid[]) and status = 'open'`, [ids, now.toISOString()]);
  await tx.query(`delete from jobs where instance_id = any($1::uuid[])`, [ids]);
  await tx.query(`delete from external_tasks where instance_id = any($1::uuid[])`, [ids]);
  return ids.map((id) => ({ instanceId: id, type: 'instance-terminated', at: now, actor, data: { reason: 'the calling activity was left', parentId } }));
}

/** The child ended: its parent's call activity may complete, with the child's variables. */
export async function requestCallReturn(
  tx: Queryable,
  args: { parentId: string; parentExecutionId: string; childId: string; variables: Variables; now: Date },
): Promise<void> {
  // The call's element as it started, unless a migration renamed it since (src/engine/instanceMigration.ts).
  const { rows } = await tx.query<{ element_id: string }>(
    `select coalesce(
       (select c->>'elementId' from history h cross join jsonb_array_elements(coalesce(h.data->'calls', '[]'::jsonb)) c
         where h.instance_id = $1 and h.type = 'migrated' and c->>'executionId' = $2 order by h.id desc limit 1),
       (select element_id from history where instance_id = $1 and type = 'call-started' and data->>'executionId' = $2 limit 1)
     ) as element_id`,
    [args.parentId, args.parentExecutionId],
  );
  await tx.query(
    `insert into jobs (id, kind, instance_id, element_id, execution_id, due_at, created_at, payload)
     values (gen_random_uuid(), 'call-return', $1, $2, $3, $4, $4, $5)
     on conflict (instance_id, execution_id) do nothing`,
    [args.parentId, rows[0]?.element_id ?? '', args.parentExecutionId, args.now.toISOString(), JSON.stringify({ childId: args.childId, variables: args.variables })],
  );
}

/** Deletes the job this transaction carries out; a second worker finds it gone and stops. */
export async function claimJob(tx: Queryable, jobId: string): Promise<boolean> {
  const { rowCount } = await tx.query('delete from jobs where id = $1', [jobId]);
  return rowCount === 1;
}

/**
 * A call activity's `camunda:in`/`camunda:out` (Camunda 7): which variables the child gets and
 * which it returns. A call activity with no mapping at all passes every variable both ways and
 * the business key (what the SOP diagrams rely on); one with any mapping passes only what it maps.
 */
export interface CallMapping {
  inAll: boolean;
  in: { source: string; target: string }[];
  /** `camunda:in businessKey`, e.g. `${execution.processBusinessKey}`; without it the child has none. */
  businessKey?: string;
  outAll: boolean;
  out: { source: string; target: string }[];
}

interface MappingElement {
  $type: string;
  source?: string;
  target?: string;
  variables?: string;
  businessKey?: string;
}

/** The mapping of a call activity, or undefined when it has no camunda:in/out (all pass). */
export function readCallMapping(extensions: MappingElement[]): CallMapping | undefined {
  const ins = extensions.filter((e) => e.$type === 'camunda:In');
  const outs = extensions.filter((e) => e.$type === 'camunda:Out');
  if (ins.length === 0 && outs.length === 0) return undefined;
  const pairs = (list: MappingElement[]) => list.filter((e) => e.source && e.target).map((e) => ({ source: e.source!.trim(), target: e.target!.trim() }));
  const businessKey = ins.find((e) => e.businessKey?.trim())?.businessKey?.trim();
  return {
    inAll: ins.some((e) => e.variables === 'all'),
    in: pairs(ins),
    ...(businessKey && { businessKey }),
    outAll: outs.some((e) => e.variables === 'all'),
    out: pairs(outs),
  };
}

/** Copies `source` to `target` for each pair; a source that is not set arrives as null (Camunda 7). */
function mapVariables(all: boolean, pairs: CallMapping['in'], from: Variables): Variables {
  const out: Variables = all ? { ...from } : {};
  for (const { source, target } of pairs) out[target] = Object.prototype.hasOwnProperty.call(from, source) ? from[source] : null;
  return out;
}

/** What the child starts with: its variables and business key. */
export function callInput(mapping: CallMapping | undefined, parent: { variables: Variables; businessKey: string | null }): { variables: Variables; businessKey: string | undefined } {
  if (!mapping) return { variables: parent.variables, businessKey: parent.businessKey ?? undefined };
  const scope = { ...parent.variables, execution: { processBusinessKey: parent.businessKey } };
  const businessKey = mapping.businessKey ? resolvePlaceholders(mapping.businessKey, scope) || undefined : undefined;
  return { variables: mapVariables(mapping.inAll, mapping.in, parent.variables), businessKey };
}

/** What the child's end sets in its parent. */
export function callOutput(mapping: CallMapping | undefined, child: Variables): Variables {
  return mapping ? mapVariables(mapping.outAll, mapping.out, child) : child;
}
