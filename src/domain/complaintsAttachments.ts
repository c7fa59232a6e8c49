import { createHash, randomUUID } from 'node:crypto';
import type { Queryable } from '../db/database';
import { badRequest, notFound } from '../engine/errors';

/**
 * Data dukung: photos and documents that support a complaint, kept in the database (bytea) so
 * a backup of the database is a backup of the evidence. Only JPEG, PNG and PDF, each checked by
 * its first bytes: the declared type alone is whatever the client says.
 */
export const attachmentTypes = ['image/jpeg', 'image/png', 'application/pdf'] as const;
export type AttachmentType = (typeof attachmentTypes)[number];
export const ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024;

const signatures: [AttachmentType, number[]][] = [
  ['image/png', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  ['image/jpeg', [0xff, 0xd8, 0xff]],
  ['application/pdf', [0x25, 0x50, 0x44, 0x46, 0x2d]], // %PDF-
];

/** The accepted type the content's first bytes show, or undefined. */
export function sniffAttachmentType(data: Uint8Array): AttachmentType | undefined {
  return signatures.find(([, magic]) => magic.every((byte, i) => data[i] === byte))?.[0];
}

export interface AttachmentMeta {
  id: string;
  filename: string;
  contentType: AttachmentType;
  size: number;
  sha256: string;
  uploadedBy: string | null;
  createdAt: string;
}

interface AttachmentRow {
  id: string;
  filename: string;
  content_type: AttachmentType;
  size: number;
  sha256: string;
  uploaded_by: string | null;
  created_at: Date | string;
}

const toMeta = (r: AttachmentRow): AttachmentMeta => ({
  id: r.id,
  filename: r.filename,
  contentType: r.content_type,
  size: r.size,
  sha256: r.sha256,
  uploadedBy: r.uploaded_by,
  createdAt: new Date(r.created_at).toISOString(),
});

export class AttachmentTooLarge extends Error {}

/** base64 → bytes, refusing anything that is not plain (padded) base64 rather than skipping it. */
export function decodeBase64(value: string): Buffer {
  const compact = value.replace(/\s+/g, '');
  if (compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) throw badRequest('dataBase64 is not valid base64');
  const padding = compact.endsWith('==') ? 2 : compact.endsWith('=') ? 1 : 0;
  if ((compact.length / 4) * 3 - padding > ATTACHMENT_MAX_BYTES) throw new AttachmentTooLarge();
  return Buffer.from(compact, 'base64');
}

/** A file name fit for a Content-Disposition header: no folders, no control characters. */
export function cleanFilename(name: string): string {
  const base = (name.split(/[\\/]/).pop() ?? '').replace(/[\u0000-\u001f\u007f]/g, '').trim();
  if (!base || base === '.' || base === '..') throw badRequest(`the filename "${name}" names no file`);
  return base.slice(0, 200);
}

/** The extensions each accepted type may carry; the first is the one a file gets when it has none of them. */
const extensionsOf: Record<AttachmentType, string[]> = {
  'image/jpeg': ['jpg', 'jpeg'],
  'image/png': ['png'],
  'application/pdf': ['pdf'],
};

/**
 * The name a file is stored under: its own, with an extension that matches its content, so a
 * JPEG uploaded as "foto.exe" is downloaded as "foto.jpg" and a PDF named "scan" as "scan.pdf"
 * (whatever opens a download by its extension then opens what is really there).
 */
export function storedFilename(name: string, type: AttachmentType): string {
  const clean = cleanFilename(name);
  const dot = clean.lastIndexOf('.');
  const stem = dot > 0 ? clean.slice(0, dot) : clean;
  const extension = dot > 0 ? clean.slice(dot + 1).toLowerCase() : undefined;
  if (extension !== undefined && extensionsOf[type].includes(extension)) return clean;
  return `${stem}.${extensionsOf[type][0]}`;
}

export async function addAttachment(
  db: Queryable,
  trackingId: string,
  input: { filename: string; contentType: AttachmentType; data: Buffer },
  uploadedBy: string,
  now: Date,
): Promise<AttachmentMeta> {
  if (input.data.length === 0) throw badRequest('the file is empty').as('attachment.empty');
  if (input.data.length > ATTACHMENT_MAX_BYTES) throw new AttachmentTooLarge();
  const sniffed = sniffAttachmentType(input.data);
  if (sniffed !== input.contentType) {
    throw badRequest(
      `the file's content is not ${input.contentType}`,
      sniffed ? `its first bytes are those of ${sniffed}` : `accepted are ${attachmentTypes.join(', ')}, recognised by their first bytes`,
    ).as('attachment.rejected');
  }
  const { rows } = await db.query<AttachmentRow>(
    `insert into complaint_attachments (id, tracking_id, filename, content_type, size, sha256, data, uploaded_by, created_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     returning id, filename, content_type, size, sha256, uploaded_by, created_at`,
    [
      randomUUID(),
      trackingId,
      storedFilename(input.filename, sniffed),
      sniffed,
      input.data.length,
      createHash('sha256').update(input.data).digest('hex'),
      input.data,
      uploadedBy,
      now.toISOString(),
    ],
  );
  return toMeta(rows[0]);
}

export async function listAttachments(db: Queryable, trackingId: string): Promise<AttachmentMeta[]> {
  const { rows } = await db.query<AttachmentRow>(
    `select id, filename, content_type, size, sha256, uploaded_by, created_at
       from complaint_attachments where tracking_id = $1 order by created_at, id`,
    [trackingId],
  );
  return rows.map(toMeta);
}

export async function readAttachment(db: Queryable, trackingId: string, id: string): Promise<AttachmentMeta & { data: Buffer }> {
  const { rows } = await db.query<AttachmentRow & { data: Uint8Array }>(
    `select id, filename, content_type, size, sha256, uploaded_by, created_at, data
       from complaint_attachments where tracking_id = $1 and id = $2`,
    [trackingId, id],
  );
  if (!rows[0]) throw notFound(`complaint ${trackingId} has no attachment ${id}`);
  const r = rows[0];
  // pg returns a Buffer, PGlite a Uint8Array: one type for the caller.
  return { ...toMeta(r), data: Buffer.from(r.data.buffer, r.data.byteOffset, r.data.byteLength) };
}
