import type { MailChoice, NotificationKind, NotificationPreference, NotificationPreferenceChange } from '../contract/mail';
import type { Database } from '../db/database';
import { badRequest } from '../engine/errors';

export type { NotificationPreference, NotificationPreferenceChange };

interface PreferenceRow {
  kind: NotificationKind;
  default_mail: MailChoice;
  in_app_optional: boolean;
  mail: MailChoice | null;
  in_app: boolean | null;
}

/**
 * Each user's choice per notification kind. The defaults and the rule that applies them live in
 * the database (migration 16: notification_kinds, notification_mail_choice, notification_in_app),
 * where the inbox trigger reads them; here they are only shown and stored.
 */
export class NotificationPreferences {
  constructor(private readonly db: Database) {}

  async get(username: string): Promise<NotificationPreference[]> {
    const { rows } = await this.db.query<PreferenceRow>(
      `select k.kind, k.default_mail, k.in_app_optional, p.mail, p.in_app
         from notification_kinds k left join notification_preferences p on p.kind = k.kind and p.username = $1
        order by k.position`,
      [username],
    );
    return rows.map((r) => ({
      kind: r.kind,
      mail: r.mail ?? r.default_mail,
      inApp: r.in_app_optional ? (r.in_app ?? true) : true,
      inAppOptional: r.in_app_optional,
      defaultMail: r.default_mail,
      chosen: r.mail !== null,
    }));
  }

  /** Stores the given kinds' choices (one statement); hiding a kind that cannot be hidden is refused. */
  async set(username: string, changes: NotificationPreferenceChange[]): Promise<NotificationPreference[]> {
    const current = await this.get(username);
    for (const c of changes) {
      const known = current.find((p) => p.kind === c.kind);
      if (known && !known.inAppOptional && c.inApp === false) {
        throw badRequest(`"${c.kind}" is always shown in the inbox; only "tugas-tersedia" can be hidden`).as('request.invalid');
      }
    }
    if (changes.length) {
      await this.db.query(
        `insert into notification_preferences (username, kind, mail, in_app)
         select $1, t.k, t.m, coalesce(t.a, (select p.in_app from notification_preferences p where p.username = $1 and p.kind = t.k), true)
           from unnest($2::text[], $3::text[], $4::boolean[]) as t(k, m, a)
         on conflict (username, kind) do update set mail = excluded.mail, in_app = excluded.in_app`,
        [username, changes.map((c) => c.kind), changes.map((c) => c.mail), changes.map((c) => c.inApp ?? null)],
      );
    }
    return this.get(username);
  }
}
