import fs from 'node:fs';
import path from 'node:path';
import type { Server } from 'node:http';
import type express from 'express';
import type { Config } from './config';
import { ManualClock, SystemClock, type Clock } from './clock';
import type { Database } from './db/database';
import { openDatabase } from './db/open';
import { ComplaintReplies } from './domain/complaintReplies';
import { Complaints } from './domain/complaints';
import { seedDemoUsers } from './domain/demoUsers';
import { AccessPolicy } from './domain/access';
import { AuditTrail } from './domain/auditInstances';
import { backfillComplaintRecords } from './domain/complaintBackfill';
import { ComplaintRecap } from './domain/complaintRecap';
import { Letterheads } from './domain/letterheads';
import { StepDocuments } from './domain/stepDocuments';
import { complaintProjection } from './domain/complaintStatus';
import { Dashboard } from './domain/dashboard';
import { SopPerformance } from './domain/sopPerformance';
import { InstanceList } from './domain/instanceList';
import { WorklistReader } from './domain/worklist';
import { PreviousSteps } from './domain/previousSteps';
import { Groups } from './domain/groups';
import { Inbox } from './domain/inbox';
import { MailOutbox } from './domain/mailOutbox';
import { NotificationPreferences } from './domain/notificationPreferences';
import { Opds } from './domain/opds';
import { opdFormOptions } from './domain/opdFormOptions';
import { LoginThrottle } from './domain/loginThrottle';
import { Sessions } from './domain/sessions';
import { Users } from './domain/users';
import { seedIndonesianHolidays } from './engine/holidays';
import { createWorkflowEngine, type WorkflowEngine } from './engine/workflowEngine';
import { createApp } from './http/app';
import { MailDispatcher } from './notify/mailDispatcher';
import { createLogger, type Logger } from './ops/logger';
import { Metrics } from './ops/metrics';
import { Lifecycle } from './ops/readiness';

/** The advisory lock that lets one app process at a time seed and deploy at startup. */
const STARTUP_LOCK = 48151624;

/** How long a shutdown waits for requests in flight before it closes their connections. */
const SHUTDOWN_GRACE_MS = 20_000;
import { MailDigest } from './notify/mailDigest';

export interface System {
  config: Config;
  db: Database;
  engine: WorkflowEngine;
  users: Users;
  opds: Opds;
  complaints: Complaints;
  app: express.Express;
  mail: MailDispatcher;
  manualClock?: ManualClock;
  logger: Logger;
  metrics: Metrics;
  /** Starts the scheduler and listens on config.host (all interfaces when unset) and config.port (0 = any free port). */
  listen(): Promise<Server>;
  /**
   * Graceful shutdown: reports not ready, stops taking jobs and mails (the running ones finish
   * and release their rows), finishes the requests in flight, then closes the database.
   */
  close(): Promise<void>;
}

type Log = (message: string) => void;

/**
 * Wiring, in the one direction data flows: config → database → engine → scheduler → HTTP.
 * Tests build the same system the server runs, on a throwaway database.
 */
