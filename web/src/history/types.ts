/** The audit API's answers: the server's own contract (src/contract/audit.ts), and the lists the history pages offer. */
import type { InstanceStatus } from '../../../src/contract/audit';

export type { InstanceStatus };
export const instanceStatuses: InstanceStatus[] = ['running', 'completed', 'terminated', 'failed'];

export type {
  AuditInstanceDetail as AuditInstance,
  AuditListItem,
  AuditNotification,
  AuditPage,
  AuditTask,
  ChainLink,
  HistoryRecord,
  HistoryVerification,
} from '../../../src/contract/audit';

export interface ProcessDefinition {
  key: string;
  version: number;
  name: string | null;
}

export type { Opd } from '../../../src/contract/admin';
