import { sopSheetReaders } from '../../domain/access';
import { sopSheetFileName } from '../../reports/sopSheet/sopSheets';
import { positiveIntParam } from '../params';
import { route } from '../route';
import type { AppServices } from '../services';

/**
 * The SOP sheet (Permenpan RB layout) of a deployed version. The HTML is a whole document with no
 * script and no outside resource; the app shows it in a frame of its own origin, hence
 * frame-ancestors 'self' rather than the app's 'none'.
 */
const SHEET_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'; base-uri 'none'; form-action 'none'";

export function sopSheetRoutes(s: AppServices) {
  return [
    route({
      method: 'get',
      path: '/api/process-definitions/:key/versions/:version/sop-sheet',
      tag: 'deployments',
      summary: 'The SOP sheet (Lembar SOP, Permenpan RB layout) of one version, as an HTML page to show and print (A4 landscape)',
      access: sopSheetReaders,
      responses: { 200: 'text/html', 404: 'unknown key or version' },
      async handler({ params, res }) {
        const version = positiveIntParam(params.version, 'version');
        const html = await s.sopSheets.html(params.key, version);
        res.setHeader('Content-Security-Policy', SHEET_CSP);
        res.setHeader('X-Frame-Options', 'SAMEORIGIN');
        return { raw: { contentType: 'text/html; charset=utf-8', text: html } };
      },
    }),
    route({
      method: 'get',
      path: '/api/process-definitions/:key/versions/:version/sop-sheet.pdf',
      tag: 'deployments',
      summary: 'The SOP sheet of one version as a PDF (A4 landscape), written on the server',
      access: sopSheetReaders,
      responses: { 200: 'application/pdf download lembar-sop-<key>-v<version>.pdf', 404: 'unknown key or version' },
      async handler({ params }) {
        const version = positiveIntParam(params.version, 'version');
        return { raw: { contentType: 'application/pdf', text: await s.sopSheets.pdf(params.key, version), attachment: sopSheetFileName(params.key, version) } };
      },
    }),
  ];
}
