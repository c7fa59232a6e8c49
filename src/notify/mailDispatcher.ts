import nodemailer, { type Transporter } from 'nodemailer';
import type { Database } from '../db/database';
import type { MailDigest } from './mailDigest';
import { mailText, type MailData } from './templates';

export interface MailOptions {
  /** smtp://user:pass@host:port; absent: mails are written to the log instead of sent. */
  smtpUrl: string | undefined;
  from: string;
  /** The web app's address: links in mails are absolute under it. */
  publicUrl: string;
  pollMs: number;
  /** Tries of one mail; then it is `failed` until an admin resends it. */
  maxAttempts: number;
  /** How long a taken mail is this process's before another may take it (a crashed sender's lease). */
  leaseMs?: number;
  log?: (message: string) => void;
  /** The workflow clock: `sent_at` is on the same time line as `created_at` (and the history), also with the manual clock. */
  now?: () => Date;
  /** Writes the morning digests when their slot is due; run before each drain. */
  digest?: MailDigest;
}

interface OutboxRow {
  id: string;
  kind: string;
  to_address: string;
  subject: string;
  body: string | null;
  link: string | null;
  data: MailData;
  attempts: number;
  created_at: Date | string;
  seq: string | number;
}

/** The longest wait before a failed mail is tried again. */
const maxRetryDelayMs = 10 * 60_000;

/**
 * Delivers the mail outbox (migration 16) over SMTP. A mail is taken with SKIP LOCKED and a lease
 * (locked_until), so several app processes never send one at the same time, and a process that
 * died holding it only delays it until the lease ends. It is marked `sent` right after the server
 * accepted it; a failure counts an attempt and waits (doubling, from pollMs) before the next try,
 * so an SMTP server that is down loses nothing and is not hammered. Each mail carries a
 * Message-ID made of its row id, so even the one unavoidable double (a crash between the server's
 * acceptance and our mark) is recognisable as one mail by the receiving side.
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

  /** Writes a due digest, then sends every pending mail; returns how many were delivered. */
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
    await this.options.digest?.runDue();
    let sent = 0;
    // Each mail is tried at most once per drain: a failure's retry time lies after the drain's start.
    const started = new Date();
    for (;;) {
      const batch = await this.take(10, started);
      if (batch.length === 0) return sent;
      for (const row of batch) if (await this.deliver(row)) sent++;
    }
  }

  private take(limit: number, drainStarted: Date): Promise<OutboxRow[]> {
    const now = drainStarted.getTime();
    return this.db.transaction(async (tx) => {
      const { rows } = await tx.query<OutboxRow>(
        `update mail_outbox set locked_until = $2
          where id in (select id from mail_outbox
                        where state = 'pending' and (locked_until is null or locked_until < $1)
                        order by created_at, seq limit $3 for update skip locked)
          returning id, kind, to_address, subject, body, link, data, attempts, created_at, seq`,
        [new Date(now).toISOString(), new Date(Date.now() + (this.options.leaseMs ?? 60_000)).toISOString(), limit],
      );
      // An update's rows come back in no particular order: sent in the order they were made.
      return rows.sort((a, b) => new Date(a.created_at).getTime() - new Date(b.created_at).getTime() || Number(a.seq) - Number(b.seq));
    });
  }

  private async deliver(row: OutboxRow): Promise<boolean> {
    const text = row.body ?? mailText(row, this.options.publicUrl);
    try {
      const info = await this.transport.sendMail({
        from: this.options.from,
        to: row.to_address,
        subject: row.subject,
        text,
        messageId: `<${row.id}@lapor-sop.outbox>`,
      });
      if (!this.options.smtpUrl) this.options.log?.(`mail (no SMTP_URL, not sent) to ${row.to_address}: ${row.subject} [${info.messageId}]`);
      // The text as sent, without a reporter's reply code; the code leaves `data` with it.
      await this.db.query(
        `update mail_outbox set state = 'sent', sent_at = $2, body = $3, data = data - 'replyCode', last_error = null, locked_until = null
          where id = $1`,
        [row.id, (this.options.now?.() ?? new Date()).toISOString(), row.body ?? mailText(row, this.options.publicUrl, true)],
      );
      return true;
    } catch (err) {
      const attempts = row.attempts + 1;
      const retryAt = new Date(Date.now() + Math.min(this.options.pollMs * 2 ** (attempts - 1), maxRetryDelayMs));
      await this.db.query(
        `update mail_outbox set attempts = $2::int, last_error = $3, locked_until = $4,
                state = case when $2::int >= $5::int then 'failed' else state end
          where id = $1`,
        [row.id, attempts, (err as Error).message.slice(0, 1000), retryAt.toISOString(), this.options.maxAttempts],
      );
      this.options.log?.(`mail ${row.id} to ${row.to_address} failed (attempt ${attempts}): ${(err as Error).message}`);
      return false;
    }
  }
}
