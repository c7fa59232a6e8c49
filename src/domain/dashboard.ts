import type { Queryable } from '../db/database';
import type { WorkflowEngine } from '../engine/workflowEngine';
import { complaintCountsOfOpd, complaintScope } from './access';
import { SqlParams } from '../db/sqlParams';
import { complaintStatuses, type ComplaintStatus } from './complaintsChain';
import { lateTasksFor, type LateTaskPage } from './lateTasks';
import { isRoleId, roles } from './roles';
import type { User } from './users';

export interface DashboardCounts {
  complaintsByStatus: { status: ComplaintStatus; count: number }[];
  /** Complaints still running (diterima, diproses), by the OPD handling them now; `opd` null when none is chosen yet. */
  openComplaintsByOpd: { opd: string | null; opdName: string | null; count: number }[];
  overdueTasksByOpd: { opd: string | null; opdName: string | null; count: number }[];
  overdueTasksByRole: { role: string; label: string; count: number }[];
  generatedAt: string;
}

/**
 * Open tasks past due per OPD ('' for none) and role ('' for the task itself), from the aggregate
 * the database keeps (migration 9, `task_due_counts`): the days before today's UTC day summed,
 * today's tasks counted through the open due-date index. `tasks.opd` is the OPD a task waits in.
 */
const overdueSql = (role: 'task' | 'roles', onlyOpd: boolean) => `
  select nullif(x.opd, '') as ${role === 'task' ? 'opd' : 'opd, x.role'}, sum(x.n)::int as n from (
    select k.opd, k.role, k.n from task_due_counts k
     where k.role ${role === 'task' ? "= ''" : "<> ''"} and k.due_day < $2 ${onlyOpd ? 'and k.opd = $4' : ''}
    union all
    select coalesce(t.opd, ''), r.role, 1 from tasks t
      cross join lateral (${role === 'task' ? "select '' as role" : "select distinct split_part(g, ':', 1) as role from unnest(t.candidate_groups) g"}) r
     where t.status = 'open' and t.due_at >= $3 and t.due_at < $1 ${onlyOpd ? "and coalesce(t.opd, '') = $4" : ''}
  ) x group by ${role === 'task' ? '1' : '1, 2'}`;

/**
 * What a head of office watches: complaints by status and by OPD, and tasks past due by OPD and by
 * the role they wait on. OPD-bound staff see only their OPD's share. Complaint counts come from
 * the totals the database keeps (complaint_totals), tasks past due from the open-task counts it
 * keeps per due day (task_due_counts): neither grows with the years of complaints behind them.
 */
export class Dashboard {
  constructor(
    private readonly db: Queryable,
    private readonly engine: WorkflowEngine,
  ) {}

  /** GET /api/dashboard/late-tasks: a superior's late tasks of their people (lateTasks.ts). */
  async lateTasks(user: User, page: { limit?: number; offset?: number }): Promise<LateTaskPage> {
    await this.engine.clock.refresh();
    return lateTasksFor(this.db, user, this.engine.clock.now(), page);
  }

  async counts(user: User): Promise<DashboardCounts> {
    const scope = complaintScope(user);
    const now = this.engine.clock.now();
    const onlyOpd = scope.all ? null : scope.opd;
    const scopeSql = new SqlParams();
    const scoped = onlyOpd ? `where ${complaintCountsOfOpd(scopeSql.bind, onlyOpd)}` : '';
    const scopeParams = scopeSql.values;
    const today = Math.floor(now.getTime() / 86_400_000);
    const overdueParams = [now.toISOString(), today, new Date(today * 86_400_000).toISOString(), ...(onlyOpd ? [onlyOpd] : [])];
    const [{ rows: byStatusRows }, { rows: openRows }, { rows: overdueOpdRows }, { rows: overdueRoleRows }] = await Promise.all([
      this.db.query<{ status: ComplaintStatus; n: number }>(`select k.status, sum(k.received)::int as n from complaint_totals k ${scoped} group by k.status`, scopeParams),
      this.db.query<{ opd: string | null; n: number }>(
        `select nullif(k.current_opd, '') as opd, sum(k.received)::int as n from complaint_totals k
          ${scoped ? `${scoped} and` : 'where'} k.status in ('diterima', 'diproses') group by 1 having sum(k.received) > 0`,
        scopeParams,
      ),
      this.db.query<{ opd: string | null; n: number }>(overdueSql('task', !!onlyOpd), overdueParams),
      this.db.query<{ role: string; n: number }>(
        `select o.role, sum(o.n)::int as n from (${overdueSql('roles', !!onlyOpd)}) o group by o.role`,
        overdueParams,
      ),
    ]);
    const byStatus = new Map<ComplaintStatus, number>(complaintStatuses.map((s) => [s, 0]));
    for (const r of byStatusRows) byStatus.set(r.status, r.n);
    const codes = [...new Set([...openRows, ...overdueOpdRows].map((r) => r.opd).filter((c): c is string => !!c))];
    const { rows: names } = codes.length
      ? await this.db.query<{ code: string; name: string }>('select code, name from opds where code = any($1::text[])', [codes])
      : { rows: [] };
    const nameOf = new Map(names.map((n) => [n.code, n.name]));
    const byOpd = (rows: { opd: string | null; n: number }[]) =>
      rows
        .map(({ opd, n }) => ({ opd, opdName: opd ? (nameOf.get(opd) ?? null) : null, count: n }))
        .sort((a, b) => b.count - a.count || (a.opdName ?? a.opd ?? '~').localeCompare(b.opdName ?? b.opd ?? '~'));

    return {
      complaintsByStatus: [...byStatus].map(([status, count]) => ({ status, count })),
      openComplaintsByOpd: byOpd(openRows),
      overdueTasksByOpd: byOpd(overdueOpdRows),
      overdueTasksByRole: overdueRoleRows
        .map(({ role, n }) => ({ role, label: isRoleId(role) ? roles[role].label : role, count: n }))
        .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label)),
      generatedAt: now.toISOString(),
    };
  }
}
