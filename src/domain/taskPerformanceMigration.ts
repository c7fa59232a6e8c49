import type { Queryable } from '../db/database';
import { loadHolidaySet } from '../engine/holidays';
import { taskDurations } from '../engine/taskDurations';
import { WorkingCalendar } from '../engine/workingCalendar';
import { HISTOGRAM_BUCKETS } from './durationHistogram';

/**
 * Migration 21: the SOP performance aggregate (Kinerja SOP, GET /api/performance).
 *
 * Each completed task carries its durations in working time (work_ms, wait_ms, allowed_ms: the
 * working calendar lives in the app, so the completion writes them; see taskDurations.ts) and
 * the moment it was first claimed (claimed_at). A row trigger adds each completion to
 * `task_performance`, one row per (process version, activity, OPD, WIB day of completion): count,
 * with a due date, on time, sum and max of the duration, sum of the time allowed, sum and max of
 * the wait before the claim, and a histogram of the durations in fixed log-scale buckets (see
 * durationHistogram.ts), from which the page estimates median and 90th percentile. Reading a
 * period reads its days' rows only, never the tasks.
 */
export function taskPerformanceSql(): string {
  const last = HISTOGRAM_BUCKETS - 1;
  const insert =
    'insert into task_performance as k (definition_id, element_id, opd, day, n, with_due, on_time, work_sum, work_max, allowed_sum, wait_sum, wait_max, hist)';
  const merge = [
    'on conflict (definition_id, element_id, opd, day) do update set n = k.n + excluded.n, with_due = k.with_due + excluded.with_due,',
    'on_time = k.on_time + excluded.on_time, work_sum = k.work_sum + excluded.work_sum, work_max = greatest(k.work_max, excluded.work_max),',
    'allowed_sum = k.allowed_sum + excluded.allowed_sum, wait_sum = k.wait_sum + excluded.wait_sum, wait_max = greatest(k.wait_max, excluded.wait_max),',
    'hist = int_array_add(k.hist, excluded.hist)',
  ].join(' ');
  return [
    'alter table tasks add column claimed_at timestamptz',
    'alter table tasks add column work_ms bigint',
    'alter table tasks add column wait_ms bigint',
    'alter table tasks add column allowed_ms bigint',
    // The drill-down: an activity's late completions in a period, read off this index only.
    "create index tasks_completed_late on tasks (element_id, ended_at) where status = 'completed' and ended_at > due_at",
    [
      'create table task_performance (definition_id int not null references process_definitions(id), element_id text not null, opd text not null, day date not null,',
      'n int not null, with_due int not null, on_time int not null, work_sum bigint not null, work_max bigint not null, allowed_sum bigint not null,',
      'wait_sum bigint not null, wait_max bigint not null, hist int[] not null, primary key (definition_id, element_id, opd, day))',
    ].join(' '),
    'create index task_performance_day on task_performance (definition_id, day)',
    // Bucket 0: under a minute; bucket k: [√2^(k-1), √2^k) minutes; the last one open-ended.
    `create function duration_bucket(ms bigint) returns int language sql immutable as $$ select case when ms is null or ms < 60000 then 0 else least(${last}, 1 + floor(2 * log(2, ms / 60000.0))::int) end $$`,
    `create function duration_hist(ms bigint) returns int[] language sql immutable as $$ select array(select (g = duration_bucket(ms))::int from generate_series(0, ${last}) g order by g) $$`,
    'create function int_array_add(a int[], b int[]) returns int[] language sql immutable as $$ select array(select coalesce(x, 0) + coalesce(y, 0) from unnest(a, b) with ordinality as u(x, y, o) order by o) $$',
    "create aggregate int_array_sum(int[]) (sfunc = int_array_add, stype = int[], initcond = '{}')",
    [
      'create function task_performance_completed() returns trigger language plpgsql as $$ begin',
      insert,
      "select i.definition_id, new.element_id, coalesce(new.opd, ''), (new.ended_at at time zone 'Asia/Pontianak')::date, 1, (new.due_at is not null)::int,",
      '(new.due_at is not null and new.ended_at <= new.due_at)::int, new.work_ms, new.work_ms, coalesce(new.allowed_ms, 0), coalesce(new.wait_ms, 0), coalesce(new.wait_ms, 0),',
      'duration_hist(new.work_ms) from process_instances i where i.id = new.instance_id',
      `${merge}; return null; end $$`,
    ].join(' '),
    "create trigger task_performance_completed after update on tasks for each row when (old.status = 'open' and new.status = 'completed' and new.work_ms is not null) execute function task_performance_completed()",
    // Tasks open now that someone already claimed: their first claim, from history.
    [
      'update tasks t set claimed_at = (select min(h.at) from history h where h.instance_id = t.instance_id and h.type = \'task-claimed\' and h.data->>\'taskId\' = t.id::text)',
      "where t.status = 'open' and t.assignee is not null",
    ].join(' '),
  ].join(';\n');
}

