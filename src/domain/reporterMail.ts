import type { Queryable } from '../db/database';

/**
 * The receipt mail to a reporter, written in intake's transaction: the complaint and its mail
 * commit together or not at all. Whether the reporter is mailed is the database's rule
 * (reporter_mail_address, migration 16: an e-mail address as contact and not anonymous), the same
 * rule the answer and closure mails follow. The reply code rides in `data` only until the mail is
 * sent (src/notify/mailDispatcher.ts removes it and keeps the text with the code masked).
 */
export async function queueReceiptMail(tx: Queryable, receipt: { trackingId: string; now: Date; replyCode?: string }): Promise<void> {
  await tx.query(
    `insert into mail_outbox (id, kind, username, to_address, subject, link, data, created_at, state, confidential, tracking_id)
     select gen_random_uuid(), 'pelapor-diterima', null, reporter_mail_address(c.anonim, c.reporter_contact),
            'Pengaduan Anda diterima: ' || c.tracking_id, '#/lacak?id=' || c.tracking_id,
            jsonb_strip_nulls(jsonb_build_object('trackingId', c.tracking_id, 'subject', c.subject, 'name', c.reporter_name, 'replyCode', $3::text)),
            $2, 'pending', c.rahasia, c.tracking_id
       from complaints c where c.tracking_id = $1 and reporter_mail_address(c.anonim, c.reporter_contact) is not null`,
    [receipt.trackingId, receipt.now.toISOString(), receipt.replyCode ?? null],
  );
}
