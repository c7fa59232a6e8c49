import { worklistCountCap, type Worklist, type WorklistItem } from '../contract/tasks';
import { planEachCall, type Database } from '../db/database';
import { SqlParams } from '../db/sqlParams';
import type { WorkflowEngine } from '../engine/workflowEngine';
import { toTask, type UserTask } from '../engine/userTasks';
import { mayExtendTask, opdConfinementSql, opdOnly, taskOfferedArms } from './access';
import { slaOf } from './taskSla';
import { TaskStandards } from './taskStandards';
import type { User } from './users';

export type { Worklist, WorklistItem };

export interface WorklistQuery {
  /** mine: assigned to the caller; group: unassigned and offered to them; none: both. */
  scope?: 'mine' | 'group';
  sop?: string;
  opd?: string;
  status?: 'claimed' | 'unclaimed';
  overdue?: boolean;
  q?: string;
  /** due: due date ascending, tasks without one last; created: oldest first. */
  sort?: 'due' | 'created';
  limit?: number;
  offset?: number;
}

/** The largest page of a worklist. */
export const maxWorklistPage = 200;

/** What the OPD confinement reads (access.opdConfinementSql): the task's instance and complaint. */
const CONFINED_FROM = `from tasks t
  join process_instances i on i.id = t.instance_id
  left join complaints c on c.tracking_id = i.business_key`;

const FROM = `${CONFINED_FROM}
  join process_definitions pd on pd.id = i.definition_id`;

const SELECT = `select t.id, t.instance_id, i.key as process_key, t.element_id, t.execution_id, t.name, t.assignee,
  t.candidate_groups, t.candidate_users, t.due_at, t.created_at, t.status, t.rev,
  i.definition_id, pd.name as process_name, c.tracking_id, c.subject, coalesce(c.current_opd, i.variables->>'opd') as opd,
  t.original_due_at, t.extended_at, t.extended_by, t.extension_reason`;

type Row = Parameters<typeof toTask>[0] & {
  definition_id: number;
  process_name: string | null;
  tracking_id: string | null;
  subject: string | null;
  opd: string | null;
  original_due_at: Date | string | null;
  extended_at: Date | string | null;
  extended_by: string | null;
  extension_reason: string | null;
};

/**
 * The worklist read model. It never selects a reporter's name or contact: a worklist is seen
 * by every candidate of a task, and the identity rules (anonim, rahasia) are the complaint page's.
 */
export class WorklistReader {
  private readonly db: Database;
  private readonly standards: TaskStandards;

  /** `countCap`: where the tabs' totals stop counting (a test may lower it). */
  constructor(
    private readonly engine: WorkflowEngine,
    private readonly countCap = worklistCountCap,
  ) {
    this.db = engine.db;
    this.standards = new TaskStandards(engine.db);
  }

  async list(query: WorklistQuery, user: User): Promise<Worklist> {
    await this.engine.clock.refresh();
    const now = this.engine.clock.now();
    const counts = await this.counts(user, now);
    const q = this.sqlFor(user, now);
    const { sql, param } = q;
    const where: string[] = [];
    if (query.sop) where.push(`i.key = ${param(query.sop)}`);
    if (query.opd) where.push(`coalesce(c.current_opd, i.variables->>'opd') = ${param(query.opd)}`);
    if (query.overdue !== undefined) where.push(`${query.overdue ? '' : 'not '}coalesce(t.due_at < ${q.now()}, false)`);
    if (query.q?.trim()) {
      const p = sql.contains(query.q.trim());
      where.push(`(i.business_key ilike ${p} or t.name ilike ${p} or c.subject ilike ${p})`);
    }
    // The tabs and the claimed/unclaimed filter choose among the two arms: claimed tasks are the
    // user's own (arm 1), unclaimed ones the offered (arm 2).
    const arms = [
      ...(query.scope === 'group' || query.status === 'unclaimed' ? [] : [q.assigned()]),
      ...(query.scope === 'mine' || query.status === 'claimed' ? [] : [q.offered()]),
    ];
    const rows = await this.page(q, arms, where, query.sort === 'created' ? 'created' : 'due', query);
    return { ...counts, items: await this.present(rows, now) };
  }

