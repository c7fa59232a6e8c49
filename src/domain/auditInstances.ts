import { DateTime } from 'luxon';
import type { Queryable } from '../db/database';
import { SqlParams } from '../db/sqlParams';
import { forbidden, notFound } from '../engine/errors';
import { listHistory } from '../engine/history';
import type { ProcessInstanceDetail } from '../engine/instances';
import { auditTotalCap, type AuditInstanceDetail, type AuditListItem, type AuditNotification, type AuditPage, type AuditTask, type InstanceStatus } from '../contract/audit';
import type { WorkflowEngine } from '../engine/workflowEngine';
import { complaintReaders, instanceReadSql, readsAllInstances, type Param } from './access';
import { historyReaderRoles, type RoleId } from './roles';
import { normalizeTrackingId } from './trackingIds';
import type { User } from './users';

export type { AuditInstanceDetail, AuditListItem, AuditNotification, AuditTask } from '../contract/audit';

/** The districts' zone, WIB (Kapuas and Kapuas Hulu alike): dates typed by an auditor are WIB days. */
export const WIB = 'Asia/Pontianak';

export interface AuditQuery {
  /** A whole tracking ID (any case), or a fragment of a business key. */
  trackingId?: string;
  key?: string;
  status?: InstanceStatus;
  opd?: string;
  /** yyyy-MM-dd, a WIB day: started on or after it. */
  from?: string;
  /** yyyy-MM-dd, a WIB day: started on or before it. */
  to?: string;
  /** Only instances with an open task past due, or a task completed after its due date. */
  overdue?: boolean;
  limit?: number;
  offset?: number;
}

interface ItemRow {
  id: string;
  key: string;
  version: number;
  process_name: string | null;
  status: InstanceStatus;
  business_key: string | null;
  opd: string | null;
  started_at: Date | string;
  ended_at: Date | string | null;
  parent_id: string | null;
  open_tasks: number;
  overdue_tasks: number;
  late_tasks: number;
}

const iso = (v: Date | string) => new Date(v).toISOString();

const from = `from process_instances i join process_definitions d on d.id = i.definition_id left join complaints c on c.tracking_id = i.business_key`;

/** The day a yyyy-MM-dd names in WIB, as the instant it starts. */
export function wibDayStart(day: string): Date {
  return DateTime.fromISO(day, { zone: WIB }).startOf('day').toJSDate();
}

/** The instant the next WIB day starts: the exclusive end of a period that includes `day`. */
export function wibDayEnd(day: string): Date {
  return DateTime.fromISO(day, { zone: WIB }).startOf('day').plus({ days: 1 }).toJSDate();
}

/**
 * SQL: the task aliased `t` is late, open past its due date at `now` (a bound placeholder) or
 * completed after it. A late completion stays late: an audit or recap must still find it.
 */
export function lateTaskCondition(now: string): string {
  return `t.due_at is not null and ((t.status = 'open' and t.due_at < ${now}) or (t.status = 'completed' and t.ended_at > t.due_at))`;
}

/**
 * The audit trail of process instances: search over every instance the reader may see, and one
 * instance with all that happened in it (history, tasks with their lateness, mails sent).
 */
export class AuditTrail {
  constructor(
    private readonly db: Queryable,
    private readonly engine: WorkflowEngine,
  ) {}

  async search(query: AuditQuery, user: User): Promise<AuditPage> {
    assertMayAudit(user);
    const where: string[] = [];
    const sql = new SqlParams();
    const { values: params, bind: param } = sql;
    const scoped = instanceReadSql(user, param);
    if (scoped !== 'true') where.push(scoped);
    if (query.trackingId?.trim()) {
      const exact = normalizeTrackingId(query.trackingId);
      // A whole tracking ID in any case finds its chain; a fragment ("000123") any business key holding it.
      where.push(
        exact
          ? `i.business_key = ${param(exact)}`
          : `i.business_key ilike ${sql.contains(query.trackingId.trim())}`,
      );
    }
    if (query.key) where.push(`i.key = ${param(query.key)}`);
    if (query.status) where.push(`i.status = ${param(query.status)}`);
    if (query.opd) where.push(instanceOfOpd(param, query.opd));
    if (query.from) where.push(`i.started_at >= ${param(wibDayStart(query.from).toISOString())}`);
    if (query.to) where.push(`i.started_at < ${param(wibDayEnd(query.to).toISOString())}`);
    const nowIso = this.engine.clock.now().toISOString();
    if (query.overdue) where.push(`exists (select 1 from tasks t where t.instance_id = i.id and ${lateTaskCondition(param(nowIso))})`);
    const whereSql = where.length ? `where ${where.join(' and ')}` : '';
    const countParams = [...params];
    const now = param(nowIso);
    const limit = param(query.limit ?? 25);
    const offset = param(query.offset ?? 0);
    // Counted newest first, as the page reads, and only up to the cap: the newest instances' index
    // leads, so a count never walks years of instances.
    const [{ rows: counted }, { rows }] = await Promise.all([
      this.db.query<{ n: number }>(`select count(*)::int as n from (select 1 ${from} ${whereSql} order by i.started_at desc limit ${auditTotalCap + 1}) x`, countParams),
      this.db.query<ItemRow>(
        `select i.id, i.key, i.version, d.name as process_name, i.status, i.business_key, coalesce(c.current_opd, i.variables->>'opd') as opd,
                i.started_at, i.ended_at, i.parent_id,
                (select count(*)::int from tasks t where t.instance_id = i.id and t.status = 'open') as open_tasks,
                (select count(*)::int from tasks t where t.instance_id = i.id and t.status = 'open' and t.due_at < ${now}) as overdue_tasks,
                (select count(*)::int from tasks t where t.instance_id = i.id and t.status = 'completed' and t.ended_at > t.due_at) as late_tasks
           ${from} ${whereSql}
          -- Instances started at one workflow moment (a call and its caller) in the order they were written.
          order by i.started_at desc, (select min(h.id) from history h where h.instance_id = i.id) desc nulls last, i.id desc limit ${limit} offset ${offset}`,
        params,
      ),
    ]);
    return { total: Math.min(counted[0].n, auditTotalCap), totalCapped: counted[0].n > auditTotalCap, items: rows.map(toItem) };
  }

