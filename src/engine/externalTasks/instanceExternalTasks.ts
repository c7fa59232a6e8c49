import type { WaitingExternalTask } from '../processRuntime';
import type { StatementBatch } from '../statementBatch';

/**
 * The writes that make an instance's external-task rows exactly the service, send and business
 * rule tasks its engine now waits on, added to the command's one statement: a new wait becomes a
 * row (and a history entry, from the rows the insert returns), a row whose wait is gone (completed,
 * left by a BPMN error or an interrupting timer, the instance ended) is deleted. A wait seen again
 * after recovery is the same row (unique instance and execution), never a second one.
 */
export function addExternalTaskWrites(
  batch: StatementBatch,
  args: { instanceId: string; waiting: WaitingExternalTask[]; topics: Map<string, string>; now: Date },
): void {
  const { instanceId, waiting, topics, now } = args;
  const executionIds = waiting.map((w) => w.executionId);
  batch.add({
    sql: `delete from external_tasks where instance_id = $1 and not (execution_id = any($2::text[])) returning 1`,
    params: [instanceId, executionIds],
  });
  if (waiting.length === 0) return;
  const inserted = batch.add({
    sql: `insert into external_tasks (id, instance_id, execution_id, element_id, topic, created_at)
          select gen_random_uuid(), $1, x, e, t, $5 from unnest($2::text[], $3::text[], $4::text[]) as w(x, e, t)
          on conflict (instance_id, execution_id) do nothing
          returning id, instance_id, element_id, topic`,
    params: [instanceId, executionIds, waiting.map((w) => w.elementId), waiting.map((w) => topics.get(w.elementId) ?? ''), now.toISOString()],
  });
  batch.add({
    sql: `insert into history (instance_id, type, element_id, at, actor, data)
          select instance_id, 'external-task-created', element_id, $1, null, jsonb_build_object('externalTaskId', id, 'topic', topic) from ${inserted}`,
    params: [now.toISOString()],
  });
}
