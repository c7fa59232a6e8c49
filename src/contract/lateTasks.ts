/** GET /api/dashboard/late-tasks: a superior's list of the late open tasks of the people they supervise. */
export interface LateTask {
  id: string;
  instanceId: string;
  name: string | null;
  processKey: string;
  processName: string | null;
  trackingId: string | null;
  subject: string | null;
  /** The OPD the task waits in (tasks.opd). */
  opd: string | null;
  opdName: string | null;
  assignee: string | null;
  assigneeName: string | null;
  candidateGroups: string[];
  dueAt: string;
  createdAt: string;
}

export interface LateTaskPage {
  /** Most overdue first. */
  items: LateTask[];
  /** Whether a next page exists (no count: the list is read off the index a page at a time). */
  hasMore: boolean;
}

/** The largest page. */
export const maxLateTaskPage = 100;