  /**
   * The instance if the user may read its history: what GET /api/instances/:id/history allows
   * (history readers; whoever started it or had a task in it), or the audit scope. 404 for an
   * unknown id, 403 otherwise (as GET /api/instances/:id).
   */
  async requireReadable(id: string, user: User): Promise<AuditListItem> {
    const item = await this.item(id);
    if (!item) throw notFound(`no instance ${id}`);
    const sql = new SqlParams([id]);
    const { rows } = await this.db.query(`select 1 ${from} where i.id = $1 and ${instanceReadSql(user, sql.bind)}`, sql.values);
    if (rows.length === 0) throw forbidden(`you may not read instance ${id} (no task in it, or another OPD's complaint)`).as('opd.otherOpd');
    return item;
  }

  async detail(id: string, user: User): Promise<AuditInstanceDetail> {
    const item = await this.requireReadable(id, user);
    const instance = await this.engine.instances.get(id);
    const [history, tasks, notifications, chain, loaded] = await Promise.all([
      listHistory(this.db, id),
      this.tasks(id),
      this.notifications(id),
      this.chain(instance),
      this.engine.deployments.load(instance.definitionId),
    ]);
    const usernames = new Set<string>();
    for (const h of history) if (h.actor) usernames.add(h.actor);
    for (const t of tasks) for (const u of [t.assignee, t.endedBy]) if (u) usernames.add(u);
    if (instance.startedBy) usernames.add(instance.startedBy);
    const [actors, opdName] = await Promise.all([this.displayNames([...usernames]), item.opd ? this.opdName(item.opd) : Promise.resolve(null)]);
    return {
      ...item,
      opdName,
      startedBy: instance.startedBy,
      activeElements: instance.activeElements,
      variables: instance.variables,
      timers: instance.timers,
      incidents: instance.incidents,
      chain,
      tasks,
      history,
      notifications,
      elementNames: Object.fromEntries(loaded.model.elementNames),
      actors,
    };
  }

  private async item(id: string): Promise<AuditListItem | undefined> {
    const now = this.engine.clock.now().toISOString();
    const { rows } = await this.db.query<ItemRow>(
      `select i.id, i.key, i.version, d.name as process_name, i.status, i.business_key, coalesce(c.current_opd, i.variables->>'opd') as opd,
              i.started_at, i.ended_at, i.parent_id,
              (select count(*)::int from tasks t where t.instance_id = i.id and t.status = 'open') as open_tasks,
              (select count(*)::int from tasks t where t.instance_id = i.id and t.status = 'open' and t.due_at < $2) as overdue_tasks,
              (select count(*)::int from tasks t where t.instance_id = i.id and t.status = 'completed' and t.ended_at > t.due_at) as late_tasks
         ${from} where i.id = $1`,
      [id, now],
    );
    return rows[0] ? toItem(rows[0]) : undefined;
  }

  private async tasks(instanceId: string): Promise<AuditTask[]> {
    const { rows } = await this.db.query<{
      id: string;
      element_id: string;
      name: string | null;
      status: AuditTask['status'];
      assignee: string | null;
      candidate_groups: string[];
      created_at: Date | string;
      due_at: Date | string | null;
      ended_at: Date | string | null;
      ended_by: string | null;
    }>(
      `select id, element_id, name, status, assignee, candidate_groups, created_at, due_at, ended_at, ended_by
         from tasks where instance_id = $1 order by created_at, id`,
      [instanceId],
    );
    const now = this.engine.clock.now();
    const calendar = await this.engine.calendars.get();
    return rows.map((r) => {
      const due = r.due_at ? new Date(r.due_at) : null;
      const end = r.status === 'open' ? now : r.status === 'completed' && r.ended_at ? new Date(r.ended_at) : null;
      const late = due && end && end > due ? calendar.workingMsBetween(due, end) : 0;
      return {
        id: r.id,
        elementId: r.element_id,
        name: r.name,
        status: r.status,
        assignee: r.assignee,
        candidateGroups: r.candidate_groups,
        createdAt: iso(r.created_at),
        dueAt: due?.toISOString() ?? null,
        endedAt: r.ended_at ? iso(r.ended_at) : null,
        endedBy: r.ended_by,
        overdue: r.status === 'open' && due !== null && due < now,
        lateWorkingMs: late,
      };
    });
  }

