import { z } from 'zod';
import { channels, maxComplaintPage } from '../../domain/complaints';
import { complaintReaders, intakeRoles } from '../../domain/access';
import { ATTACHMENT_MAX_BYTES, AttachmentTooLarge, attachmentTypes, decodeBase64 } from '../../domain/complaintsAttachments';
import { complaintStatuses } from '../../domain/complaintsChain';
import { districts } from '../../domain/opds';
import { uuidParam } from '../params';
import { oneOf, wibDayOrInstant } from '../queryParams';
import { route } from '../route';
import type { AppServices } from '../services';

const text = (max: number) => z.string().max(max);

const maxMb = ATTACHMENT_MAX_BYTES / 1024 / 1024;
const tooLarge = () => ({
  status: 413,
  body: { error: 'attachment too large', detail: `an attachment may be at most ${maxMb} MB`, code: 'attachment.tooLarge' as const, params: { maxMb } },
});

export function complaintRoutes(s: AppServices) {
  const complaints = s.complaints;
  return [
    route({
      method: 'get',
      path: '/api/complaint-channels',
      tag: 'complaints',
      summary: 'The channels a complaint can arrive through (the intake form offers these)',
      access: 'user',
      async handler() {
        return { body: [...channels] };
      },
    }),
    route({
      method: 'post',
      path: '/api/complaints',
      tag: 'complaints',
      summary: "Enter a complaint: starts the district's intake SOP (555/05, 555/06 or Kapuas Hulu) with a new tracking ID",
      access: intakeRoles,
      body: z
        .object({
          district: oneOf('district', districts).optional(),
          channel: oneOf('channel', channels),
          reporter: z.object({ name: text(200).optional(), contact: text(200).optional() }).strict().optional(),
          anonim: z.boolean().optional(),
          rahasia: z.boolean().optional(),
          subject: z.string().trim().min(1).max(300),
          description: z.string().trim().min(1).max(20_000),
          location: text(500).optional(),
          category: text(200).optional(),
          opd: text(100).optional(),
          sudahDitindaklanjuti: z.boolean().optional(),
          jawaban: text(20_000).optional(),
        })
        .strict(),
      responses: {
        201: 'the complaint with its instance chain and open tasks',
        403: 'role may not enter complaints for that district',
        409: 'the SOP is not deployed',
      },
      async handler({ body, user }) {
        return { status: 201, body: await complaints.intake(body, user) };
      },
    }),
    route({
      method: 'get',
      path: '/api/complaints',
      tag: 'complaints',
      summary: 'Search complaints (all of them, or your OPD’s for OPD-bound roles), newest first',
      access: complaintReaders,
      query: z.object({
        status: oneOf('status', complaintStatuses).optional(),
        opd: text(100).optional(),
        channel: oneOf('channel', channels).optional(),
        district: oneOf('district', districts).optional(),
        overdue: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
        from: wibDayOrInstant('from').optional(),
        to: wibDayOrInstant('to').optional(),
        q: text(200).optional(),
        limit: z.coerce.number().int().min(1).max(maxComplaintPage).optional(),
        offset: z.coerce.number().int().min(0).optional(),
      }),
      async handler({ query, user }) {
        return { body: await complaints.search(query, user) };
      },
    }),
    route({
      method: 'get',
      path: '/api/complaints/:trackingId',
      tag: 'complaints',
      summary: 'One complaint: its status, instance chain, open tasks and attachments',
      access: complaintReaders,
      responses: { 200: 'the complaint', 403: 'not of your OPD', 404: 'unknown tracking ID' },
      async handler({ params, user }) {
        return { body: await complaints.get(params.trackingId, user) };
      },
    }),
    route({
      method: 'post',
      path: '/api/complaints/:trackingId/attachments',
      tag: 'complaints',
      summary: 'Attach data dukung (JPEG, PNG or PDF up to 5 MB, checked by content) as base64',
      access: complaintReaders,
      // 5 MB of file is about 6.7 MB of base64.
      // Twice the base64 of the largest file: a file somewhat over the limit reaches the handler,
      // which says the file's own limit (5 MB), not the body's.
      bodyLimit: 2 * Math.ceil((ATTACHMENT_MAX_BYTES * 4) / 3) + 64 * 1024,
      body: z
        .object({
          filename: z.string().min(1).max(255),
          contentType: oneOf('contentType', attachmentTypes),
          dataBase64: z.string().min(1),
        })
        .strict(),
      responses: {
        201: 'the attachment’s metadata',
        403: 'not of your OPD',
        404: 'unknown tracking ID',
        413: 'larger than 5 MB',
      },
      async handler({ params, body, user }) {
        try {
          const data = decodeBase64(body.dataBase64);
          const meta = await complaints.addAttachment(params.trackingId, { filename: body.filename, contentType: body.contentType, data }, user);
          return { status: 201, body: meta };
        } catch (err) {
          if (err instanceof AttachmentTooLarge) return tooLarge();
          throw err;
        }
      },
    }),
    route({
      method: 'get',
      path: '/api/complaints/:trackingId/attachments/:id',
      tag: 'complaints',
      summary: 'Download one attachment as it was uploaded',
      access: complaintReaders,
      responses: { 200: 'the file (Content-Disposition: attachment)', 403: 'not of your OPD', 404: 'unknown complaint or attachment' },
      async handler({ params, user, res }) {
        const file = await complaints.attachment(params.trackingId, uuidParam(params.id), user);
        // Opened in a tab anyway, a stored file runs nothing.
        res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
        return { raw: { contentType: file.contentType, text: file.data, attachment: file.filename } };
      },
    }),
  ];
}
