import type { Queryable } from '../db/database';
import { isRoleId, roles } from '../domain/roles';
import type { ProcessModel } from './bpmnDefinition';
import type { RuntimeEvent } from './processRuntime';
import type { Variables } from './variables';

/**
 * Notification requests, written to an outbox in the same transaction as the step that caused
 * them: a late task's superior is told even if the mail server is down at that moment. The
 * engine only records the request; src/notify delivers it.
 */
export async function requestNotifications(
  tx: Queryable,
  args: { instanceId: string; businessKey: string | null; model: ProcessModel; events: RuntimeEvent[]; variables: Variables; now: Date },
): Promise<number> {
  let count = 0;
  for (const e of args.events) {
    if (e.type !== 'element-entered') continue;
    const request = args.model.notifications.get(e.elementId);
    if (!request) continue;
    const opdBound = isRoleId(request.role) && roles[request.role].opdBound;
    const opd = opdBound && typeof args.variables.opd === 'string' ? args.variables.opd : null;
    await tx.query(
      `insert into notifications (id, instance_id, element_id, role, opd, reason, task_name, process_name, business_key, created_at)
       values (gen_random_uuid(), $1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [args.instanceId, e.elementId, request.role, opd, request.reason, request.taskName ?? null, args.model.name ?? args.model.key, args.businessKey, args.now.toISOString()],
    );
    count++;
  }
  return count;
}
