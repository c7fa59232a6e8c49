import { forbidden } from '../engine/errors';
import { allComplaintsReaders, opdComplaintsReaders } from './complaintsAccess';
import { historyReaderRoles, type RoleId } from './roles';
import type { User } from './users';

/**
 * Which instances an audit reader sees: history readers every instance; readers of all
 * complaints the instances of every complaint's chain; OPD-bound staff the chains of their OPD's
 * complaints (chosen at intake or disposed to it later, as in complaintsAccess).
 */
export type AuditScope = { kind: 'all' } | { kind: 'complaints' } | { kind: 'opd'; opd: string };

const has = (user: User, list: readonly RoleId[]) => user.roles.some((r) => list.includes(r as RoleId));

export function auditScope(user: User): AuditScope {
  if (has(user, historyReaderRoles)) return { kind: 'all' };
  if (has(user, allComplaintsReaders)) return { kind: 'complaints' };
  if (has(user, opdComplaintsReaders) && user.opd) return { kind: 'opd', opd: user.opd };
  throw forbidden(`reading instance histories needs one of the roles: ${[...historyReaderRoles, ...allComplaintsReaders, ...opdComplaintsReaders].filter((r, i, a) => a.indexOf(r) === i).join(', ')}`);
}

/**
 * SQL conditions over `process_instances i left join complaints c on c.tracking_id = i.business_key`.
 * `param` binds a value and returns its placeholder.
 */
export function instanceOfOpd(param: (v: unknown) => string, opd: string): string {
  const p = param(opd);
  return `(coalesce(i.variables->>'opd', c.opd) = ${p} or (c.tracking_id is not null and (c.opd = ${p}
    or exists (select 1 from process_instances j where j.business_key = c.tracking_id and j.variables->>'opd' = ${p}))))`;
}

export function scopeCondition(scope: AuditScope, param: (v: unknown) => string): string | undefined {
  if (scope.kind === 'all') return undefined;
  if (scope.kind === 'complaints') return 'c.tracking_id is not null';
  return `c.tracking_id is not null and ${instanceOfOpd(param, scope.opd)}`;
}
