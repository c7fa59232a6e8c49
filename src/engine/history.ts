import type { Queryable } from '../db/database';
import type { HistoryRecord, HistoryType } from '../contract/audit';
import type { BatchPart } from './statementBatch';

/**
 * The append-only audit trail: what happened to an instance, who did it, when. Rows are only
 * ever inserted; nothing updates or deletes them.
 */

export type { HistoryRecord, HistoryType };

export interface HistoryEntry {
  instanceId: string | null;
  type: HistoryType;
  elementId?: string | null;
  at: Date;
  actor?: string | null;
  data?: Record<string, unknown>;
}

export async function appendHistory(tx: Queryable, entries: HistoryEntry[]): Promise<void> {
  const part = historyPart(entries);
  if (part) await tx.query(part.sql, part.params);
}

/** The insert of a batch of entries, one statement for all: a command often writes a dozen. */
export function historyPart(entries: HistoryEntry[]): BatchPart | undefined {
  if (entries.length === 0) return undefined;
  return {
    sql: `insert into history (instance_id, type, element_id, at, actor, data)
          select * from unnest($1::uuid[], $2::text[], $3::text[], $4::timestamptz[], $5::text[], $6::jsonb[])`,
    params: [
      entries.map((e) => e.instanceId),
      entries.map((e) => e.type),
      entries.map((e) => e.elementId ?? null),
      entries.map((e) => e.at.toISOString()),
      entries.map((e) => e.actor ?? null),
      entries.map((e) => JSON.stringify(e.data ?? {})),
    ],
  };
}

export async function listHistory(db: Queryable, instanceId: string): Promise<HistoryRecord[]> {
  const { rows } = await db.query<{ id: number; type: HistoryType; element_id: string | null; at: Date | string; actor: string | null; data: Record<string, unknown> }>(
    'select id, type, element_id, at, actor, data from history where instance_id = $1 order by id',
    [instanceId],
  );
  return rows.map((r) => ({
    ...r.data,
    id: Number(r.id),
    type: r.type,
    elementId: r.element_id,
    at: new Date(r.at).toISOString(),
    actor: r.actor,
  }));
}