  /**
   * The tabs' totals, each counted only up to the cap (in no order: which ones are counted does not
   * change the count), one arm at a time: a Kasi with ten thousand open tasks is told "1000+", and the count costs the same
   * at any backlog. Over the tasks alone when no OPD confinement needs the instance and complaint.
   */
  private async counts(user: User, now: Date): Promise<Pick<Worklist, 'counts' | 'countsCapped'>> {
    const q = this.sqlFor(user, now);
    const from = opdOnly(user) === undefined ? 'from tasks t' : CONFINED_FROM;
    const upTo = (...conditions: string[]) =>
      `(select count(*)::int from (select 1 ${from} where ${[...q.common, ...conditions].join(' and ')} limit ${this.countCap + 1}) x)`;
    const late = `t.due_at < ${q.now()}`;
    const [assigned, offered] = [q.assigned(), q.offered()];
    const { rows } = await this.db.query<{ mine: number; grp: number; mine_late: number; grp_late: number }>(
      `${planEachCall}select ${upTo(assigned)} as mine, ${upTo(offered)} as grp, ${upTo(assigned, late)} as mine_late, ${upTo(offered, late)} as grp_late`,
      q.params,
    );
    const { mine, grp } = rows[0];
    const overdue = rows[0].mine_late + rows[0].grp_late;
    const capped = (n: number) => n > this.countCap;
    const at = (n: number) => Math.min(n, this.countCap);
    return {
      counts: { mine: at(mine), group: at(grp), overdue: at(overdue) },
      countsCapped: { mine: capped(mine), group: capped(grp), overdue: capped(overdue) },
    };
  }

  /** GET /api/tasks: a page of the open tasks the user has or is offered, soonest due first. */
  async openTasks(user: User, page: { limit?: number; offset?: number }): Promise<UserTask[]> {
    const q = this.sqlFor(user, this.engine.clock.now());
    return (await this.page(q, [q.assigned(), q.offered()], [], 'due', page)).map(toTask);
  }

  /**
   * A page of the arms' tasks: each arm ordered and cut on its own (through its own index), then
   * merged. The arms are disjoint (assigned to the user, or not assigned), so nothing repeats.
   * Planned for each call: a Kasi offered thousands of tasks is best read in due order, an OPD
   * officer offered a hundred through the offer keys (migration 14) and sorted; a plan prepared
   * once picks one of the two for everybody.
   */
  private async page(q: ReturnType<WorklistReader['sqlFor']>, arms: string[], where: string[], sort: 'due' | 'created', page: { limit?: number; offset?: number }): Promise<Row[]> {
    if (arms.length === 0) return [];
    const limit = Math.min(page.limit ?? 100, maxWorklistPage);
    const offset = Math.max(page.offset ?? 0, 0);
    const order = (t: string) => (sort === 'created' ? `${t}created_at, ${t}id` : `${t}due_at nulls last, ${t}created_at, ${t}id`);
    const reach = q.param(limit + offset);
    const parts = arms.map((arm) => `(${SELECT} ${FROM} where ${[...q.common, arm, ...where].join(' and ')} order by ${order('t.')} limit ${reach})`);
    const { rows } = await this.db.query<Row>(
      `${planEachCall}select * from (${parts.join(' union all ')}) x order by ${order('x.')} limit ${q.param(limit)} offset ${q.param(offset)}`,
      q.params,
    );
    return rows;
  }

