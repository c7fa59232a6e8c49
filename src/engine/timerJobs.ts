import { randomUUID } from 'node:crypto';
import type { Database, Queryable } from '../db/database';
import type { TimerStartEvent } from './bpmnDefinition';
import type { ArmedTimer } from './processRuntime';
import type { BatchPart } from './statementBatch';
import { cycleRepetitions, isAnchoredCycle, nextCycleOccurrence, resolveTimer } from './timerExpressions';
import type { WorkingCalendar } from './workingCalendar';

/**
 * The durable timer table, one SQL operation per function (graphile-worker style). A timer
 * is a row with `due_at`; the scheduler acquires due rows with SKIP LOCKED, so each fires once
 * however many app processes poll the same database.
 */
export type JobKind = 'timer' | 'start-timer' | 'call-start' | 'call-return' | 'signal';

export interface TimerJob {
  id: string;
  kind: JobKind;
  instanceId: string | null;
  definitionId: number | null;
  elementId: string;
  executionId: string | null;
  dueAt: Date;
  attempts: number;
  payload: Record<string, unknown>;
}

interface JobRow {
  id: string;
  kind: JobKind;
  instance_id: string | null;
  definition_id: number | null;
  element_id: string;
  execution_id: string | null;
  due_at: Date | string;
  attempts: number;
  payload: Record<string, unknown>;
}

const toJob = (r: JobRow): TimerJob => ({
  id: r.id,
  kind: r.kind,
  instanceId: r.instance_id,
  definitionId: r.definition_id,
  elementId: r.element_id,
  executionId: r.execution_id,
  dueAt: new Date(r.due_at),
  attempts: r.attempts,
  payload: r.payload ?? {},
});

/** A timer job row of an instance as read before its command ran. */
export interface KnownTimer {
  executionId: string;
  dueAt: Date;
  /** A calendar change moved its deadline (src/engine/deadlines.ts): its due date beats the engine's. */
  moved?: boolean;
}

/**
 * The writes that make the instance's timer rows exactly the timers its engine has armed, given
 * the rows it had (read at the revision the command is guarded by). None when nothing changed.
 */
export function instanceTimerParts(instanceId: string, armed: ArmedTimer[], known: KnownTimer[], now: Date): BatchPart[] {
  const armedIds = new Set(armed.map((t) => t.executionId));
  const knownDue = new Map(known.map((t) => [t.executionId, t.dueAt.getTime()]));
  const gone = known.filter((t) => !armedIds.has(t.executionId)).map((t) => t.executionId);
  const fresh = armed.filter((t) => knownDue.get(t.executionId) !== t.dueAt.getTime());
  const parts: BatchPart[] = [];
  if (gone.length) {
    parts.push({
      sql: `delete from jobs where instance_id = $1 and kind = 'timer' and execution_id = any($2::text[])`,
      params: [instanceId, gone],
    });
  }
  if (fresh.length) {
    parts.push({
      sql: `insert into jobs (id, kind, instance_id, element_id, execution_id, due_at, created_at)
            select gen_random_uuid(), 'timer', $1, e, x, d, $5
              from unnest($2::text[], $3::text[], $4::timestamptz[]) as t(e, x, d)
            on conflict (instance_id, execution_id) do update set due_at = excluded.due_at`,
      params: [instanceId, fresh.map((t) => t.elementId), fresh.map((t) => t.executionId), fresh.map((t) => t.dueAt.toISOString()), now.toISOString()],
    });
  }
  return parts;
}

export async function listInstanceTimers(db: Queryable, instanceId: string): Promise<{ elementId: string; dueAt: string }[]> {
  const { rows } = await db.query<{ element_id: string; due_at: Date | string }>(
    `select element_id, due_at from jobs where instance_id = $1 and kind = 'timer' order by due_at`,
    [instanceId],
  );
  return rows.map((r) => ({ elementId: r.element_id, dueAt: new Date(r.due_at).toISOString() }));
}

/** First due date of a timer start event, or undefined when it will never fire again. */
export function firstStartDue(start: TimerStartEvent, now: Date, calendar: WorkingCalendar): Date | undefined {
  const cal = start.workingTime ? calendar : undefined;
  if (start.timerType === 'timeCycle' && isAnchoredCycle(start.value)) return nextCycleOccurrence(start.value, new Date(now.getTime() - 1), cal);
  const due = resolveTimer(start.timerType, start.value, now, cal).dueAt;
  return start.timerType === 'timeDate' && due.getTime() < now.getTime() ? undefined : due;
}

