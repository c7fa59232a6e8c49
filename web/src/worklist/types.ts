/** The shapes of GET /api/worklist and GET /api/worklist/:id (src/domain/worklist.ts). */
export type SlaState = 'green' | 'amber' | 'red' | 'none';

export interface TaskSla {
  standard: string | null;
  dueAt: string | null;
  reminderAt: string | null;
  remainingWorkingMs: number | null;
  state: SlaState;
}

export interface WorklistItem {
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
export interface TaskDetail {
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
  status: 'open' | 'completed' | 'cancelled';
}
