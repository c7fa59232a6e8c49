import { z } from 'zod';
import { groupIdPattern } from '../../domain/groups';
import { deployerRoles, systemAdminRoles } from '../../domain/roles';
import { route } from '../route';
import type { AppServices } from '../services';

export function groupRoutes(s: AppServices) {
  return [
    route({
      method: 'get',
      path: '/api/groups',
      tag: 'users',
      summary: "The groups beyond the SOP roles, with their member counts (also for process owners: the modeler offers them as a task's performers)",
      access: [...new Set([...systemAdminRoles, ...deployerRoles])],
      async handler() {
        return { body: await s.groups.list() };
      },
    }),
    route({
      method: 'post',
      path: '/api/groups',
      tag: 'users',
      summary: 'Add a group (its id is what camunda:candidateGroups names; never an SOP role id)',
      access: systemAdminRoles,
      body: z
        .object({
          id: z.string().max(60).regex(groupIdPattern, 'lowercase letters and digits in words joined by "-", e.g. keuangan'),
          name: z.string().trim().min(1).max(200),
          opdBound: z.boolean().optional(),
          active: z.boolean().optional(),
        })
        .strict(),
      responses: { 201: 'the group', 400: 'bad id (or an SOP role id: group.roleId)', 409: 'the id exists (group.taken)' },
      async handler({ body }) {
        return { status: 201, body: await s.groups.create(body) };
      },
    }),
    route({
      method: 'patch',
      path: '/api/groups/:id',
      tag: 'users',
      summary: 'Rename or (de)activate a group; an inactive group offers its members no tasks and takes no new members',
      access: systemAdminRoles,
      body: z
        .object({ name: z.string().trim().min(1).max(200).optional(), active: z.boolean().optional() })
        .strict()
        .refine((b) => b.name !== undefined || b.active !== undefined, 'give "name" or "active"'),
      responses: { 200: 'the group', 404: 'unknown id' },
      async handler({ params, body }) {
        return { body: await s.groups.update(params.id, body) };
      },
    }),
  ];
}
