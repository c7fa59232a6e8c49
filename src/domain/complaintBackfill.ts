import type { Database } from '../db/database';
import type { WorkflowEngine } from '../engine/workflowEngine';
import { currentOpdOf, loadChains, type ChainInstance } from './complaintsChain';
import { statusMarks } from './complaintStatus';


const BATCH = 200;

/**
 * Fills the stored record of complaints entered before it existed (migration 7 queues them in
 * complaint_backfill), from their chains and history, by the rules of complaintStatus.ts. Runs at
 * start until the queue is empty; each batch commits on its own, so a restart goes on where it
 * stopped. Returns how many complaints it filled.
 */
export async function backfillComplaintRecords(db: Database, engine: WorkflowEngine): Promise<number> {
  let filled = 0;
  for (;;) {
    const n = await db.transaction(async (tx) => {
      const { rows } = await tx.query<{ tracking_id: string; opd: string | null; created_at: Date | string }>(
        `select c.tracking_id, c.opd, c.created_at from complaint_backfill b join complaints c using (tracking_id)
          order by b.tracking_id limit ${BATCH} for update of b skip locked`,
      );
      if (rows.length === 0) return 0;
      const ids = rows.map((r) => r.tracking_id);
      const chains = await loadChains(engine.instances, ids, tx);
      const reached = await reachedMarks(tx, engine, chains);
      for (const r of rows) {
        const chain = chains.get(r.tracking_id) ?? [];
        const live = chain.length === 0 || chain.some((i) => i.status === 'running' || i.status === 'failed');
        const seen = reached.get(r.tracking_id);
        await tx.query(
          `update complaints c set current_opd = $2, forwarded_at = $3, not_followed_up = $4, closed_at = $5,
                  worked_at = (select min(t.ended_at) from tasks t join process_instances i on i.id = t.instance_id
                                where i.business_key = c.tracking_id and t.status = 'completed'),
                  answered_at = coalesce((select min(h.at) from history h join process_instances i on i.id = h.instance_id
                                where i.business_key = c.tracking_id and h.type = 'task-completed'
                                  and coalesce(btrim(h.data->'variables'->>'jawaban'), '') <> ''), case when $6 then c.created_at end),
                  next_due_at = (select min(t.due_at) from tasks t join process_instances i on i.id = t.instance_id
                                where i.business_key = c.tracking_id and t.status = 'open'),
                  completed_late = exists (select 1 from tasks t join process_instances i on i.id = t.instance_id
                                where i.business_key = c.tracking_id and t.status = 'completed' and t.ended_at > t.due_at)
            where c.tracking_id = $1`,
          [r.tracking_id, currentOpdOf(chain, r.opd), seen?.forwardedAt ?? null, seen?.notFollowedUp ?? false, live ? null : endOf(chain), answered(chain)],
        );
        // The status last: it reads worked_at, set above.
        await tx.query(
          `update complaints c set status = case when c.forwarded_at is not null then 'diteruskan-ombudsman'
                when $2 then case when c.worked_at is not null then 'diproses' else 'diterima' end
                when c.not_followed_up then 'tidak-ditindaklanjuti' else 'selesai' end where c.tracking_id = $1`,
          [r.tracking_id, live],
        );
      }
      await tx.query('delete from complaint_backfill where tracking_id = any($1::text[])', [ids]);
      return rows.length;
    });
    if (n === 0) return filled;
    filled += n;
  }
}

type Reached = { forwardedAt: string | null; notFollowedUp: boolean };

/** Per complaint: when it first entered an Ombudsman element, and whether it reached a "… Tidak …" end. */
async function reachedMarks(tx: Parameters<Parameters<Database['transaction']>[0]>[0], engine: WorkflowEngine, chains: Map<string, ChainInstance[]>): Promise<Map<string, Reached>> {
  const out = new Map<string, Reached>();
  const instances = [...chains.values()].flat();
  if (instances.length === 0) return out;
  const marksOf = new Map<number, ReturnType<typeof statusMarks>>();
  for (const id of new Set(instances.map((i) => i.definitionId))) marksOf.set(id, statusMarks((await engine.deployments.load(id)).model));
  const { rows } = await tx.query<{ instance_id: string; element_id: string; at: Date | string }>(
    `select h.instance_id, h.element_id, min(h.at) as at from history h where h.instance_id = any($1::uuid[])
        and h.type in ('element-entered', 'element-left') group by h.instance_id, h.element_id`,
    [instances.map((i) => i.id)],
  );
  const byId = new Map(instances.map((i) => [i.id, i]));
  for (const r of rows) {
    const instance = byId.get(r.instance_id)!;
    const marks = marksOf.get(instance.definitionId)!;
    const seen = out.get(instance.businessKey!) ?? { forwardedAt: null, notFollowedUp: false };
    const at = new Date(r.at).toISOString();
    if (marks.ombudsman.has(r.element_id) && (!seen.forwardedAt || at < seen.forwardedAt)) seen.forwardedAt = at;
    if (marks.notFollowedUpEnds.has(r.element_id)) seen.notFollowedUp = true;
    out.set(instance.businessKey!, seen);
  }
  return out;
}

/** When the chain's last instance ended. */
function endOf(chain: ChainInstance[]): string | null {
  if (chain.length === 0 || chain.some((i) => !i.endedAt)) return null;
  return chain.map((i) => i.endedAt!).reduce((a, b) => (a > b ? a : b));
}

/** An answer already in the chain's variables (entered with the complaint) counts from intake. */
function answered(chain: ChainInstance[]): boolean {
  return chain.some((i) => typeof i.variables.jawaban === 'string' && i.variables.jawaban.trim() !== '');
}


