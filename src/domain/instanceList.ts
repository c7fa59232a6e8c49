import type { Queryable } from '../db/database';
import { SqlParams } from '../db/sqlParams';
import { columns, type InstanceRow, type InstanceStatus } from '../engine/instanceReads';
import { toInstance, type ProcessInstance } from '../engine/instances';
import { instanceFrom, instanceReadSql } from './access';
import type { User } from './users';

export interface InstanceListQuery {
  key?: string;
  status?: InstanceStatus;
  businessKey?: string;
  limit?: number;
  offset?: number;
}

/** The largest page of GET /api/instances. */
export const maxInstancePage = 500;

/** GET /api/instances: the instances the user may read (access.ts), newest first, one page. */
export class InstanceList {
  constructor(private readonly db: Queryable) {}

  list(user: User, query: InstanceListQuery): Promise<ProcessInstance[]> {
    return listReadableInstances(this.db, user, query);
  }
}

async function listReadableInstances(db: Queryable, user: User, query: InstanceListQuery): Promise<ProcessInstance[]> {
  const { values: params, bind: param } = new SqlParams();
  const where = [instanceReadSql(user, param)];
  if (query.key) where.push(`i.key = ${param(query.key)}`);
  if (query.status) where.push(`i.status = ${param(query.status)}`);
  if (query.businessKey) where.push(`i.business_key = ${param(query.businessKey)}`);
  const select = columns.split(',').map((c) => `i.${c.trim()}`).join(', ');
  const { rows } = await db.query<InstanceRow>(
    `select ${select} from ${instanceFrom} where ${where.join(' and ')}
      order by i.started_at desc, i.id limit ${param(Math.min(query.limit ?? 100, maxInstancePage))} offset ${param(query.offset ?? 0)}`,
    params,
  );
  return rows.map(toInstance);
}