  /**
   * One task as a worklist item, whatever its status, if its complaint is one the user may read;
   * the caller checks that the user may see the task itself.
   */
  async item(taskId: string, user: User): Promise<WorklistItem | undefined> {
    await this.engine.clock.refresh();
    const sql = new SqlParams([taskId]);
    const { rows } = await this.db.query<Row>(`${SELECT} ${FROM} where t.id = $1 and ${opdConfinementSql(user, sql.bind)}`, sql.values);
    const item = (await this.present(rows, this.engine.clock.now()))[0];
    // The page offers "Perpanjang tenggat" to whom the act rule lets (within the OPD, as read here).
    return item && rows[0].status === 'open' && item.dueAt && mayExtendTask(user, item) ? { ...item, mayExtend: true } : item;
  }

  /**
   * The open tasks the user has or is offered, as SQL with its parameters: `common` (open, within
   * the user's OPD) and the two arms of the offer (access.taskOfferedArms).
   */
  private sqlFor(user: User, now: Date) {
    const sql = new SqlParams();
    const { values: params, bind: param } = sql;
    const { assigned, offered } = taskOfferedArms(user, param);
    const common = [`t.status = 'open'`, opdConfinementSql(user, param)];
    // Bound only when used: PostgreSQL refuses a statement with a parameter it never reads.
    let nowParam: string | undefined;
    const at = () => (nowParam ??= `${param(now.toISOString())}::timestamptz`);
    return { sql, params, param, assigned, offered, common, now: at };
  }

  private async present(rows: Row[], now: Date): Promise<WorklistItem[]> {
    if (rows.length === 0) return [];
    const calendar = await this.engine.calendars.get();
    const reminders = await this.reminderMoments([...new Set(rows.map((r) => r.instance_id))]);
    const items: WorklistItem[] = [];
    for (const r of rows) {
      const { rev: _rev, executionId: _x, status: _s, ...task } = toTask(r);
      const standard = (await this.standards.of(r.definition_id)).get(task.elementId);
      const createdAt = new Date(task.createdAt);
      const moments = (standard?.reminderTimers ?? [])
        .map((timer) => reminders.get(`${task.instanceId} ${timer}`))
        .filter((m): m is Date => !!m && m.getTime() >= createdAt.getTime());
      const reminderAt = moments.length ? new Date(Math.min(...moments.map((m) => m.getTime()))) : null;
      items.push({
        ...task,
        processName: r.process_name,
        trackingId: r.tracking_id,
        complaintSubject: r.subject,
        opd: r.opd,
        sla: slaOf({
          standard: standard?.standard ?? null,
          createdAt,
          dueAt: task.dueAt ? new Date(task.dueAt) : null,
          reminderAt,
          now,
          calendar,
          extendedFrom: r.original_due_at ? new Date(r.original_due_at) : null,
        }),
        ...(r.extended_at && r.original_due_at
          ? {
              extension: {
                reason: r.extension_reason ?? '',
                originalDueAt: new Date(r.original_due_at).toISOString(),
                extendedAt: new Date(r.extended_at).toISOString(),
                extendedBy: r.extended_by ?? '',
              },
            }
          : {}),
      });
    }
    return items;
  }

  /**
   * Each timer's moment by "instanceId elementId": when it is due while armed, when it fired
   * once it has (a fired non-interrupting timer leaves the jobs table).
   */
  private async reminderMoments(instanceIds: string[]): Promise<Map<string, Date>> {
    const out = new Map<string, Date>();
    const { rows: fired } = await this.db.query<{ instance_id: string; element_id: string; at: Date | string }>(
      `select instance_id, element_id, max(at) as at from history
        where type = 'timer-fired' and instance_id = any($1::uuid[]) group by instance_id, element_id`,
      [instanceIds],
    );
    for (const f of fired) out.set(`${f.instance_id} ${f.element_id}`, new Date(f.at));
    const { rows: armed } = await this.db.query<{ instance_id: string; element_id: string; due_at: Date | string }>(
      `select instance_id, element_id, min(due_at) as due_at from jobs
        where kind = 'timer' and instance_id = any($1::uuid[]) group by instance_id, element_id`,
      [instanceIds],
    );
    for (const a of armed) out.set(`${a.instance_id} ${a.element_id}`, new Date(a.due_at));
    return out;
  }
}
