import { z } from 'zod';
import { roleIds, roles, systemAdminRoles } from '../../domain/roles';
import { positiveIntParam } from '../params';
import { route } from '../route';
import type { AppServices } from '../services';


export function userRoutes(s: AppServices) {
  return [
    route({
      method: 'get',
      path: '/api/roles',
      tag: 'users',
      summary: 'The role ids of the SOPs, with labels and whether they are bound to an OPD',
      access: 'user',
      async handler() {
        return { body: roleIds.map((id) => ({ id, ...roles[id] })) };
      },
    }),
    route({
      method: 'get',
      path: '/api/users',
      tag: 'users',
      summary: 'All users',
      access: systemAdminRoles,
      async handler() {
        return { body: await s.users.list() };
      },
    }),
    route({
      method: 'post',
      path: '/api/users',
      tag: 'users',
      summary: 'Create a user with SOP roles and/or groups (GET /api/groups); at least one of them',
      access: systemAdminRoles,
      body: z
        .object({
          username: z.string().regex(/^[a-z0-9._-]{3,50}$/, 'lowercase letters, digits, . _ -, 3 to 50 characters'),
          password: z.string().min(8).max(200),
          email: z.email(),
          displayName: z.string().min(1).max(200).optional(),
          opd: z.string().min(1).max(100).nullable().optional(),
          // Empty when the user is only in groups beyond the SOP roles (then `groups` is not).
          roles: z.array(z.string()).max(50),
          groups: z.array(z.string().max(60)).max(50).optional(),
        })
        .strict(),
      responses: { 201: 'the user', 409: 'username taken' },
      async handler({ body }) {
        return { status: 201, body: await s.users.create(body) };
      },
    }),
    route({
      method: 'patch',
      path: '/api/users/:id',
      tag: 'users',
      summary: 'Change a user: roles, groups, OPD, email, name, password, active',
      access: systemAdminRoles,
      body: z
        .object({
          password: z.string().min(8).max(200).optional(),
          email: z.email().optional(),
          displayName: z.string().min(1).max(200).optional(),
          opd: z.string().min(1).max(100).nullable().optional(),
          roles: z.array(z.string()).max(50).optional(),
          groups: z.array(z.string().max(60)).max(50).optional(),
          active: z.boolean().optional(),
        })
        .strict(),
      responses: { 200: 'the user', 404: 'unknown id' },
      async handler({ params, body }) {
        const id = positiveIntParam(params.id, 'user');
        return { body: await s.users.update(id, body) };
      },
    }),
  ];
}
