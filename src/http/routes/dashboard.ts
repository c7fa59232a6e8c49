import { z } from 'zod';
import { complaintReaders, superiorRoles } from '../../domain/access';
import { maxLateTaskPage } from '../../domain/lateTasks';
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
    route({
      method: 'get',
      path: '/api/dashboard/late-tasks',
      tag: 'dashboard',
      summary:
        'For a superior (the roles the diagrams tell of a late task: Kasi, Kabid, Kadis, Sekda, Pimpinan OPD, Pejabat Penghubung): the late open tasks of the roles they supervise, most overdue first (an OPD-bound superior: their OPD only)',
      access: superiorRoles,
      query: z
        .object({
          limit: z.coerce.number().int().min(1).max(maxLateTaskPage).optional(),
          offset: z.coerce.number().int().min(0).max(100_000).optional(),
        })
        .strict(),
      responses: { 200: '{ items: [{ id, instanceId, name, processKey, processName, trackingId, subject, opd, opdName, assignee, assigneeName, candidateGroups, dueAt, createdAt }], hasMore }', 400: `limit over ${maxLateTaskPage}` },
      async handler({ user, query }) {
        return { body: await dashboard.lateTasks(user, query) };
      },
    }),
  ];
}
