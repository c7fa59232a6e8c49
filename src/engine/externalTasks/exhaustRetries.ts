import type { Queryable } from '../../db/database';

/** A worker's failure with no retries left: the task stays, unlocked and unfetchable, with its message. */
export async function exhaustRetries(tx: Queryable, args: { id: string; workerId: string; username: string; errorMessage: string | null }): Promise<boolean> {
  const { rowCount } = await tx.query(
    `update external_tasks set retries = 0, error_message = $4, retry_at = null, locked_by = null, locked_by_user = null, lock_expires_at = null
      where id = $1 and locked_by = $2 and locked_by_user = $3`,
    [args.id, args.workerId, args.username, args.errorMessage],
  );
  return rowCount === 1;
}