export async function createSystem(config: Config, logTo?: Log): Promise<System> {
  const logger = createLogger(config.logLevel);
  const log: Log = logTo ?? ((m) => logger.info(m));
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const lifecycle = new Lifecycle(db);
  const manualClock = config.clock === 'manual' ? await ManualClock.open(db, config.clockStart) : undefined;
  const clock: Clock = manualClock ?? new SystemClock();
  const metrics = new Metrics({ db, now: () => clock.now() });
  const engine = createWorkflowEngine({
    db,
    clock,
    pollMs: config.schedulerPollMs,
    maxAttempts: config.jobMaxAttempts,
    backoffMs: config.jobBackoffMs,
    onError: (err) => log(`scheduler: ${(err as Error).message}`),
    onJob: (kind, outcome) => metrics.jobRan(kind, outcome),
  });
  const opds = new Opds(db);
  const users = new Users(db);
  const groups = new Groups(db);
  // Deployments refuse a candidate group that names neither an SOP role nor an active group.
  engine.deployments.groups = groups;
  const replies = new ComplaintReplies(db, engine.events, () => clock.now());
  const complaints = new Complaints(db, engine, opds, config.timezone, replies);
  // Every step of a complaint's chain moves its stored record in the step's own commit.
  engine.instances.projection = complaintProjection;
  engine.forms.registerOptionSource('opd', (ctx) => opdFormOptions(opds, ctx.district));
  // Several app processes starting at once on one database: one seeds and deploys, the others
  // wait and then find it done (each step keeps what is already there).
  await db.exclusively(STARTUP_LOCK, async () => {
    const year = clock.now().getFullYear();
    await seedIndonesianHolidays(db, [year - 1, year, year + 1, year + 2]);
    const addedOpds = await opds.seed();
    if (addedOpds) log(`OPD catalogue: added ${addedOpds} agencies of Kapuas and Kapuas Hulu`);
    if (config.seedDemo && config.nodeEnv !== 'production' && (await users.count()) === 0) {
      const created = await seedDemoUsers(users, config.nodeEnv);
      log(`fresh database: created ${created.length} demo users (username = role id, password demo12345)`);
    }
    await deployProcessesDir(engine, config.processesDir, log);
    const backfilled = await backfillComplaintRecords(db, engine);
    if (backfilled) log(`complaint records: filled ${backfilled} complaints entered before the stored record`);
  });

  const mail = new MailDispatcher(db, {
    smtpUrl: config.smtpUrl,
    from: config.mailFrom,
    publicUrl: config.publicUrl,
    pollMs: config.schedulerPollMs,
    maxAttempts: config.mailMaxAttempts,
    log,
    now: () => clock.now(),
    digest: new MailDigest(db, engine.calendars, () => clock.now()),
  });
  // One runner polls every queue: timers, call steps and signals by job kind, then the mail.
  engine.scheduler.addQueue('mail', () => mail.sendPending());
  const letterheads = new Letterheads(db, () => clock.now());
  const app = createApp({ config, engine, users, groups, sessions: new Sessions(db, config.sessionTtlHours), loginThrottle: new LoginThrottle(db), opds, complaints, replies, mail,
    manualClock,
    access: new AccessPolicy(db),
    worklist: new WorklistReader(engine),
    previousSteps: new PreviousSteps(db, engine.forms),
    instanceList: new InstanceList(db),
    audit: new AuditTrail(db, engine),
    dashboard: new Dashboard(db, engine),
    recap: new ComplaintRecap(db, engine),
    letterheads,
    stepDocuments: new StepDocuments(db, complaints, letterheads, () => clock.now()),
    performance: new SopPerformance(db, engine),
    inbox: new Inbox(db, () => clock.now()),
    lifecycle,
    metrics,
    logger,
    notificationPreferences: new NotificationPreferences(db),
    outbox: new MailOutbox(db),
  });
  let server: Server | undefined;
  return {
    config,
    db,
    engine,
    users,
    opds,
    complaints,
    app,
    mail,
    manualClock,
    logger,
    metrics,
    listen() {
      engine.scheduler.start();
      return new Promise((resolve) => {
        const listening = () => resolve(server!);
        server = config.host === undefined ? app.listen(config.port, listening) : app.listen(config.port, config.host, listening);
      });
    },
    async close() {
      lifecycle.beginShutdown();
      await engine.scheduler.stop();
      await mail.stop();
      if (server) {
        const closed = new Promise<void>((resolve) => server!.close(() => resolve()));
        // Keep-alive connections with no request in flight would hold close() open.
        server.closeIdleConnections();
        const grace = setTimeout(() => server!.closeAllConnections(), SHUTDOWN_GRACE_MS);
        await closed;
        clearTimeout(grace);
      }
      await db.close();
    },
  };
}

/** Deploys every *.bpmn in the folder; unchanged files keep their version. */
async function deployProcessesDir(engine: WorkflowEngine, dir: string, log: Log): Promise<void> {
  if (!fs.existsSync(dir)) return;
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.bpmn')).sort()) {
    const xml = fs.readFileSync(path.join(dir, file), 'utf8');
    const r = await engine.deployments.deploy({ name: file, xml }, null);
    log(`${r.created ? 'deployed' : 'unchanged'} ${file}: ${r.processes.map((p) => `${p.key} v${p.version}`).join(', ')}`);
  }
}
