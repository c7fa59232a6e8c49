import { z } from 'zod';
import { mailChoices, mailStates, notificationKinds } from '../../contract/mail';
import { outboxReaders } from '../../domain/access';
import { maxOutboxPage } from '../../domain/mailOutbox';
import { uuidParam } from '../params';
import { route } from '../route';
import type { AppServices } from '../services';

/** The caller's own notification preferences, and the outbox of every mail (admin-sistem). */
export function mailRoutes(s: AppServices) {
  return [
    route({
      method: 'get',
      path: '/api/me/notification-preferences',
      tag: 'inbox',
      summary: 'Your choice per notification kind: mail at once (segera), in the daily digest at 07:30 WIB on working days (ringkasan), or none (mati); and whether a task newly claimable by your group is shown in your inbox',
      access: 'user',
      responses: { 200: '[{ kind, mail, inApp, inAppOptional, defaultMail, chosen }]' },
      async handler({ user }) {
        return { body: await s.notificationPreferences.get(user.username) };
      },
    }),
    route({
      method: 'put',
      path: '/api/me/notification-preferences',
      tag: 'inbox',
      summary: 'Change your choices for the kinds given (the others keep theirs); any signed-in user, auditors too: it changes only what you are told',
      access: 'user',
      body: z
        .object({
          preferences: z
            .array(z.object({ kind: z.enum(notificationKinds), mail: z.enum(mailChoices), inApp: z.boolean().optional() }).strict())
            .min(1)
            .max(notificationKinds.length)
            .refine((list) => new Set(list.map((p) => p.kind)).size === list.length, 'each kind at most once'),
        })
        .strict(),
      responses: { 200: 'all your preferences', 400: 'unknown kind or choice, a kind twice, or hiding a kind that is always shown' },
      async handler({ body, user }) {
        return { body: await s.notificationPreferences.set(user.username, body.preferences) };
      },
    }),
    route({
      method: 'get',
      path: '/api/admin/mails',
      tag: 'users',
      summary: `Every mail, newest first (Kotak keluar): state, recipient, subject, attempts, last error, times; filter by state; at most ${maxOutboxPage} a page`,
      access: outboxReaders,
      query: z
        .object({
          state: z.enum(mailStates).optional(),
          limit: z.coerce.number().int().min(1).max(maxOutboxPage).optional(),
          offset: z.coerce.number().int().min(0).max(1_000_000).optional(),
        })
        .strict(),
      responses: { 200: '{ items: [...], hasMore }', 400: `limit over ${maxOutboxPage} or unknown state` },
      async handler({ query, user }) {
        return { body: await s.outbox.list(user, query) };
      },
    }),
    route({
      method: 'post',
      path: '/api/admin/mails/:id/resend',
      tag: 'users',
      summary: 'Send a mail again: back to pending with its attempts reset',
      access: outboxReaders,
      body: z.object({}).strict(),
      responses: { 200: 'the mail', 404: 'no such mail (mail.unknown)', 409: 'waits for or is part of a digest (mail.notResendable)' },
      async handler({ params, user }) {
        return { body: await s.outbox.resend(user, uuidParam(params.id)) };
      },
    }),
  ];
}
