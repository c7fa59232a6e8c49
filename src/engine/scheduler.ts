import { randomUUID } from 'node:crypto';
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Database } from '../db/database';
import type { Clock } from '../clock';
import type { Deployments } from './deployments';
import type { Instances } from './instances';
import { acquireDueJobs, failJob, jobExists, nextStartTimer, releaseJob, rescheduleStartTimer, type JobKind, type TimerJob } from './timerJobs';
import type { WorkingCalendarProvider } from './calendarProvider';
import type { EventCorrelation } from './eventCorrelation';

export interface SchedulerOptions {
  pollMs: number;
  maxAttempts: number;
  batchSize?: number;
  leaseMs?: number;
  /** Base of the exponential backoff between attempts of a failing job. */
  backoffMs?: number;
  onError?: (err: unknown) => void;
  /** Told of each job run: done, to be tried again (a conflict, a failed attempt), or failed for good (an incident). */
  onJob?: (kind: JobKind, outcome: 'done' | 'retry' | 'failed') => void;
}

/** What carries out one kind of job, and how its failure is worded in the incident. */
interface JobHandler {
  run(job: TimerJob): Promise<void>;
  what: string;
}

/**
 * The job executor: polls for due timers, fires each once (SKIP LOCKED across processes), retries
 * a failing one with backoff and, after the last attempt, records an incident on its instance.
 * Its only in-process timeout is the poll interval; deadlines live in the database.
 */
export class Scheduler {
  readonly workerId = `worker-${randomUUID()}`;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;
  private stopped = true;
  /** Marks the async context of a drain, so work it triggers does not wait for itself. */
  private readonly draining = new AsyncLocalStorage<boolean>();
  /** Carries out `signal` jobs; set by the engine. */
  events?: EventCorrelation;
  /** One handler per job kind (the map keeps a new kind from being forgotten: it does not compile). */
  private readonly handlers: Record<JobKind, JobHandler> = {
    timer: { what: 'timer', run: (job) => this.fireTimer(job) },
    'start-timer': { what: 'start timer', run: (job) => this.fireStartTimer(job) },
    'call-start': { what: 'starting the called process', run: (job) => this.instances.startCalled(job) },
    'call-return': { what: 'returning from the called process', run: (job) => this.instances.returnFromCall(job) },
    signal: { what: 'signal', run: (job) => this.events!.receiveSignal(job) },
  };

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly instances: Instances,
    private readonly deployments: Deployments,
    private readonly calendars: WorkingCalendarProvider,
    private readonly options: SchedulerOptions,
  ) {}

  start(): void {
    this.stopped = false;
    this.schedule();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** Fires every job due by the workflow clock, including those that firing makes due. */
  async runDue(): Promise<number> {
    // Called from inside a drain (a child started by a job): that drain's loop picks it up.
    if (this.draining.getStore()) return 0;
    // One drain at a time in this process; a second caller waits for it and then drains again.
    while (this.running) await this.running.catch(() => undefined);
    this.running = this.draining.run(true, () => this.drain());
    try {
      return await this.running;
    } finally {
      this.running = undefined;
    }
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(async () => {
      try {
        await this.clock.refresh();
        await this.runDue();
      } catch (err) {
        this.options.onError?.(err);
      }
      this.schedule();
    }, this.options.pollMs);
    this.timer.unref?.();
  }

  private async drain(): Promise<number> {
    let fired = 0;
    for (;;) {
      const jobs = await acquireDueJobs(this.db, {
        now: this.clock.now(),
        workerId: this.workerId,
        limit: this.options.batchSize ?? 20,
        leaseMs: this.options.leaseMs ?? 60_000,
      });
      if (jobs.length === 0) return fired;
      for (const job of jobs) {
        if (await this.fire(job)) fired++;
      }
    }
  }

  private async fire(job: TimerJob): Promise<boolean> {
    const handler = this.handlers[job.kind];
    try {
      await handler.run(job);
      this.options.onJob?.(job.kind, 'done');
      return true;
    } catch (err) {
      const status = (err as { status?: number }).status;
      if (status === 409) {
        // Someone else moved the instance on; the job is still due and will be tried again.
        await releaseJob(this.db, job.id);
        this.options.onJob?.(job.kind, 'retry');
        return false;
      }
      const message = (err as Error).message ?? String(err);
      if (job.attempts + 1 >= this.options.maxAttempts && job.instanceId) {
        await this.instances.recordIncident(job.instanceId, job.elementId, `${handler.what} failed after ${job.attempts + 1} attempts: ${message}`, job.id);
        this.options.onJob?.(job.kind, 'failed');
      } else {
        await failJob(this.db, job, message, (this.options.backoffMs ?? 1000) * 2 ** job.attempts);
        this.options.onJob?.(job.kind, 'retry');
      }
      this.options.onError?.(err);
      return false;
    }
  }

  private async fireTimer(job: TimerJob): Promise<void> {
    await this.instances.advance(job.instanceId!, { actor: null });
    // Resuming fires every due timer of the instance and drops its job; one still here did not fire.
    if (await jobExists(this.db, job.id)) {
      throw new Error(`timer ${job.elementId} was due at ${job.dueAt.toISOString()} but did not fire on resume`);
    }
  }

  private async fireStartTimer(job: TimerJob): Promise<void> {
    const loaded = await this.deployments.load(job.definitionId!);
    const start = loaded.model.timerStartEvents.find((s) => s.elementId === job.elementId);
    const calendar = await this.calendars.get();
    const { next, payload } = nextStartTimer(start, job, calendar);
    // The new instance and the job's next occurrence commit together: a crash between them
    // can neither lose this quarter's instance nor start it twice.
    await this.instances.start(
      loaded.model.key,
      { variables: { startedByTimer: job.elementId, scheduledFor: job.dueAt.toISOString() } },
      null,
      { definitionId: loaded.definition.id, beforeCommit: (tx) => rescheduleStartTimer(tx, job.id, next, payload) },
    );
  }
}

