/**
 * The API's answers about process instances and their history, as JSON carries them (instants as
 * ISO strings). Free of imports outside src/contract (see tasks.ts).
 */
import type { TaskStatus } from './tasks';

export type InstanceStatus = 'running' | 'completed' | 'terminated' | 'failed';

export type HistoryType =
  | 'instance-started'
  | 'instance-completed'
  | 'instance-failed'
  | 'instance-terminated'
  | 'call-started'
  | 'call-returned'
  | 'element-entered'
  | 'element-left'
  | 'flow-taken'
  | 'task-created'
  | 'task-claimed'
  | 'task-unclaimed'
  | 'task-completed'
  | 'task-cancelled'
  | 'deadline-moved'
  /** A superior extended an open task's deadline with a reason (Ditunda): from, to, reason, the timers moved. */
  | 'deadline-extended'
  | 'migrated'
  | 'timer-fired'
  | 'message-received'
  | 'signal-received'
  | 'signal-thrown'
  | 'error-caught'
  | 'external-task-created'
  | 'external-task-completed'
  | 'external-task-failed'
  | 'external-task-bpmn-error'
  | 'external-task-unlocked'
  | 'external-task-retries-set'
  | 'incident'
  | 'incident-resolved'
  | 'deployment';

/** One entry of an instance's append-only history (GET /api/instances/:id/history); its data spread in. */
export interface HistoryRecord {
  id: number;
  type: HistoryType;
  elementId: string | null;
  at: string;
  actor: string | null;
  [k: string]: unknown;
}

/**
 * GET /api/instances/:id/history/verify: the instance's history hash chain recomputed.
 * `brokenAt` is the id of the first entry whose stored hash does not match (edited, or the entry
 * after a deleted one).
 */
export type HistoryVerification = { ok: true; entries: number } | { ok: false; entries: number; brokenAt: number };

export interface InstanceTimer {
  elementId: string;
  dueAt: string;
}

export interface InstanceIncident {
  id: string;
  elementId: string | null;
  message: string;
  createdAt: string;
}

/** One instance in the auditors' search (GET /api/audit/instances). */
export interface AuditListItem {
  id: string;
  key: string;
  version: number;
  processName: string | null;
  status: InstanceStatus;
  businessKey: string | null;
  opd: string | null;
  startedAt: string;
  endedAt: string | null;
  parentId: string | null;
  openTasks: number;
  /** Open tasks past their due date now. */
  overdueTasks: number;
  /** Tasks completed after their due date. */
  lateTasks: number;
}

export interface AuditPage {
  /** How many match, counted up to `totalCap`: a search never counts years of instances. */
  total: number;
  /** True when there are more than `total` (the count stopped at its cap). */
  totalCapped: boolean;
  items: AuditListItem[];
}

/** The most a search counts exactly. */
export const auditTotalCap = 1_000;

export interface AuditTask {
  id: string;
  elementId: string;
  name: string | null;
  status: TaskStatus;
  assignee: string | null;
  candidateGroups: string[];
  createdAt: string;
  dueAt: string | null;
  endedAt: string | null;
  endedBy: string | null;
  /** Open and past due now. */
  overdue: boolean;
  /** Working time between the due date and completion (or now, while open); 0 when on time or without a due date. */
  lateWorkingMs: number;
}

/** An escalation or reminder mail the instance sent. */
export interface AuditNotification {
  id: string;
  elementId: string;
  role: string;
  opd: string | null;
  reason: string;
  taskName: string | null;
  createdAt: string;
  sentAt: string | null;
  recipientCount: number;
}

/** An instance of the same complaint, or, without a business key, the instance's caller or callee. */
export interface ChainLink {
  id: string;
  key: string;
  version: number;
  processName: string | null;
  status: InstanceStatus;
  parentId: string | null;
  startedAt: string;
}

/** GET /api/audit/instances/:id: everything an auditor reads about one instance. */
export interface AuditInstanceDetail extends AuditListItem {
  opdName: string | null;
  startedBy: string | null;
  activeElements: string[];
  variables: Record<string, unknown>;
  timers: InstanceTimer[];
  incidents: InstanceIncident[];
  /** The instances of the same complaint (or, without a business key, its caller and callees). */
  chain: ChainLink[];
  tasks: AuditTask[];
  history: HistoryRecord[];
  notifications: AuditNotification[];
  /** Element id → name, from the diagram of this instance's version. */
  elementNames: Record<string, string>;
  /** Username → display name of everyone named in the history and tasks. */
  actors: Record<string, string>;
}
