import type { Route } from '../route';
import type { AppServices } from '../services';
import { authRoutes } from './auth';
import { calendarRoutes } from './calendar';
import { clockRoutes } from './clock';
import { complaintRoutes } from './complaints';
import { deploymentRoutes } from './deployments';
import { eventRoutes } from './events';
import { groupRoutes } from './groups';
import { healthRoutes } from './health';
import { inboxRoutes } from './inbox';
import { mailRoutes } from './mail';
import { instanceRoutes } from './instances';
import { migrationRoutes } from './migrations';
import { opdRoutes } from './opds';
import { publicComplaintRoutes } from './publicComplaints';
import { taskRoutes } from './tasks';
import { taskFormRoutes } from './taskForms';
import { userRoutes } from './users';
import { auditRoutes } from './audit';
import { dashboardRoutes } from './dashboard';
import { recapRoutes } from './recap';
import { sopSheetRoutes } from './sopSheet';
import { stepDocumentRoutes } from './stepDocuments';
import { performanceRoutes } from './performance';
import { worklistRoutes } from './worklist';
import { externalTaskRoutes } from './externalTasks';

export function allRoutes(s: AppServices): Route<unknown, unknown>[] {
  return [
    ...healthRoutes(s),
    ...authRoutes(s),
    ...userRoutes(s),
    ...groupRoutes(s),
    ...deploymentRoutes(s),
    ...instanceRoutes(s),
    ...migrationRoutes(s),
    ...eventRoutes(s),
    ...taskRoutes(s),
    ...taskFormRoutes(s),
    ...calendarRoutes(s),
    ...opdRoutes(s),
    ...complaintRoutes(s),
    ...publicComplaintRoutes(s),
    ...clockRoutes(s),
    ...auditRoutes(s),
    ...dashboardRoutes(s),
    ...recapRoutes(s),
    ...sopSheetRoutes(s),
    ...stepDocumentRoutes(s),
    ...performanceRoutes(s),
    ...worklistRoutes(s),
    ...externalTaskRoutes(s),
    ...inboxRoutes(s),
    ...mailRoutes(s),
  ] as Route<unknown, unknown>[];
}
