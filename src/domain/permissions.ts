import type { Permissions } from '../contract/permissions';
import { allComplaintsReaders, complaintReaders, intakeRoles, superiorRoles } from './access';
import { deployerRoles, eventSenderRoles, historyReaderRoles, systemAdminRoles, type RoleId } from './roles';

export type { Permissions };

/**
 * What a user's roles let them do. Derived from the same role lists the routes authorise with,
 * so the web app's menu and the server cannot disagree; the server still checks every request.
 */
export function permissionsOf(roles: readonly string[]): Permissions {
  const any = (list: readonly RoleId[]) => roles.some((r) => list.includes(r as RoleId));
  return {
    deploy: any(deployerRoles),
    intake: any(intakeRoles),
    readHistory: any(historyReaderRoles) || any(complaintReaders),
    readDashboard: any(historyReaderRoles) || any(allComplaintsReaders),
    recap: any(complaintReaders),
    administer: any(systemAdminRoles),
    sendEvents: any(eventSenderRoles),
    superviseLate: any(superiorRoles),
  };
}
