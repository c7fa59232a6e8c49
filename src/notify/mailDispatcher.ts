import nodemailer, { type Transporter } from 'nodemailer';
import type { Database } from '../db/database';
import { notificationMail, type NotificationRow } from './templates';

export interface MailOptions {
  /** smtp://user:pass@host:port; absent: mails are written to the log instead of sent. */
  smtpUrl: string | undefined;
  from: string;
  pollMs: number;
  maxAttempts: number;
  log?: (message: string) => void;
  /** The workflow clock: `sent_at` is on the same time line as `created_at` (and the history), also with the manual clock. */
  now?: () => Date;
}

/**
 * Delivers the notification outbox by mail (nodemailer over SMTP). Each row is taken with SKIP
 * LOCKED, so several app processes never send one twice; a failed send is retried on later
 * polls, up to maxAttempts.
 */
export class MailDispatcher {
  private readonly transport: Transporter;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;

  constructor(
    private readonly db: Database,
    private readonly options: MailOptions,
  ) {
    this.transport = options.smtpUrl ? nodemailer.createTransport(options.smtpUrl) : nodemailer.createTransport({ jsonTransport: true });
  }

  start(): void {
    const tick = async () => {
      try {
        await this.sendPending();
      } catch (err) {
        this.options.log?.(`mail: ${(err as Error).message}`);
      }
      this.timer = setTimeout(tick, this.options.pollMs);
      this.timer.unref?.();
    };
    this.timer = setTimeout(tick, this.options.pollMs);
    this.timer.unref?.();
  }

  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    await this.running?.catch(() => undefined);
    this.transport.close();
  }

  /** Sends every pending notification; returns how many were delivered. */
  async sendPending(): Promise<number> {
    while (this.running) await this.running.catch(() => undefined);
    this.running = this.drain();
    try {
      return await this.running;
    } finally {
      this.running = undefined;
    }
  }

  private async drain(): Promise<number> {
    let sent = 0;
    for (;;) {
      const batch = await this.take(10);
      if (batch.length === 0) return sent;
      for (const row of batch) if (await this.deliver(row)) sent++;
    }
  }

  private take(limit: number): Promise<NotificationRow[]> {
    return this.db.transaction(async (tx) => {
      const { rows } = await tx.query<NotificationRow>(
        `update notifications set locked_until = $2
          where id in (select id from notifications
                        where sent_at is null and attempts < $3 and (locked_until is null or locked_until < $1)
                        order by created_at limit $4 for update skip locked)
          returning id, instance_id, element_id, role, opd, reason, task_name, process_name, business_key, created_at`,
        [new Date().toISOString(), new Date(Date.now() + 60_000).toISOString(), this.options.maxAttempts, limit],
      );
      return rows;
    });
  }

  private async deliver(row: NotificationRow): Promise<boolean> {
    const { rows: recipients } = await this.db.query<{ username: string; email: string }>(
      `select distinct u.username, u.email from users u join user_roles r on r.user_id = u.id
        where u.active and r.role = $1 and ($2::text is null or u.opd = $2) order by u.username`,
      [row.role, row.opd],
    );
    try {
      if (recipients.length) {
        const mail = notificationMail(row);
        const info = await this.transport.sendMail({ from: this.options.from, to: recipients.map((r) => r.email), ...mail });
        if (!this.options.smtpUrl) this.options.log?.(`mail (no SMTP_URL, not sent) to ${recipients.map((r) => r.email).join(', ')}: ${mail.subject} [${info.messageId}]`);
      }
      await this.db.query('update notifications set sent_at = $2, recipients = $3, locked_until = null where id = $1', [
        row.id,
        (this.options.now?.() ?? new Date()).toISOString(),
        recipients.map((r) => r.username),
      ]);
      return true;
    } catch (err) {
      await this.db.query('update notifications set attempts = attempts + 1, last_error = $2, locked_until = null where id = $1', [row.id, (err as Error).message]);
      this.options.log?.(`mail to ${row.role}${row.opd ? `:${row.opd}` : ''} failed: ${(err as Error).message}`);
      return false;
    }
  }
}
