import type { Database } from '../../db/database';
import { externalTaskColumns, type ExternalTaskRow } from './externalTaskRow';

export interface TopicRequest {
  topicName: string;
  lockDurationMs: number;
}

/**
 * Locks up to `maxTasks` fetchable tasks of the topics for one worker, oldest first, in one
 * statement: `FOR UPDATE SKIP LOCKED`, so two workers polling at once never lock the same task.
 * Fetchable: of a running instance, never locked or its lock expired, retries not exhausted, and
 * past a failure's retry timeout. Times are the workflow clock's (`now`), so the manual clock
 * moves lock expiry too.
 */
export async function fetchAndLock(
  db: Database,
  args: { workerId: string; username: string; maxTasks: number; topics: TopicRequest[]; now: Date },
): Promise<(ExternalTaskRow & { variables: Record<string, unknown> })[]> {
  const { rows } = await db.query<ExternalTaskRow & { variables: Record<string, unknown> }>(
    `with picked as (
       select x.id, t.ms from external_tasks x
         join unnest($1::text[], $2::bigint[]) as t(topic, ms) on t.topic = x.topic
         join process_instances i on i.id = x.instance_id
        where i.status = 'running'
          and (x.lock_expires_at is null or x.lock_expires_at <= $3)
          and (x.retries is null or x.retries > 0)
          and (x.retry_at is null or x.retry_at <= $3)
        order by x.created_at, x.id
        limit $4
        for update of x skip locked
     ), locked as (
       update external_tasks e set locked_by = $5, locked_by_user = $6, lock_expires_at = $3::timestamptz + p.ms * interval '1 millisecond'
         from picked p where e.id = p.id
       returning e.*
     )
     select ${externalTaskColumns}, i.variables from locked x join process_instances i on i.id = x.instance_id order by x.created_at, x.id`,
    [args.topics.map((t) => t.topicName), args.topics.map((t) => t.lockDurationMs), args.now.toISOString(), args.maxTasks, args.workerId, args.username],
  );
  return rows;
}
