/**
 * Notification preferences (GET/PUT /api/me/notification-preferences) and the outbox of every
 * mail (GET /api/admin/mails, admin-sistem). Like the rest of src/contract, it imports nothing.
 */

/** The kinds of the in-app inbox, each also a mail (see InboxItem.kind). */
export const notificationKinds = ['tugas-ditugaskan', 'tugas-tersedia', 'pengingat', 'terlambat', 'diteruskan-ombudsman'] as const;
export type NotificationKind = (typeof notificationKinds)[number];

/** segera: a mail at once; ringkasan: in the daily digest (07:30 WIB, working days); mati: no mail. */
export const mailChoices = ['segera', 'ringkasan', 'mati'] as const;
export type MailChoice = (typeof mailChoices)[number];

export interface NotificationPreference {
  kind: NotificationKind;
  mail: MailChoice;
  /** Shown in the in-app inbox; always true where `inAppOptional` is false. */
  inApp: boolean;
  /** Whether the user may hide this kind from the inbox (a task newly claimable by their group). */
  inAppOptional: boolean;
  /** The choices a user who never changed them has. */
  defaultMail: MailChoice;
  /** The user chose (false: the defaults apply). */
  chosen: boolean;
}

/** PUT body: the kinds to change; the others keep their choice. */
export interface NotificationPreferenceChange {
  kind: NotificationKind;
  mail: MailChoice;
  inApp?: boolean;
}

/** pending: waits to be sent; digest: waits for the daily digest; digested: listed in a digest mail. */
export const mailStates = ['pending', 'sent', 'failed', 'digest', 'digested'] as const;
export type MailState = (typeof mailStates)[number];

/** One mail of the outbox. The body is never listed (a receipt's text names the reporter). */
export interface OutboxMail {
  id: string;
  /** An inbox kind, `ringkasan` (a digest), or `pelapor-diterima` / `pelapor-jawaban` / `pelapor-selesai`. */
  kind: string;
  /** The user it is for; null for a reporter. */
  username: string | null;
  /** The address; a confidential (rahasia) reporter's is shown to admin-sistem only, else null. */
  toAddress: string | null;
  confidential: boolean;
  subject: string;
  state: MailState;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
  trackingId: string | null;
  /** For a mail listed in a digest: that digest mail. */
  digestId: string | null;
}

export interface OutboxPage {
  items: OutboxMail[];
  /** More mails follow this page (the next offset is offset + items.length). */
  hasMore: boolean;
}
