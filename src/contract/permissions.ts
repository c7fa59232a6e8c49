/**
 * What a user's roles let them do (`may` in GET /api/auth/me), as the web app needs to know it to
 * show only the screens they may use. Decided by the server (src/domain/permissions.ts).
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
  /** Keep users, the OPD catalogue and the holiday calendar. */
  administer: boolean;
  /** Send messages and signals to processes (POST /api/messages, /api/signals). */
  sendEvents: boolean;
  /** The late tasks of the people they supervise (GET /api/dashboard/late-tasks). */
  superviseLate: boolean;
}
