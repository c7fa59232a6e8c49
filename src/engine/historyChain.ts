import type { Queryable } from '../db/database';
import type { HistoryVerification } from '../contract/audit';

export type { HistoryVerification };

/**
 * Verifies an instance's hash chain (migration 8): recomputes every row's hash from its content
 * and the stored hash of the row before it, and names the first row whose stored hash differs.
 * An edited row breaks at itself; a deleted row at the row after it. The database does the work
 * in one query and answers one row, so a long history never travels to Node.
 *
 * What a chain cannot show on its own: rows cut off at the end, or a whole chain rewritten by
 * someone who can also recompute it. An auditor who noted the entry count earlier sees the first.
 */
export async function verifyHistoryChain(db: Queryable, instanceId: string): Promise<HistoryVerification> {
  const { rows } = await db.query<{ entries: number; broken_at: string | number | null }>(
    `select count(*)::int as entries, min(id) filter (where hash is distinct from expected) as broken_at
       from (select id, hash,
                    history_entry_hash(lag(hash) over (order by id), id, instance_id, type, element_id, at, actor, data) as expected
               from history where instance_id = $1) h`,
    [instanceId],
  );
  const { entries, broken_at: brokenAt } = rows[0];
  return brokenAt === null ? { ok: true, entries } : { ok: false, entries, brokenAt: Number(brokenAt) };
}
