import type { NextFunction, Request, Response } from 'express';
import { CrossSiteRequest, NotJsonRequest } from './requestErrors';

const changesState = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Cross-site request forgery: the session cookie rides along on any request a browser makes,
 * also from another site's page. A page elsewhere can send a form (urlencoded, multipart, text)
 * without asking us, but a JSON request from another origin needs our CORS consent, which we
 * never give; so a request that changes something must say `application/json`. And when the
 * browser names the page's origin, it must be ours (the Host the browser used, or with
 * TRUST_PROXY the X-Forwarded-Host the proxy passes on, which express's `req.host` reads).
 */
export function crossSiteGuard(req: Request, _res: Response, next: NextFunction): void {
  if (!changesState.has(req.method)) return next();
  const contentType = req.headers['content-type'];
  const mediaType = contentType?.split(';')[0].trim().toLowerCase();
  if (mediaType !== 'application/json') return next(new NotJsonRequest(contentType));
  const origin = req.headers.origin;
  if (origin !== undefined && !isOwnOrigin(origin, req.host)) return next(new CrossSiteRequest(origin));
  next();
}

function isOwnOrigin(origin: string, host: string | undefined): boolean {
  try {
    // "null" (a sandboxed frame, a file:// page) is no URL and so never ours. The Host is read as
    // a URL of the origin's scheme too, so case and a spelled-out default port compare equal.
    const page = new URL(origin);
    return host !== undefined && new URL(`${page.protocol}//${host}`).host === page.host;
  } catch {
    return false;
  }
}
