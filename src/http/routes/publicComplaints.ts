import { z } from 'zod';
import type { ErrorBody } from '../../contract/errors';
import { ReplyThrottled, replyTextMax } from '../../domain/complaintReplies';
import { AttachmentTooLarge, decodeBase64 } from '../../domain/complaintsAttachments';
import { route } from '../route';
import type { AppServices } from '../services';

/** A photo of at most 5 MB is about 6.7 MB of base64; the text and the rest fit in the margin. */
const replyBodyLimit = 2 * Math.ceil((5 * 1024 * 1024 * 4) / 3) + 64 * 1024;

/** What a reporter can do without an account: see where their complaint stands, and reply with their code. */
export function publicComplaintRoutes(s: AppServices) {
  return [
    route({
      method: 'get',
      path: '/api/public/complaints/:trackingId',
      tag: 'public',
      summary: 'Status of a complaint by tracking ID, without signing in; never the reporter’s identity',
      access: 'public',
      responses: {
        200: '{trackingId, status, awaitingReply, subject, createdAt, answeredAt, closedAt, channel, opdName, answers, answerLog:[{text, at}]}; only {trackingId, status, awaitingReply} for a confidential complaint',
        404: 'no such complaint (the same answer for unknown and malformed IDs)',
      },
      async handler({ params }) {
        return { body: await s.complaints.publicView(params.trackingId) };
      },
    }),
    route({
      method: 'post',
      path: '/api/public/complaints/:trackingId/replies',
      tag: 'public',
      summary:
        'The reporter’s reply, without signing in, with the reply code from the receipt: satisfied (puas) or not, a text and optionally a photo (JPEG/PNG, base64). Delivered as the message "tanggapan-pelapor" to the step waiting for it (SOP 555/02 Terima Tanggapan Pelapor, 555/06 Pantau Tanggapan); "belum puas" sends the complaint back into follow-up',
      access: 'public',
      bodyLimit: replyBodyLimit,
      body: z
        .object({
          code: z.string().trim().min(1).max(40),
          puas: z.boolean(),
          text: z.string().trim().max(replyTextMax).default(''),
          photo: z
            .object({ filename: z.string().min(1).max(255), dataBase64: z.string().min(1) })
            .strict()
            .optional(),
        })
        .strict(),
      responses: {
        201: '{trackingId, puas, photo}: the reply was delivered',
        400: 'a missing or bad field, a photo that is not a JPEG or PNG',
        403: 'wrong reply code (reply.wrongCode), or a complaint entered before reply codes (reply.noCode)',
        404: 'no such complaint',
        409: 'nothing waits for a reply (reply.notAwaited)',
        413: 'a photo larger than 5 MB',
        429: 'too many wrong codes: wait Retry-After seconds',
      },
      async handler({ params, body, req, res }) {
        const client = req.ip ?? req.socket.remoteAddress ?? 'unknown';
        try {
          const photo = body.photo ? { filename: body.photo.filename, data: decodeBase64(body.photo.dataBase64) } : undefined;
          return { status: 201, body: await s.replies.reply(params.trackingId, { code: body.code, puas: body.puas, text: body.text, photo }, client) };
        } catch (err) {
          if (err instanceof ReplyThrottled) {
            res.setHeader('Retry-After', String(err.retryAfterSeconds));
            const minutes = Math.ceil(err.retryAfterSeconds / 60);
            const throttled: ErrorBody = { error: 'too many wrong reply codes', detail: `try again in ${minutes} min`, code: 'reply.throttled', params: { minutes } };
            return { status: 429, body: throttled };
          }
          if (err instanceof AttachmentTooLarge) {
            const tooLarge: ErrorBody = { error: 'request too large', detail: 'the photo is larger than 5 MB', code: 'attachment.tooLarge', params: { maxMb: 5 } };
            return { status: 413, body: tooLarge };
          }
          throw err;
        }
      },
    }),
  ];
}
