import type { Config } from '../config';
import type { ManualClock } from '../clock';
import type { ComplaintReplies } from '../domain/complaintReplies';
import type { Complaints } from '../domain/complaints';
import type { AccessPolicy } from '../domain/access';
import type { AuditTrail } from '../domain/auditInstances';
import type { ComplaintRecap } from '../domain/complaintRecap';
import type { SopPerformance } from '../domain/sopPerformance';
import type { Dashboard } from '../domain/dashboard';
import type { InstanceList } from '../domain/instanceList';
import type { WorklistReader } from '../domain/worklist';
import type { PreviousSteps } from '../domain/previousSteps';
import type { Groups } from '../domain/groups';
import type { Letterheads } from '../domain/letterheads';
import type { StepDocuments } from '../domain/stepDocuments';
import type { Inbox } from '../domain/inbox';
import type { MailOutbox } from '../domain/mailOutbox';
import type { NotificationPreferences } from '../domain/notificationPreferences';
import type { Opds } from '../domain/opds';
import type { LoginThrottle } from '../domain/loginThrottle';
import type { Sessions } from '../domain/sessions';
import type { Users } from '../domain/users';
import type { WorkflowEngine } from '../engine/workflowEngine';
import type { MailDispatcher } from '../notify/mailDispatcher';
import type { Logger } from '../ops/logger';
import type { Metrics } from '../ops/metrics';
import type { Lifecycle } from '../ops/readiness';

/** What the HTTP layer may call; it reaches the database only through these. */
export interface AppServices {
  config: Pick<Config, 'cookieSecure' | 'sessionTtlHours' | 'nodeEnv' | 'trustProxy'>;
  /** The engine without its database: routes reach data only through services. */
  engine: Omit<WorkflowEngine, 'db'>;
  users: Users;
  /** Groups beyond the SOP roles. */
  groups: Groups;
  sessions: Sessions;
  /** Counts failed sign-ins and refuses guessing (429). */
  loginThrottle: LoginThrottle;
  opds: Opds;
  complaints: Complaints;
  /** The reporter's reply on the public page (reply code, throttled). */
  replies: ComplaintReplies;
  /** Who may read or act on an instance or a task (the lists embed the same rules). */
  access: AccessPolicy;
  worklist: WorklistReader;
  /** What the steps before a task decided. */
  previousSteps: PreviousSteps;
  instanceList: InstanceList;
  audit: AuditTrail;
  dashboard: Dashboard;
  recap: ComplaintRecap;
  /** The documents of a complaint's steps (tanda terima, disposisi, BA, surat jawaban). */
  stepDocuments: StepDocuments;
  /** The letterhead and signatories those documents print, per district. */
  letterheads: Letterheads;
  /** SOP performance (Kinerja SOP) from its maintained aggregate. */
  performance: SopPerformance;
  mail: MailDispatcher;
  /** Each user's in-app inbox (their own items only). */
  inbox: Inbox;
  /** Readiness and shutdown of this process. */
  lifecycle: Lifecycle;
  metrics: Metrics;
  logger: Logger;
  /** Each user's own choice per notification kind (mail at once / digest / off, in-app). */
  notificationPreferences: NotificationPreferences;
  /** Every mail, for admin-sistem (Kotak keluar). */
  outbox: MailOutbox;
  /** Present only with SOP_CLOCK=manual. */
  manualClock?: ManualClock;
}