/** A new version replaces the start timers of the older ones: only the latest version starts by timer. */
export async function scheduleStartTimers(
  tx: Queryable,
  args: { definitionId: number; key: string; starts: TimerStartEvent[]; now: Date; calendar: WorkingCalendar },
): Promise<void> {
  await tx.query(
    `delete from jobs where kind = 'start-timer' and definition_id in (select id from process_definitions where key = $1)`,
    [args.key],
  );
  for (const start of args.starts) {
    const due = firstStartDue(start, args.now, args.calendar);
    if (!due) continue;
    const remaining = start.timerType === 'timeCycle' && !isAnchoredCycle(start.value) ? cycleRepetitions(start.value) : undefined;
    await tx.query(
      `insert into jobs (id, kind, definition_id, element_id, due_at, created_at, payload) values ($1, 'start-timer', $2, $3, $4, $5, $6)`,
      [randomUUID(), args.definitionId, start.elementId, due.toISOString(), args.now.toISOString(), JSON.stringify(remaining === undefined ? {} : { remaining })],
    );
  }
}

/**
 * When a start timer fires next, and what its job then remembers. A cycle with a start counts its
 * fixed occurrences; one without (`R3/PT10H`) has no fixed points to count, so its job carries the
 * firings left (`remaining`), and the cycle ends when none is left. `R/…` repeats forever.
 */
export function nextStartTimer(
  start: TimerStartEvent | undefined,
  job: Pick<TimerJob, 'dueAt' | 'payload'>,
  calendar: WorkingCalendar,
): { next: Date | undefined; payload: Record<string, unknown> } {
  if (start?.timerType !== 'timeCycle') return { next: undefined, payload: {} };
  const cal = start.workingTime ? calendar : undefined;
  if (isAnchoredCycle(start.value)) return { next: nextCycleOccurrence(start.value, job.dueAt, cal), payload: {} };
  const total = cycleRepetitions(start.value);
  if (total === undefined) return { next: nextCycleOccurrence(start.value, job.dueAt, cal), payload: {} };
  const left = (typeof job.payload.remaining === 'number' ? job.payload.remaining : total) - 1;
  return left > 0 ? { next: nextCycleOccurrence(start.value, job.dueAt, cal), payload: { remaining: left } } : { next: undefined, payload: {} };
}

/** Moves a start timer to its next occurrence, or removes it when the cycle is exhausted. */
export async function rescheduleStartTimer(tx: Queryable, jobId: string, next: Date | undefined, payload: Record<string, unknown> = {}): Promise<void> {
  if (next) {
    await tx.query(
      'update jobs set due_at = $2, payload = $3, attempts = 0, last_error = null, locked_by = null, locked_until = null where id = $1',
      [jobId, next.toISOString(), JSON.stringify(payload)],
    );
  } else {
    await tx.query('delete from jobs where id = $1', [jobId]);
  }
}

/**
 * Takes up to `limit` due jobs for this worker. The lock is a lease in real time: if the worker
 * dies, another takes the job over when the lease ends.
 */
export async function acquireDueJobs(db: Database, args: { now: Date; workerId: string; limit: number; leaseMs: number }): Promise<TimerJob[]> {
  return db.transaction(async (tx) => {
    const real = Date.now();
    const { rows } = await tx.query<JobRow>(
      `update jobs set locked_by = $2, locked_until = $3
        where id in (select id from jobs
                      where due_at <= $1 and (locked_until is null or locked_until < $4)
                      order by due_at limit $5 for update skip locked)
        returning id, kind, instance_id, definition_id, element_id, execution_id, due_at, attempts, payload`,
      [args.now.toISOString(), args.workerId, new Date(real + args.leaseMs).toISOString(), new Date(real).toISOString(), args.limit],
    );
    return rows.map(toJob).sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
  });
}

/** Records a failed attempt; the job becomes available again after an exponential backoff. */
export async function failJob(db: Queryable, job: TimerJob, error: string, backoffMs: number): Promise<void> {
  await db.query(
    `update jobs set attempts = attempts + 1, last_error = $2, locked_by = null, locked_until = $3 where id = $1`,
    [job.id, error, new Date(Date.now() + backoffMs).toISOString()],
  );
}

export async function releaseJob(db: Queryable, jobId: string): Promise<void> {
  await db.query('update jobs set locked_by = null, locked_until = null where id = $1', [jobId]);
}

export async function deleteJob(db: Queryable, jobId: string): Promise<void> {
  await db.query('delete from jobs where id = $1', [jobId]);
}

export async function jobExists(db: Queryable, jobId: string): Promise<boolean> {
  const { rows } = await db.query('select 1 from jobs where id = $1', [jobId]);
  return rows.length > 0;
}
