import { z } from 'zod';
import { maxInboxPage } from '../../domain/inbox';
import { uuidParam } from '../params';
import { route } from '../route';
import type { AppServices } from '../services';

/** The caller's own in-app inbox; nobody reads or marks another user's items. */
export function inboxRoutes(s: AppServices) {
  return [
    route({
      method: 'get',
      path: '/api/notifications',
      tag: 'inbox',
      summary:
        'Your inbox, newest first: tasks assigned to you or newly offered to your groups, reminders and late notices for your role, complaints forwarded to the Ombudsman RI (Admin Utama); with the count of unread items',
      access: 'user',
      query: z
        .object({
          limit: z.coerce.number().int().min(1).max(maxInboxPage).optional(),
          offset: z.coerce.number().int().min(0).optional(),
        })
        .strict(),
      responses: { 200: '{ unread, items: [{ id, kind, title, link, createdAt, read }] }', 400: `limit over ${maxInboxPage}` },
      async handler({ query, user }) {
        return { body: await s.inbox.list(user.username, query) };
      },
    }),
    route({
      method: 'post',
      path: '/api/notifications/read-all',
      tag: 'inbox',
      summary: 'Mark all your notifications read (any signed-in user, auditors too: it changes only your inbox)',
      access: 'user',
      body: z.object({}).strict(),
      responses: { 200: '{ marked }' },
      async handler({ user }) {
        return { body: { marked: await s.inbox.markAllRead(user.username) } };
      },
    }),
    route({
      method: 'post',
      path: '/api/notifications/:id/read',
      tag: 'inbox',
      summary: 'Mark one of your notifications read (any signed-in user, auditors too)',
      access: 'user',
      body: z.object({}).strict(),
      responses: { 200: 'the item', 404: 'not an item of your inbox (inbox.unknown)' },
      async handler({ params, user }) {
        const id = uuidParam(params.id);
        return { body: await s.inbox.markRead(user.username, id) };
      },
    }),
  ];
}
