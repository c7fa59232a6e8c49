import type { Queryable } from '../../db/database';

/**
 * A worker's lease on a task it holds, renewed: the lock now expires `newDurationMs` after `now`
 * (Camunda 7's extendLock counts from the current moment). Only the worker holding an unexpired
 * lock may: an expired one may already be another worker's (Camunda 7: "cannot extend a lock that
 * expired"). False when it does not (any more).
 */
export async function extendLock(db: Queryable, args: { id: string; workerId: string; username: string; newDurationMs: number; now: Date }): Promise<boolean> {
  const { rowCount } = await db.query(
    `update external_tasks set lock_expires_at = $4::timestamptz + $5 * interval '1 millisecond'
      where id = $1 and locked_by = $2 and locked_by_user = $3 and lock_expires_at > $4`,
    [args.id, args.workerId, args.username, args.now.toISOString(), args.newDurationMs],
  );
  return rowCount === 1;
}

/** Clears a task's lock (Camunda 7's unlock): any worker may fetch it again at once. The worker it is taken from is returned. */
export async function unlock(db: Queryable, id: string): Promise<{ found: boolean; wasLockedBy: string | null }> {
  const { rows } = await db.query<{ was: string | null }>(
    `update external_tasks x set locked_by = null, locked_by_user = null, lock_expires_at = null
       from (select id, locked_by as was from external_tasks where id = $1 for update) old
      where x.id = old.id
      returning old.was`,
    [id],
  );
  return { found: rows.length === 1, wasLockedBy: rows[0]?.was ?? null };
}

/**
 * Sets a task's retries (Camunda 7's PUT …/retries), returning what they were (undefined: no such
 * task). More than 0 also clears a failure's retry timeout, so the task is fetchable at once.
 */
export async function setRetries(tx: Queryable, args: { id: string; retries: number }): Promise<{ before: number | null } | undefined> {
  const { rows } = await tx.query<{ before: number | null }>(
    `update external_tasks x set retries = $2, retry_at = case when $2 > 0 then null else x.retry_at end
       from (select id, retries as before from external_tasks where id = $1 for update) old
      where x.id = old.id
      returning old.before`,
    [args.id, args.retries],
  );
  return rows[0];
}

/**
 * The incidents an external task out of retries put on its instance, resolved; the instance runs
 * again when no other incident is open (it never left its wait: only its status said failed).
 */
export async function resolveExternalTaskIncidents(tx: Queryable, args: { instanceId: string; elementId: string; now: Date }): Promise<{ resolved: string[]; running: boolean }> {
  const { rows } = await tx.query<{ id: string }>(
    `update incidents set resolved_at = $3
      where instance_id = $1 and element_id = $2 and job_id is null and resolved_at is null and message like 'external task %'
      returning id`,
    [args.instanceId, args.elementId, args.now.toISOString()],
  );
  const { rowCount } = await tx.query(
    `update process_instances set status = 'running', rev = rev + 1
      where id = $1 and status = 'failed' and not exists (select 1 from incidents where instance_id = $1 and resolved_at is null)`,
    [args.instanceId],
  );
  return { resolved: rows.map((r) => r.id), running: rowCount === 1 };
}
