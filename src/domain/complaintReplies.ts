import type { Database, Queryable } from '../db/database';
import type { Actor } from '../engine/actor';
import { badRequest, conflict, forbidden, notFound, WorkflowError } from '../engine/errors';
import type { EventCorrelation } from '../engine/eventCorrelation';
import { messageTargets } from '../engine/eventSubscriptions';
import { addAttachment, ATTACHMENT_MAX_BYTES, AttachmentTooLarge, cleanFilename, sniffAttachmentType, type AttachmentMeta } from './complaintsAttachments';
import { LoginThrottle, type ThrottleOptions } from './loginThrottle';
import { replyCodeMatches } from './replyCodes';
import { normalizeTrackingId } from './trackingIds';

/**
 * The reporter's reply on the public page (SOP 555/02 "Terima Tanggapan Pelapor", 555/06 "Pantau
 * Tanggapan"): with the reply code from the receipt, satisfied or not and why. The reply is the
 * message the diagrams wait for (a message boundary event on those tasks), delivered by the
 * engine's own correlation, so it follows the same rules as POST /api/messages: by business key,
 * one waiting receiver, claimed in the receiving instance's transaction.
 */
export const replyMessageName = 'tanggapan-pelapor';

/** The actor the history names for a reply: never the reporter's name. Usernames are lowercase, so no account can be it. */
export const reporterActor: Actor = { username: 'Pelapor', groups: [] };

/** Longest reply text, in characters. */
export const replyTextMax = 2000;

/** Wrong codes like wrong passwords: per tracking ID and client, per client, per tracking ID. */
export const replyThrottle: Omit<ThrottleOptions, 'now'> = {
  rules: [
    { kind: 'user-ip', limit: 5 },
    { kind: 'ip', limit: 20 },
    { kind: 'user', limit: 30 },
  ],
  windowMinutes: 15,
  lockMinutes: 15,
  namespace: 'reply',
};

export interface ReporterReply {
  code: string;
  puas: boolean;
  text: string;
  /** A photo (JPEG or PNG) kept as data dukung of the complaint. */
  photo?: { filename: string; data: Buffer };
}

export interface ReplyReceipt {
  trackingId: string;
  puas: boolean;
  photo: AttachmentMeta | null;
}

/** Too many wrong codes: the route answers 429 with Retry-After. */
export class ReplyThrottled extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super('too many wrong reply codes');
  }
}

const unknownComplaint = () => notFound('no such complaint');

export class ComplaintReplies {
  private readonly throttle: LoginThrottle;

  constructor(
    private readonly db: Database,
    private readonly events: EventCorrelation,
    private readonly now: () => Date,
    throttle: Partial<ThrottleOptions> = {},
  ) {
    // Real time like sign-ins' throttle: a manual workflow clock must not unlock guessing.
    this.throttle = new LoginThrottle(db, { ...replyThrottle, ...throttle });
  }

  /** Whether a step of the complaint waits for the reporter's reply now (the public page shows the form). */
  async awaitingReply(trackingId: string, db: Queryable = this.db): Promise<boolean> {
    return (await messageTargets(db, { name: replyMessageName, businessKey: trackingId })).some((t) => t.instanceId !== null);
  }

  async reply(trackingId: string, input: ReporterReply, client: string): Promise<ReplyReceipt> {
    const id = normalizeTrackingId(trackingId);
    const attempt = { username: id ?? trackingId.slice(0, 40), ip: client };
    const wait = await this.throttle.retryAfterSeconds(attempt);
    if (wait > 0) throw new ReplyThrottled(wait);
    const { rows } = id ? await this.db.query<{ reply_code_hash: string | null }>('select reply_code_hash from complaints where tracking_id = $1', [id]) : { rows: [] };
    if (!rows[0]) {
      // Guessing tracking IDs counts against the client like guessing codes.
      await this.throttle.failed(attempt);
      throw unknownComplaint();
    }
    if (!rows[0].reply_code_hash) throw forbidden('this complaint was entered before reply codes existed: reply through LAPOR! or the officer').as('reply.noCode');
    if (!(await replyCodeMatches(input.code, rows[0].reply_code_hash))) {
      await this.throttle.failed(attempt);
      throw forbidden('wrong reply code').as('reply.wrongCode');
    }
    await this.throttle.succeeded(attempt);
    // Checked before the delivery: a photo refused must not leave a reply delivered without it.
    if (input.photo) checkPhoto(input.photo);
    if (!(await this.awaitingReply(id!))) throw notAwaited();
    try {
      await this.events.correlateMessage(
        {
          messageName: replyMessageName,
          businessKey: id!,
          variables: { pelaporPuas: input.puas, tanggapanPelapor: input.text },
          record: { reply: { puas: input.puas, text: input.text } },
        },
        reporterActor,
      );
    } catch (err) {
      // The wait ended between the check and the delivery (a timer, the officer, another reply).
      if (err instanceof WorkflowError && (err.code === 'message.notCorrelated' || err.code === 'event.noLongerWaiting')) throw notAwaited();
      throw err;
    }
    const photo = input.photo
      ? await addAttachment(this.db, id!, { filename: input.photo.filename, contentType: sniffAttachmentType(input.photo.data)!, data: input.photo.data }, reporterActor.username, this.now())
      : null;
    return { trackingId: id!, puas: input.puas, photo };
  }
}

const notAwaited = () => conflict('nothing waits for the reporter’s reply on this complaint').as('reply.notAwaited');

function checkPhoto({ filename, data }: { filename: string; data: Buffer }): void {
  cleanFilename(filename);
  if (data.length === 0) throw badRequest('the photo is empty').as('attachment.empty');
  if (data.length > ATTACHMENT_MAX_BYTES) throw new AttachmentTooLarge();
  const type = sniffAttachmentType(data);
  if (type !== 'image/jpeg' && type !== 'image/png') throw badRequest('the photo must be a JPEG or PNG image').as('attachment.rejected');
}
