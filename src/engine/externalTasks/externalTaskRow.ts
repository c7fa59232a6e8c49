import type { Queryable } from '../../db/database';
import type { Variables } from '../variables';

/** An external task as a worker or an administrator sees it (Camunda 7's field names). */
export interface ExternalTask {
  id: string;
  topicName: string;
  workerId: string | null;
  lockExpirationTime: string | null;
  processInstanceId: string;
  processDefinitionKey: string;
  activityId: string;
  executionId: string;
  businessKey: string | null;
  /** null until the first failure (Camunda 7). */
  retries: number | null;
  errorMessage: string | null;
  createdAt: string;
}

export interface ExternalTaskRow {
  id: string;
  instance_id: string;
  execution_id: string;
  element_id: string;
  topic: string;
  created_at: Date | string;
  locked_by: string | null;
  locked_by_user: string | null;
  lock_expires_at: Date | string | null;
  retries: number | null;
  error_message: string | null;
  process_key: string;
  business_key: string | null;
  variables?: Variables;
}

/** Columns of `external_tasks x` joined with `process_instances i`, making an ExternalTaskRow. */
export const externalTaskColumns = `x.id, x.instance_id, x.execution_id, x.element_id, x.topic, x.created_at, x.locked_by, x.locked_by_user,
  x.lock_expires_at, x.retries, x.error_message, i.key as process_key, i.business_key`;

const iso = (v: Date | string | null) => (v === null ? null : new Date(v).toISOString());

export function toExternalTask(r: ExternalTaskRow): ExternalTask {
  return {
    id: r.id,
    topicName: r.topic,
    workerId: r.locked_by,
    lockExpirationTime: iso(r.lock_expires_at),
    processInstanceId: r.instance_id,
    processDefinitionKey: r.process_key,
    activityId: r.element_id,
    executionId: r.execution_id,
    businessKey: r.business_key,
    retries: r.retries,
    errorMessage: r.error_message,
    createdAt: iso(r.created_at)!,
  };
}

export async function getExternalTask(db: Queryable, id: string): Promise<ExternalTaskRow | undefined> {
  const { rows } = await db.query<ExternalTaskRow>(
    `select ${externalTaskColumns} from external_tasks x join process_instances i on i.id = x.instance_id where x.id = $1`,
    [id],
  );
  return rows[0];
}
