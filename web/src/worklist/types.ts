/** The shapes of GET /api/worklist and GET /api/worklist/:id (src/domain/worklist.ts). */
export type SlaState = 'green' | 'amber' | 'red' | 'none';

export interface TaskSla {
  standard: string | null;
  dueAt: string | null;
  reminderAt: string | null;
  remainingWorkingMs: number | null;
  state: SlaState;
}

/** A user task as GET /api/tasks answers it (src/engine/userTasks.ts). */
export interface TaskBase {
  id: string;
  instanceId: string;
  processKey: string;
  elementId: string;
  name: string | null;
  assignee: string | null;
  candidateGroups: string[];
  candidateUsers: string[];
  dueAt: string | null;
  createdAt: string;
}

export interface WorklistItem extends TaskBase {
  processName: string | null;
  trackingId: string | null;
  complaintSubject: string | null;
  opd: string | null;
  sla: TaskSla;
}

export interface Worklist {
  counts: { mine: number; group: number; overdue: number };
  items: WorklistItem[];
}

/** GET /api/tasks/:id */
export interface TaskDetail extends TaskBase {
  status: 'open' | 'completed' | 'cancelled';
}
