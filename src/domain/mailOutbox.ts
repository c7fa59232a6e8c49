import type { MailState, OutboxMail, OutboxPage } from '../contract/mail';
import type { Database } from '../db/database';
import { conflict, notFound } from '../engine/errors';
import { maySeeConfidentialAddress } from './access';
import type { User } from './users';

export type { OutboxMail, OutboxPage };

/** The most mails one page of the outbox holds. */
export const maxOutboxPage = 100;

interface OutboxRow {
  id: string;
  kind: string;
  username: string | null;
  to_address: string;
  confidential: boolean;
  subject: string;
  state: MailState;
  attempts: number;
  last_error: string | null;
  created_at: Date | string;
  sent_at: Date | string | null;
  tracking_id: string | null;
  digest_id: string | null;
}

const columns = 'id, kind, username, to_address, confidential, subject, state, attempts, last_error, created_at, sent_at, tracking_id, digest_id';

/**
 * The outbox of every mail (migration 16), for the Kotak keluar page: read newest first, paged,
 * and a mail put back to be sent again. A confidential (rahasia) reporter's address is shown to
 * admin-sistem only, whoever else might one day be let read the list.
 */
export class MailOutbox {
  constructor(private readonly db: Database) {}

  async list(user: User, query: { state?: MailState; limit?: number; offset?: number }): Promise<OutboxPage> {
    const limit = Math.min(query.limit ?? 50, maxOutboxPage);
    const params: unknown[] = [limit + 1, query.offset ?? 0];
    let where = '';
    if (query.state) {
      params.push(query.state);
      where = `where state = $${params.length}`;
    }
    const { rows } = await this.db.query<OutboxRow>(`select ${columns} from mail_outbox ${where} order by created_at desc, seq desc limit $1 offset $2`, params);
    const seesConfidential = maySeeConfidentialAddress(user);
    return { items: rows.slice(0, limit).map((r) => toMail(r, seesConfidential)), hasMore: rows.length > limit };
  }

  /** Back to pending with its attempts reset: sent again by the next drain (a sent one too, on purpose). */
  async resend(user: User, id: string): Promise<OutboxMail> {
    const { rows } = await this.db.query<OutboxRow>(
      `update mail_outbox set state = 'pending', attempts = 0, last_error = null, locked_until = null
        where id = $1 and state in ('pending', 'sent', 'failed') returning ${columns}`,
      [id],
    );
    if (rows[0]) return toMail(rows[0], maySeeConfidentialAddress(user));
    const exists = await this.db.query('select 1 from mail_outbox where id = $1', [id]);
    if (exists.rows.length === 0) throw notFound(`no mail "${id}" in the outbox`).as('mail.unknown');
    throw conflict('this mail waits for or is part of a daily digest; resend the digest mail').as('mail.notResendable');
  }
}

function toMail(r: OutboxRow, seesConfidential: boolean): OutboxMail {
  return {
    id: r.id,
    kind: r.kind,
    username: r.username,
    toAddress: r.confidential && !seesConfidential ? null : r.to_address,
    confidential: r.confidential,
    subject: r.subject,
    state: r.state,
    attempts: r.attempts,
    lastError: r.last_error,
    createdAt: new Date(r.created_at).toISOString(),
    sentAt: r.sent_at === null ? null : new Date(r.sent_at).toISOString(),
    trackingId: r.tracking_id,
    digestId: r.digest_id,
  };
}
