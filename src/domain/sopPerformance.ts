import type { District } from '../contract/complaints';
import { maxLateCompletionPage, type ActivityPerformance, type LateCompletion, type LateCompletionPage, type SopPerformanceReport } from '../contract/performance';
import type { RecapPeriod } from '../contract/recap';
import type { Queryable } from '../db/database';
import { isoOrNull, SqlParams } from '../db/sqlParams';
import { forbidden, notFound } from '../engine/errors';
import type { WorkflowEngine } from '../engine/workflowEngine';
import { complaintScope } from './access';
import { wibDayEnd, wibDayStart } from './auditInstances';
import { percentileOf } from './durationHistogram';
import { TaskStandards } from './taskStandards';
import type { User } from './users';

export type { ActivityPerformance, LateCompletion, LateCompletionPage, SopPerformanceReport };
export { maxLateCompletionPage };

export interface PerformanceQuery {
  key: string;
  /** Without one: the newest version. */
  version?: number;
  period: RecapPeriod;
  opd?: string;
}

interface AggregateRow {
  element_id: string;
  n: number;
  with_due: number;
  on_time: number;
  work_sum: string | number;
  work_max: string | number;
  allowed_sum: string | number;
  wait_sum: string | number;
  wait_max: string | number;
  hist: number[];
}

interface LateRow {
  id: string;
  instance_id: string;
  business_key: string | null;
  opd: string | null;
  opd_name: string | null;
  created_at: Date | string;
  due_at: Date | string;
  ended_at: Date | string;
  ended_by: string | null;
  work_ms: string | number | null;
  allowed_ms: string | number | null;
}

/** The district whose SOP a process key names (the SOP files of processes/), null for none. */
export function districtOfProcess(key: string): District | null {
  if (key.startsWith('sop-kapuas-hulu')) return 'kapuas-hulu';
  if (key.startsWith('sop-555-')) return 'kapuas';
  return null;
}

const num = (v: string | number | null): number | null => (v === null ? null : Number(v));

/**
 * SOP performance (Kinerja SOP): how each activity of one process version did in a period, read
 * from the maintained aggregate task_performance (migration 21), one row per activity, OPD and
 * day, never from the tasks. The drill-down to late completions reads the late-completion index.
 * OPD-bound staff read their own OPD's figures only (the complaint readers' scope, access.ts).
 */
export class SopPerformance {
  private readonly standards: TaskStandards;

  constructor(
    private readonly db: Queryable,
    private readonly engine: WorkflowEngine,
  ) {
    this.standards = new TaskStandards(db);
  }

  /** The OPD the figures are about: the one asked for, and for OPD staff always their own. */
  private opdFor(user: User, asked: string | undefined): string | null {
    const scope = complaintScope(user);
    if (scope.all) return asked ?? null;
    if (asked !== undefined && asked !== scope.opd) throw forbidden(`staff of OPD ${scope.opd} read only their own OPD's figures`).as('opd.otherOpd');
    return scope.opd;
  }

  private async definition(key: string, version: number | undefined): Promise<{ id: number; key: string; version: number; name: string | null }> {
    const { rows } = await this.db.query<{ id: number; key: string; version: number; name: string | null }>(
      `select id, key, version, name from process_definitions where key = $1 ${version === undefined ? '' : 'and version = $2'} order by version desc limit 1`,
      version === undefined ? [key] : [key, version],
    );
    if (!rows[0]) throw notFound(version === undefined ? `no process definition with key "${key}"` : `process "${key}" has no version ${version}`).as('process.notDeployed');
    return rows[0];
  }

  async report(q: PerformanceQuery, user: User): Promise<SopPerformanceReport> {
    const opd = this.opdFor(user, q.opd);
    const def = await this.definition(q.key, q.version);
    const sql = new SqlParams([def.id, q.period.from, q.period.to]);
    const byOpd = opd === null ? '' : `and opd = ${sql.bind(opd)}`;
    const [{ rows }, loaded, standards, opdName] = await Promise.all([
      this.db.query<AggregateRow>(
        `select element_id, sum(n)::int as n, sum(with_due)::int as with_due, sum(on_time)::int as on_time, sum(work_sum) as work_sum,
                max(work_max) as work_max, sum(allowed_sum) as allowed_sum, sum(wait_sum) as wait_sum, max(wait_max) as wait_max, int_array_sum(hist) as hist
           from task_performance where definition_id = $1 and day between $2::date and $3::date ${byOpd}
          group by element_id`,
        sql.values,
      ),
      this.engine.deployments.load(def.id),
      this.standards.of(def.id),
      this.opdName(opd),
    ]);
    const figures = new Map(rows.map((r) => [r.element_id, r]));
    // The version's user tasks in diagram order; an activity only the aggregate knows comes last.
    const ids = [...new Set([...[...standards.keys()].filter((id) => loaded.model.taskForms.has(id) || figures.has(id)), ...figures.keys()])];
    const activities = ids.map((id) => activityOf(id, loaded.model.elementNames.get(id) ?? null, standards.get(id)?.standard ?? null, figures.get(id)));
    return {
      processKey: def.key,
      version: def.version,
      processName: def.name,
      district: districtOfProcess(def.key),
      period: q.period,
      opd,
      opdName,
      activities,
      generatedAt: this.engine.clock.now().toISOString(),
    };
  }

