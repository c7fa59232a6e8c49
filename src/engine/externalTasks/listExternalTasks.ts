import type { Queryable } from '../../db/database';
import { externalTaskColumns, type ExternalTaskRow } from './externalTaskRow';

/** The open external tasks, oldest first, optionally of one topic (for administrators). */
export async function listExternalTasks(db: Queryable, args: { topicName?: string; limit: number; offset: number }): Promise<ExternalTaskRow[]> {
  const { rows } = await db.query<ExternalTaskRow>(
    `select ${externalTaskColumns} from external_tasks x join process_instances i on i.id = x.instance_id
      where ($1::text is null or x.topic = $1) order by x.created_at, x.id limit $2 offset $3`,
    [args.topicName ?? null, args.limit, args.offset],
  );
  return rows;
}
