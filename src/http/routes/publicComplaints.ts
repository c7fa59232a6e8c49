import { route } from '../route';
import type { AppServices } from '../services';

/** The one thing a reporter can look up without an account: where their complaint stands. */
export function publicComplaintRoutes(s: AppServices) {
  return [
    route({
      method: 'get',
      path: '/api/public/complaints/:trackingId',
      tag: 'public',
      summary: 'Status of a complaint by tracking ID, without signing in; never the reporter’s identity',
      access: 'public',
      responses: {
        200: '{trackingId, status, createdAt, channel, opdName, answers}; only {trackingId, status} for a confidential complaint',
        404: 'no such complaint (the same answer for unknown and malformed IDs)',
      },
      async handler({ params }) {
        return { body: await s.complaints.publicView(params.trackingId) };
      },
    }),
  ];
}
