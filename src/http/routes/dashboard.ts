import { complaintReaders } from '../../domain/access';
import { route } from '../route';
import type { AppServices } from '../services';

export function dashboardRoutes(s: AppServices) {
  const dashboard = s.dashboard;
  return [
    route({
      method: 'get',
      path: '/api/dashboard',
      tag: 'dashboard',
      summary: 'Complaints by status and by OPD, tasks past due by OPD and by role (OPD staff: their OPD only)',
      access: complaintReaders,
      responses: { 200: '{ complaintsByStatus, openComplaintsByOpd, overdueTasksByOpd, overdueTasksByRole, generatedAt }' },
      async handler({ user }) {
        return { body: await dashboard.counts(user) };
      },
    }),
  ];
}
