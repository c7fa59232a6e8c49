import { allComplaintsReaders, complaintReaders, intakeRoles } from './complaintsAccess';
import { deployerRoles, historyReaderRoles, type RoleId } from './roles';

/**
 * What a user's roles let them do, as the web app needs to know it to show only the screens
 * they may use. Derived from the same role lists the routes authorise with, so the menu and the
 * server cannot disagree; the server still checks every request.
 */
export interface Permissions {
  /** Deploy diagrams (modeler). */
  deploy: boolean;
  /** Enter complaints (intake form). */
  intake: boolean;
  /** Search instance histories (all of them, or the complaints they may read). */
  readHistory: boolean;
  /** The dashboard over every OPD. */
  readDashboard: boolean;
  /** The periodic complaint recap (every complaint, or their OPD's). */
  recap: boolean;
}

export function permissionsOf(roles: readonly string[]): Permissions {
  const any = (list: readonly RoleId[]) => roles.some((r) => list.includes(r as RoleId));
  return {
    deploy: any(deployerRoles),
    intake: any(intakeRoles),
    readHistory: any(historyReaderRoles) || any(complaintReaders),
    readDashboard: any(historyReaderRoles) || any(allComplaintsReaders),
    recap: any(complaintReaders),
  };
}
