import type { Queryable } from '../db/database';
import type { WorkflowEngine } from '../engine/workflowEngine';
import { complaintOfOpd, complaintScope } from './complaintsAccess';
import { ChainStatusReader, complaintStatuses, currentOpdOf, loadChains, type ComplaintStatus } from './complaintsChain';
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

const OPEN: ComplaintStatus[] = ['diterima', 'diproses'];

/**
 * What a head of office watches: complaints by status and by OPD, and tasks past due by OPD and by
 * the role they wait on. OPD-bound staff see only their OPD's share.
 */
export class Dashboard {
  private readonly statusReader: ChainStatusReader;

  constructor(
    private readonly db: Queryable,
    private readonly engine: WorkflowEngine,
  ) {
    this.statusReader = new ChainStatusReader(engine.deployments);
  }

  async counts(user: User): Promise<DashboardCounts> {
    const scope = complaintScope(user);
    const now = this.engine.clock.now();
    const onlyOpd = scope.all ? null : scope.opd;

    const params: unknown[] = [];
    const param = (v: unknown) => `$${params.push(v)}`;
    const { rows: complaints } = await this.db.query<{ tracking_id: string; opd: string | null }>(
      `select c.tracking_id, c.opd from complaints c ${onlyOpd ? `where ${complaintOfOpd(param, onlyOpd)}` : ''}`,
      params,
    );
    const chains = await loadChains(this.engine.instances, complaints.map((c) => c.tracking_id));
    const statuses = await this.statusReader.statuses(this.db, chains);
    const byStatus = new Map<ComplaintStatus, number>(complaintStatuses.map((s) => [s, 0]));
    const openByOpd = new Map<string | null, number>();
    for (const c of complaints) {
      const status = statuses.get(c.tracking_id) ?? 'diterima';
      byStatus.set(status, (byStatus.get(status) ?? 0) + 1);
      if (!OPEN.includes(status)) continue;
      const opd = currentOpdOf(chains.get(c.tracking_id) ?? [], c.opd);
      // An OPD's staff follow their complaints even after a disposition moved them elsewhere.
      openByOpd.set(opd, (openByOpd.get(opd) ?? 0) + 1);
    }

    const { rows: overdue } = await this.db.query<{ candidate_groups: string[]; opd: string | null }>(
      `select t.candidate_groups, coalesce(i.variables->>'opd', c.opd) as opd
         from tasks t join process_instances i on i.id = t.instance_id left join complaints c on c.tracking_id = i.business_key
        where t.status = 'open' and t.due_at < $1`,
      [now.toISOString()],
    );
    const overdueByOpd = new Map<string | null, number>();
    const overdueByRole = new Map<string, number>();
    for (const task of overdue) {
      const split = task.candidate_groups.map((g) => {
        const i = g.indexOf(':');
        return i < 0 ? { role: g, opd: null } : { role: g.slice(0, i), opd: g.slice(i + 1) };
      });
      // The OPD a task waits in: the one its candidate group names, else the instance's.
      const opd = split.find((s) => s.opd)?.opd ?? task.opd;
      if (onlyOpd && opd !== onlyOpd) continue;
      overdueByOpd.set(opd, (overdueByOpd.get(opd) ?? 0) + 1);
      for (const role of new Set(split.map((s) => s.role))) overdueByRole.set(role, (overdueByRole.get(role) ?? 0) + 1);
    }

    const codes = [...new Set([...openByOpd.keys(), ...overdueByOpd.keys()].filter((c): c is string => !!c))];
    const { rows: names } = codes.length
      ? await this.db.query<{ code: string; name: string }>('select code, name from opds where code = any($1::text[])', [codes])
      : { rows: [] };
    const nameOf = new Map(names.map((n) => [n.code, n.name]));
    const byOpd = (m: Map<string | null, number>) =>
      [...m]
        .map(([opd, count]) => ({ opd, opdName: opd ? (nameOf.get(opd) ?? null) : null, count }))
        .sort((a, b) => b.count - a.count || (a.opdName ?? a.opd ?? '~').localeCompare(b.opdName ?? b.opd ?? '~'));

    return {
      complaintsByStatus: [...byStatus].map(([status, count]) => ({ status, count })),
      openComplaintsByOpd: byOpd(openByOpd),
      overdueTasksByOpd: byOpd(overdueByOpd),
      overdueTasksByRole: [...overdueByRole]
        .map(([role, count]) => ({ role, label: isRoleId(role) ? roles[role].label : role, count }))
        .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label)),
      generatedAt: now.toISOString(),
    };
  }
}