  /** An activity's late completions in the period, longest first, a page at a time. */
  async late(q: PerformanceQuery & { element: string; limit?: number; offset?: number }, user: User): Promise<LateCompletionPage> {
    const opd = this.opdFor(user, q.opd);
    const def = await this.definition(q.key, q.version);
    const limit = Math.min(Math.max(q.limit ?? 20, 1), maxLateCompletionPage);
    const offset = Math.max(q.offset ?? 0, 0);
    const sql = new SqlParams([q.element, wibDayStart(q.period.from).toISOString(), wibDayEnd(q.period.to).toISOString(), def.id]);
    const byOpd = opd === null ? '' : `and t.opd = ${sql.bind(opd)}`;
    const countSql = new SqlParams([def.id, q.element, q.period.from, q.period.to]);
    const countByOpd = opd === null ? '' : `and opd = ${countSql.bind(opd)}`;
    const [{ rows }, { rows: counts }] = await Promise.all([
      this.db.query<LateRow>(
        `select t.id, t.instance_id, i.business_key, t.opd, o.name as opd_name, t.created_at, t.due_at, t.ended_at, t.ended_by, t.work_ms, t.allowed_ms
           from tasks t
           join process_instances i on i.id = t.instance_id
           left join opds o on o.code = t.opd
          where t.status = 'completed' and t.ended_at > t.due_at and t.element_id = $1 and t.ended_at >= $2 and t.ended_at < $3
            and i.definition_id = $4 ${byOpd}
          order by t.work_ms desc nulls last, t.id
          limit ${sql.bind(limit)} offset ${sql.bind(offset)}`,
        sql.values,
      ),
      // The total from the aggregate: with a due date and not on time.
      this.db.query<{ late: number }>(
        `select coalesce(sum(with_due - on_time), 0)::int as late from task_performance
          where definition_id = $1 and element_id = $2 and day between $3::date and $4::date ${countByOpd}`,
        countSql.values,
      ),
    ]);
    const items = rows.map(
      (r): LateCompletion => ({
        taskId: r.id,
        instanceId: r.instance_id,
        businessKey: r.business_key,
        opd: r.opd,
        opdName: r.opd_name,
        createdAt: isoOrNull(r.created_at)!,
        dueAt: isoOrNull(r.due_at)!,
        endedAt: isoOrNull(r.ended_at)!,
        endedBy: r.ended_by,
        workMs: num(r.work_ms),
        allowedMs: num(r.allowed_ms),
      }),
    );
    return { items, page: { total: counts[0]?.late ?? 0, limit, offset } };
  }

  private async opdName(opd: string | null): Promise<string | null> {
    if (!opd) return null;
    const { rows } = await this.db.query<{ name: string }>('select name from opds where code = $1', [opd]);
    return rows[0]?.name ?? null;
  }
}

function activityOf(elementId: string, name: string | null, standard: string | null, r: AggregateRow | undefined): ActivityPerformance {
  const done = r?.n ?? 0;
  const withDue = r?.with_due ?? 0;
  const onTime = r?.on_time ?? 0;
  const max = r ? Number(r.work_max) : null;
  return {
    elementId,
    name,
    standard,
    done,
    withDue,
    onTime,
    onTimeShare: withDue ? onTime / withDue : null,
    medianMs: r && max !== null ? percentileOf(r.hist, 0.5, max) : null,
    p90Ms: r && max !== null ? percentileOf(r.hist, 0.9, max) : null,
    maxMs: done ? max : null,
    meanMs: done ? Math.round(Number(r!.work_sum) / done) : null,
    allowedMeanMs: withDue ? Math.round(Number(r!.allowed_sum) / withDue) : null,
    waitMeanMs: done ? Math.round(Number(r!.wait_sum) / done) : null,
    waitMaxMs: done ? Number(r!.wait_max) : null,
    late: withDue - onTime,
  };
}
