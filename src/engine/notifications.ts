import { isRoleId, roles } from '../domain/roles';
import type { ProcessModel } from './bpmnDefinition';
import type { RuntimeEvent } from './processRuntime';
import type { BatchPart } from './statementBatch';
import type { Variables } from './variables';

/**
 * Notification requests (table `notifications`), written in the same transaction as the step that
 * caused them: a late task's superior is told even if the mail server is down at that moment. The
 * engine only records the request; the database turns it into an inbox item per user of the role
 * and each item into that user's mail (migrations 13 and 14), which src/notify sends.
 */
export function notificationPart(args: {
  instanceId: string;
  businessKey: string | null;
  model: ProcessModel;
  events: RuntimeEvent[];
  variables: Variables;
  now: Date;
}): BatchPart | undefined {
  const rows: { elementId: string; role: string; opd: string | null; reason: string; taskName: string | null }[] = [];
  for (const e of args.events) {
    if (e.type !== 'element-entered') continue;
    const request = args.model.notifications.get(e.elementId);
    if (!request) continue;
    const opdBound = isRoleId(request.role) && roles[request.role].opdBound;
    const opd = opdBound && typeof args.variables.opd === 'string' ? args.variables.opd : null;
    rows.push({ elementId: e.elementId, role: request.role, opd, reason: request.reason, taskName: request.taskName ?? null });
  }
  if (rows.length === 0) return undefined;
  return {
    sql: `insert into notifications (id, instance_id, element_id, role, opd, reason, task_name, process_name, business_key, created_at)
          select gen_random_uuid(), $1, e, r, o, why, n, $7, $8, $9
            from unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) as t(e, r, o, why, n)`,
    params: [
      args.instanceId,
      rows.map((r) => r.elementId),
      rows.map((r) => r.role),
      rows.map((r) => r.opd),
      rows.map((r) => r.reason),
      rows.map((r) => r.taskName),
      args.model.name ?? args.model.key,
      args.businessKey,
      args.now.toISOString(),
    ],
  };
}