const BATCH = 1000;

/**
 * The aggregate from the completed tasks' durations, in one statement (the backfill; bench/load's
 * generated data). Plain counts per (group, bucket), then one array per group with the empty
 * buckets as 0: summing a 40-slot array per task (int_array_sum) took minutes at a million tasks.
 */
export const BUILD_TASK_PERFORMANCE = `insert into task_performance (definition_id, element_id, opd, day, n, with_due, on_time, work_sum, work_max, allowed_sum, wait_sum, wait_max, hist)
     with done as (
       select i.definition_id, t.element_id, coalesce(t.opd, '') as opd, (t.ended_at at time zone 'Asia/Pontianak')::date as day,
              t.due_at, t.ended_at, t.work_ms, t.allowed_ms, t.wait_ms, duration_bucket(t.work_ms) as bucket
         from tasks t join process_instances i on i.id = t.instance_id
        where t.status = 'completed' and t.work_ms is not null),
     figures as (
       select definition_id, element_id, opd, day, count(*) as n, count(due_at) as with_due,
              count(*) filter (where due_at is not null and ended_at <= due_at) as on_time, sum(work_ms) as work_sum, max(work_ms) as work_max,
              coalesce(sum(allowed_ms), 0) as allowed_sum, coalesce(sum(wait_ms), 0) as wait_sum, coalesce(max(wait_ms), 0) as wait_max
         from done group by 1, 2, 3, 4),
     buckets as (select definition_id, element_id, opd, day, bucket, count(*)::int as c from done group by 1, 2, 3, 4, 5),
     hists as (
       select f.definition_id, f.element_id, f.opd, f.day, array_agg(coalesce(b.c, 0) order by s.bucket) as hist
         from figures f cross join generate_series(0, ${HISTOGRAM_BUCKETS - 1}) as s(bucket)
         left join buckets b on b.definition_id = f.definition_id and b.element_id = f.element_id and b.opd = f.opd and b.day = f.day and b.bucket = s.bucket
        group by 1, 2, 3, 4)
     select f.definition_id, f.element_id, f.opd, f.day, f.n, f.with_due, f.on_time, f.work_sum, f.work_max, f.allowed_sum, f.wait_sum, f.wait_max, h.hist
       from figures f join hists h using (definition_id, element_id, opd, day)`;

interface BackfillRow {
  id: string;
  created_at: Date | string;
  ended_at: Date | string;
  due_at: Date | string | null;
  claimed_at: Date | string | null;
}

/**
 * The rest of migration 21, in its transaction: the durations of the tasks completed before it
 * (working time needs the calendar, which is TypeScript), a keyset-paged batch at a time, then
 * the aggregate built from them in one statement.
 */
export async function backfillTaskPerformance(tx: Queryable): Promise<void> {
  const calendar = new WorkingCalendar({ holidays: await loadHolidaySet(tx) });
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const { rows } = await tx.query<BackfillRow>(
      `select t.id, t.created_at, t.ended_at, t.due_at,
              (select min(h.at) from history h where h.instance_id = t.instance_id and h.type = 'task-claimed' and h.data->>'taskId' = t.id::text) as claimed_at
         from tasks t where t.status = 'completed' and t.ended_at is not null and t.id > $1 order by t.id limit ${BATCH}`,
      [after],
    );
    if (!rows.length) break;
    after = rows[rows.length - 1].id;
    const d = rows.map((r) =>
      taskDurations(calendar, {
        createdAt: new Date(r.created_at),
        endedAt: new Date(r.ended_at),
        dueAt: r.due_at ? new Date(r.due_at) : null,
        claimedAt: r.claimed_at ? new Date(r.claimed_at) : null,
      }),
    );
    await tx.query(
      `update tasks t set claimed_at = x.c, work_ms = x.w, wait_ms = x.wa, allowed_ms = x.a
         from unnest($1::uuid[], $2::timestamptz[], $3::bigint[], $4::bigint[], $5::bigint[]) as x(id, c, w, wa, a) where t.id = x.id`,
      [rows.map((r) => r.id), rows.map((r) => (r.claimed_at ? new Date(r.claimed_at).toISOString() : null)), d.map((x) => x.workMs), d.map((x) => x.waitMs), d.map((x) => x.allowedMs)],
    );
    if (rows.length < BATCH) break;
  }
  await tx.query(BUILD_TASK_PERFORMANCE);
}
