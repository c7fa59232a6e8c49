import type { Queryable } from '../../db/database';

/**
 * Deletes the task inside the transaction that carries out its worker's answer (complete, BPMN
 * error), only while that worker holds it: a second answer, or one from a worker whose lock another
 * took over, finds nothing and the transaction is undone.
 */
export async function takeLocked(tx: Queryable, args: { id: string; workerId: string; username: string }): Promise<boolean> {
  const { rowCount } = await tx.query('delete from external_tasks where id = $1 and locked_by = $2 and locked_by_user = $3', [
    args.id,
    args.workerId,
    args.username,
  ]);
  return rowCount === 1;
}
