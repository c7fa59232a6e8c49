/** The audit API's answers (src/domain/auditInstances.ts), as the history pages read them. */
export type InstanceStatus = 'running' | 'completed' | 'terminated' | 'failed';
export const instanceStatuses: InstanceStatus[] = ['running', 'completed', 'terminated', 'failed'];

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
  overdueTasks: number;
  lateTasks: number;
}

export interface AuditPage {
  total: number;
  items: AuditListItem[];
}

export interface HistoryRecord {
  id: number;
  type: string;
  elementId: string | null;
  at: string;
  actor: string | null;
  [k: string]: unknown;
}

export interface AuditTask {
  id: string;
  elementId: string;
  name: string | null;
  status: 'open' | 'completed' | 'cancelled';
  assignee: string | null;
  candidateGroups: string[];
  createdAt: string;
  dueAt: string | null;
  endedAt: string | null;
  endedBy: string | null;
  overdue: boolean;
  lateWorkingMs: number;
}

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

export interface ChainLink {
  id: string;
  key: string;
  version: number;
  processName: string | null;
  status: InstanceStatus;
  parentId: string | null;
  startedAt: string;
}

export interface AuditInstance extends AuditListItem {
  opdName: string | null;
  startedBy: string | null;
  activeElements: string[];
  variables: Record<string, unknown>;
  timers: { elementId: string; dueAt: string }[];
  incidents: { id: string; elementId: string | null; message: string; createdAt: string }[];
  chain: ChainLink[];
  tasks: AuditTask[];
  history: HistoryRecord[];
  notifications: AuditNotification[];
  elementNames: Record<string, string>;
  actors: Record<string, string>;
}

export interface ProcessDefinition {
  key: string;
  version: number;
  name: string | null;
}

export interface Opd {
  code: string;
  name: string;
  district: string;
  active: boolean;
}
