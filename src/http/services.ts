import type { Config } from '../config';
import type { ManualClock } from '../clock';
import type { Complaints } from '../domain/complaints';
import type { OpdGuard } from '../domain/opdGuard';
import type { Opds } from '../domain/opds';
import type { LoginThrottle } from '../domain/loginThrottle';
import type { Sessions } from '../domain/sessions';
import type { Users } from '../domain/users';
import type { WorkflowEngine } from '../engine/workflowEngine';
import type { MailDispatcher } from '../notify/mailDispatcher';

/** What the HTTP layer may call; it reaches the database only through these. */
export interface AppServices {
  config: Pick<Config, 'cookieSecure' | 'sessionTtlHours' | 'nodeEnv' | 'trustProxy'>;
  engine: WorkflowEngine;
  users: Users;
  sessions: Sessions;
  /** Counts failed sign-ins and refuses guessing (429). */
  loginThrottle: LoginThrottle;
  opds: Opds;
  complaints: Complaints;
  /** OPD-bound staff act only on their OPD's complaints (tasks, instances). */
  opdGuard: OpdGuard;
  mail: MailDispatcher;
  /** Present only with SOP_CLOCK=manual. */
  manualClock?: ManualClock;
}
