import { maxLateTaskPage, type LateTask, type LateTaskPage } from '../contract/lateTasks';
import type { Queryable } from '../db/database';
import { SqlParams, isoOrNull } from '../db/sqlParams';
import { supervisedTasksSql } from './access';
import type { User } from './users';

export type { LateTask, LateTaskPage };
export { maxLateTaskPage };

interface Row {
  id: string;
  instance_id: string;
  name: string | null;
  process_key: string;
  process_name: string | null;
  tracking_id: string | null;
  subject: string | null;
  opd: string | null;
  opd_name: string | null;
  assignee: string | null;
  assignee_name: string | null;
  candidate_groups: string[];
  due_at: Date | string;
  created_at: Date | string;
}

/**
 * The late open tasks of the people a superior supervises (the superior chain of the diagrams'
 * "Lewat …" notices, roles.ts superiorOf), most overdue first. Read a page at a time off the open
 * tasks' GIN index on candidate groups and their due-date index; no count of the whole backlog.
 */
export async function lateTasksFor(db: Queryable, user: User, now: Date, page: { limit?: number; offset?: number }): Promise<LateTaskPage> {
  const limit = Math.min(Math.max(page.limit ?? 50, 1), maxLateTaskPage);
  const offset = Math.max(page.offset ?? 0, 0);
  const sql = new SqlParams([now.toISOString()]);
  const supervised = supervisedTasksSql(user, sql.bind);
  const { rows } = await db.query<Row>(
    `select t.id, t.instance_id, t.name, i.key as process_key, pd.name as process_name, c.tracking_id, c.subject, t.opd, o.name as opd_name,
            t.assignee, u.display_name as assignee_name, t.candidate_groups, t.due_at, t.created_at
       from tasks t
       join process_instances i on i.id = t.instance_id
       join process_definitions pd on pd.id = i.definition_id
       left join complaints c on c.tracking_id = i.business_key
       left join opds o on o.code = t.opd
       left join users u on u.username = t.assignee
      where t.status = 'open' and t.due_at < $1 and ${supervised}
      order by t.due_at, t.id
      limit ${sql.bind(limit + 1)} offset ${sql.bind(offset)}`,
    sql.values,
  );
  const items = rows.slice(0, limit).map(
    (r): LateTask => ({
      id: r.id,
      instanceId: r.instance_id,
      name: r.name,
      processKey: r.process_key,
      processName: r.process_name,
      trackingId: r.tracking_id,
      subject: r.subject,
      opd: r.opd,
      opdName: r.opd_name,
      assignee: r.assignee,
      assigneeName: r.assignee_name,
      candidateGroups: r.candidate_groups,
      dueAt: isoOrNull(r.due_at)!,
      createdAt: isoOrNull(r.created_at)!,
    }),
  );
  return { items, hasMore: rows.length > limit };
}
