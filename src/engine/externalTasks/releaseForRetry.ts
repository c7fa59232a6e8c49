import type { Queryable } from '../../db/database';

/**
 * A worker's failure with retries left: the lock is released, the retries and message kept, and
 * the task is fetchable again once `retryAt` has passed. Only the worker holding the lock may;
 * false when it does not (any more).
 */
export async function releaseForRetry(
  db: Queryable,
  args: { id: string; workerId: string; username: string; retries: number; errorMessage: string | null; retryAt: Date },
): Promise<boolean> {
  const { rowCount } = await db.query(
    `update external_tasks set retries = $4, error_message = $5, retry_at = $6, locked_by = null, locked_by_user = null, lock_expires_at = null
      where id = $1 and locked_by = $2 and locked_by_user = $3`,
    [args.id, args.workerId, args.username, args.retries, args.errorMessage, args.retryAt.toISOString()],
  );
  return rowCount === 1;
}
