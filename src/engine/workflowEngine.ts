import type { Database } from '../db/database';
import type { Clock } from '../clock';
import { createCalendarProvider, type WorkingCalendarProvider } from './calendarProvider';
import { Deployments } from './deployments';
import { EventCorrelation } from './eventCorrelation';
import { ExternalTasks } from './externalTasks/externalTaskService';
import { Deadlines } from './deadlines';
import { HolidayTable } from './holidayTable';
import { InstanceHistory } from './instanceHistory';
import { InstanceMigrations } from './instanceMigration';
import { Instances } from './instances';
import { Scheduler, type SchedulerOptions } from './scheduler';
import { TaskCommands } from './taskCommands';
import { TaskExtensions } from './taskExtensions';
import { TaskForms } from './taskFormService';
import { defaultWorkingCalendarOptions } from './workingCalendar';

export interface WorkflowEngine {
  db: Database;
  history: InstanceHistory;
  holidays: HolidayTable;
  /** Liveness: the database answers; which kind it is. */
  ping(): Promise<Database['kind']>;
  clock: Clock;
  calendars: WorkingCalendarProvider;
  deployments: Deployments;
  instances: Instances;
  /** Moving running instances to another version of their process. */
  migrations: InstanceMigrations;
  tasks: TaskCommands;
  /** A superior's extension of an open task's deadline (Ditunda). */
  extensions: TaskExtensions;
  forms: TaskForms;
  scheduler: Scheduler;
  /** Messages and signals (POST /api/messages, /api/signals; signal jobs). */
  events: EventCorrelation;
  /** Service, send and business rule tasks done by external workers (Camunda 7 external tasks). */
  externalTasks: ExternalTasks;
}

export interface WorkflowEngineOptions {
  db: Database;
  clock: Clock;
  pollMs?: number;
  maxAttempts?: number;
  backoffMs?: number;
  onError?: (err: unknown) => void;
  /** Told of each job the scheduler ran and how it ended (metrics). */
  onJob?: SchedulerOptions['onJob'];
}

/** Wires the engine's parts on one database and clock. Nothing here listens on a port. */
export function createWorkflowEngine(opts: WorkflowEngineOptions): WorkflowEngine {
  const calendars = createCalendarProvider(opts.db);
  const deployments = new Deployments(opts.db, opts.clock, calendars);
  const instances = new Instances(opts.db, opts.clock, deployments, calendars);
  const tasks = new TaskCommands(opts.db, opts.clock, instances, calendars);
  const forms = new TaskForms(opts.db, deployments, defaultWorkingCalendarOptions.zone);
  tasks.checkForm = (task, instance, variables) => forms.check(task, instance, variables);
  const scheduler = new Scheduler(opts.db, opts.clock, instances, deployments, calendars, {
    pollMs: opts.pollMs ?? 1000,
    maxAttempts: opts.maxAttempts ?? 3,
    backoffMs: opts.backoffMs,
    onError: opts.onError,
    onJob: opts.onJob,
  });
  // A commit that leaves work due at once (a called process to start, a parent to resume) runs it
  // before the command returns, so the caller sees the chain move; the poller is the safety net.
  const events = new EventCorrelation(opts.db, opts.clock, instances);
  scheduler.events = events;
  instances.followUp = async () => {
    await scheduler.runDue();
  };
  return {
    db: opts.db,
    history: new InstanceHistory(opts.db),
    holidays: new HolidayTable(opts.db, calendars, new Deadlines(opts.db, opts.clock, deployments, calendars)),
    async ping() {
      await opts.db.query('select 1');
      return opts.db.kind;
    },
    clock: opts.clock,
    calendars,
    deployments,
    instances,
    migrations: new InstanceMigrations(opts.db, opts.clock, deployments, calendars),
    tasks,
    extensions: new TaskExtensions(opts.db, opts.clock, deployments, calendars),
    forms,
    scheduler,
    events,
    externalTasks: new ExternalTasks(opts.db, opts.clock, instances),
  };
}
