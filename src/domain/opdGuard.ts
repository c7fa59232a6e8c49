import type { Queryable } from '../db/database';
import { forbidden } from '../engine/errors';
import { instanceOfOpd } from './auditScope';
import { allComplaintsReaders, opdComplaintsReaders } from './complaintsAccess';
import { historyReaderRoles, type RoleId } from './roles';
import type { User } from './users';

/**
 * OPD-bound staff act only on their own OPD's complaints. A task offered to `role:OPD` says so
 * by its candidate groups already; this guard also holds where a diagram offers a task to a
 * plain OPD-bound role (`pejabat-penghubung`), which every OPD's staff carry.
 */
export class OpdGuard {
  constructor(private readonly db: Queryable) {}

  /** The ids among `instanceIds` the user may act on. */
  async allowed(user: User, instanceIds: readonly string[]): Promise<Set<string>> {
    const opd = opdOnly(user);
    if (opd === undefined || instanceIds.length === 0) return new Set(instanceIds);
    const params: unknown[] = [instanceIds];
    const param = (v: unknown) => `$${params.push(v)}`;
    const { rows } = await this.db.query<{ id: string }>(
      `select i.id from process_instances i left join complaints c on c.tracking_id = i.business_key
        where i.id = any($1::uuid[]) and ${ownOpdCondition(param, opd)}`,
      params,
    );
    return new Set(rows.map((r) => r.id));
  }

  async assertMayAct(user: User, instanceId: string): Promise<void> {
    if (!(await this.allowed(user, [instanceId])).has(instanceId)) throw forbidden('this belongs to a complaint of another OPD').as('opd.otherOpd');
  }
}

/**
 * SQL over `process_instances i left join complaints c on c.tracking_id = i.business_key`: the
 * instance belongs to the OPD, or to no complaint and no OPD. Without an OPD (a misconfigured
 * account) only the latter remain.
 */
export function ownOpdCondition(param: (v: unknown) => string, opd: string | null): string {
  const own = opd === null ? 'false' : instanceOfOpd(param, opd);
  return `(${own} or (c.tracking_id is null and i.variables->>'opd' is null))`;
}

const has = (user: User, list: readonly RoleId[]) => user.roles.some((r) => list.includes(r as RoleId));

/** The OPD an OPD-bound-only user is confined to (null: none set); undefined for everyone else. */
export function opdOnly(user: User): string | null | undefined {
  if (has(user, historyReaderRoles) || has(user, allComplaintsReaders)) return undefined;
  if (!has(user, opdComplaintsReaders)) return undefined;
  return user.opd ?? null;
}