  async notifications(instanceId: string): Promise<AuditNotification[]> {
    const { rows } = await this.db.query<{
      id: string;
      element_id: string;
      role: string;
      opd: string | null;
      reason: string;
      task_name: string | null;
      created_at: Date | string;
      sent_at: Date | string | null;
      recipient_count: number;
    }>(
      // Before migration 16 the request was mailed as one and kept its recipients; since, each user
      // of the role gets their own mail (or a digest listing it), traced by the request's id.
      `select n.id, n.element_id, n.role, n.opd, n.reason, n.task_name, n.created_at,
              coalesce(n.sent_at, m.sent_at) as sent_at, case when n.sent_at is not null then cardinality(n.recipients) else m.n end as recipient_count
         from notifications n
         left join lateral (select max(coalesce(o.sent_at, d.sent_at)) as sent_at, count(coalesce(o.sent_at, d.sent_at))::int as n
                              from mail_outbox o left join mail_outbox d on d.id = o.digest_id
                             where o.notification_id = n.id) m on true
        where n.instance_id = $1 order by n.created_at, n.id`,
      [instanceId],
    );
    // Recipients' addresses stay out: an auditor needs to know a mail went out, not where.
    return rows.map((r) => ({
      id: r.id,
      elementId: r.element_id,
      role: r.role,
      opd: r.opd,
      reason: r.reason,
      taskName: r.task_name,
      createdAt: iso(r.created_at),
      sentAt: r.sent_at ? iso(r.sent_at) : null,
      recipientCount: r.recipient_count,
    }));
  }

  private async chain(instance: ProcessInstanceDetail): Promise<AuditInstanceDetail['chain']> {
    const { rows } = await this.db.query<{
      id: string;
      key: string;
      version: number;
      name: string | null;
      status: InstanceStatus;
      parent_id: string | null;
      started_at: Date | string;
    }>(
      `select i.id, i.key, i.version, d.name, i.status, i.parent_id, i.started_at
         from process_instances i join process_definitions d on d.id = i.definition_id
        where ($2::text is not null and i.business_key = $2) or i.id = $1 or i.parent_id = $1 or i.id = $3
        order by i.started_at, i.id`,
      [instance.id, instance.businessKey, instance.parentId],
    );
    // Callers before the instances they called: they start at the same workflow moment.
    const ordered: typeof rows = [];
    const present = new Set(rows.map((r) => r.id));
    const walk = (parentId: string | null) => {
      for (const r of rows.filter((x) => (parentId === null ? x.parent_id === null || !present.has(x.parent_id) : x.parent_id === parentId))) {
        ordered.push(r);
        walk(r.id);
      }
    };
    walk(null);
    return ordered.map((r) => ({
      id: r.id,
      key: r.key,
      version: r.version,
      processName: r.name,
      status: r.status,
      parentId: r.parent_id,
      startedAt: iso(r.started_at),
    }));
  }

  async displayNames(usernames: string[]): Promise<Record<string, string>> {
    if (usernames.length === 0) return {};
    const { rows } = await this.db.query<{ username: string; display_name: string }>(
      'select username, display_name from users where username = any($1::text[])',
      [usernames],
    );
    return Object.fromEntries(rows.map((r) => [r.username, r.display_name]));
  }

  private async opdName(code: string): Promise<string | null> {
    const { rows } = await this.db.query<{ name: string }>('select name from opds where code = $1', [code]);
    return rows[0]?.name ?? null;
  }
}

function toItem(r: ItemRow): AuditListItem {
  return {
    id: r.id,
    key: r.key,
    version: r.version,
    processName: r.process_name,
    status: r.status,
    businessKey: r.business_key,
    opd: r.opd,
    startedAt: iso(r.started_at),
    endedAt: r.ended_at ? iso(r.ended_at) : null,
    parentId: r.parent_id,
    openTasks: r.open_tasks,
    overdueTasks: r.overdue_tasks,
    lateTasks: r.late_tasks,
  };
}

/** SQL over `i`, `c`: the instance belongs to the OPD's complaint, or (no complaint) names the OPD. */
function instanceOfOpd(param: Param, opd: string): string {
  const p = param(opd);
  return `(case when c.tracking_id is not null then (c.opd = ${p} or c.current_opd = ${p}) else i.variables->>'opd' = ${p} end)`;
}

/** Audit search is for readers of histories or of complaints. */
function assertMayAudit(user: User): void {
  if (readsAllInstances(user) || user.roles.some((r) => complaintReaders.includes(r as RoleId))) return;
  throw forbidden(`reading instance histories needs one of the roles: ${[...new Set([...historyReaderRoles, ...complaintReaders])].join(', ')}`);
}
