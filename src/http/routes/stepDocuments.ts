import { z } from 'zod';
import { districts } from '../../contract/complaints';
import { signatoryRoles, stepDocumentKinds, type StepDocumentKind } from '../../contract/stepDocuments';
import { letterheadEditors, letterheadReaders, stepDocumentReaders } from '../../domain/access';
import { stepDocumentHtml } from '../../domain/stepDocumentHtml';
import { stepDocumentPdf } from '../../domain/stepDocumentPdf';
import type { DocumentModel } from '../../domain/stepDocumentContent';
import { oneOf } from '../queryParams';
import { route } from '../route';
import type { AppServices } from '../services';

const line = (max: number) => z.string().trim().max(max);
const signatory = z.object({ name: line(200), nip: line(40), position: line(200) }).strict();
const letterheadBody = z
  .object({
    government: line(200).min(1),
    agency: line(200).min(1),
    address: line(300),
    phone: line(100),
    email: line(200),
    logoText: line(40),
    city: line(100),
    signatories: z.object(Object.fromEntries(signatoryRoles.map((r) => [r, signatory])) as Record<(typeof signatoryRoles)[number], typeof signatory>).strict(),
  })
  .strict();

const kindOf = (value: string): StepDocumentKind => oneOf('kind', stepDocumentKinds).parse(value);
const fileName = (doc: DocumentModel, trackingId: string) => `${doc.kind}-${trackingId}.pdf`;
/** The page prints and runs nothing: no script, nothing fetched, its own inline styles only. */
const htmlPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

export function stepDocumentRoutes(s: AppServices) {
  const docs = s.stepDocuments;
  const pdf = async (doc: DocumentModel, trackingId: string) => ({
    raw: { contentType: 'application/pdf', text: await stepDocumentPdf(doc, s.engine.clock.now()), attachment: fileName(doc, trackingId) },
  });
  return [
    route({
      method: 'get',
      path: '/api/complaints/:trackingId/documents',
      tag: 'documents',
      summary: 'The documents of the steps that exist at this point of the complaint: tanda terima always; lembar disposisi, Berita Acara pemeriksaan lapangan (SOP 555/02) and surat jawaban once their step is done',
      access: stepDocumentReaders,
      responses: { 200: '[{ kind, title, href (HTML), pdfHref }]', 403: 'not of your OPD', 404: 'unknown tracking ID' },
      async handler({ params, user }) {
        return { body: await docs.list(params.trackingId, user) };
      },
    }),
    // Before `:kind`, which would take "tanda-terima.pdf" as a kind.
    route({
      method: 'get',
      path: '/api/complaints/:trackingId/documents/:kind.pdf',
      tag: 'documents',
      summary: 'One document as a PDF (A4, the district’s letterhead and signatories from the settings), drawn on the server',
      access: stepDocumentReaders,
      responses: { 200: 'application/pdf download <kind>-<trackingId>.pdf', 400: 'unknown kind', 403: 'not of your OPD', 404: 'unknown tracking ID, or the step has not been done (document.notYet)' },
      async handler({ params, user }) {
        return pdf(await docs.document(params.trackingId, kindOf(params.kind), user), params.trackingId.toUpperCase());
      },
    }),
    route({
      method: 'get',
      path: '/api/complaints/:trackingId/documents/:kind',
      tag: 'documents',
      summary: 'One document as a printable HTML page (tanda-terima, lembar-disposisi, berita-acara, surat-jawaban)',
      access: stepDocumentReaders,
      responses: { 200: 'text/html', 400: 'unknown kind', 403: 'not of your OPD', 404: 'unknown tracking ID, or the step has not been done (document.notYet)' },
      async handler({ params, user, res }) {
        const doc = await docs.document(params.trackingId, kindOf(params.kind), user);
        res.setHeader('Content-Security-Policy', htmlPolicy);
        return { raw: { contentType: 'text/html; charset=utf-8', text: stepDocumentHtml(doc) } };
      },
    }),
    route({
      method: 'post',
      path: '/api/complaints/:trackingId/documents/tanda-terima.pdf',
      tag: 'documents',
      summary:
        'The receipt with the reporter’s reply code, printed right after intake by whoever holds the code (the intake’s answer); the code is checked against its stored hash. A POST so the code never sits in a URL',
      access: stepDocumentReaders,
      body: z.object({ replyCode: z.string().trim().min(1).max(40) }).strict(),
      responses: { 200: 'application/pdf download tanda-terima-<trackingId>.pdf', 400: 'the code does not match (document.wrongCode)', 403: 'not of your OPD', 404: 'unknown tracking ID' },
      async handler({ params, body, user }) {
        return pdf(await docs.receiptWithCode(params.trackingId, body.replyCode, user), params.trackingId.toUpperCase());
      },
    }),
    route({
      method: 'get',
      path: '/api/settings/letterhead',
      tag: 'documents',
      summary: 'The letterhead (kop surat) and signatories of each district’s documents; built-in defaults until admin-sistem saves one',
      access: letterheadReaders,
      responses: { 200: '[{ district, government, agency, address, phone, email, logoText, city, signatories, updatedAt, updatedBy }]' },
      async handler() {
        return { body: await s.letterheads.list() };
      },
    }),
    route({
      method: 'put',
      path: '/api/settings/letterhead/:district',
      tag: 'documents',
      summary: 'Save a district’s letterhead and signatories (admin-sistem); every document printed after uses it',
      access: letterheadEditors,
      body: letterheadBody,
      responses: { 200: 'the saved letterhead', 400: 'unknown district or a malformed field' },
      async handler({ params, body, user }) {
        const district = oneOf('district', districts).parse(params.district);
        return { body: await s.letterheads.put(district, body, user) };
      },
    }),
  ];
}
