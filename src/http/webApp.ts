import fs from 'node:fs';
import path from 'node:path';
import express from 'express';

/** Where `npm start` (web/buildIfStale.mjs) puts the built web app. */
export const WEB_DIST = path.join(__dirname, '..', '..', 'web', 'dist');

// Everything the app needs is bundled: no CDN, so it runs on an offline intranet. bpmn-js sets
// inline styles on the diagram, hence 'unsafe-inline' for styles only.
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "font-src 'self' data:",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

/**
 * Serves the built web app: hashed assets are cached for a year, index.html never (so a new
 * deployment reaches browsers at once). Without a build, the API still works and `/` says why.
 */
export function webApp(dist = WEB_DIST): express.Router {
  const router = express.Router();
  const index = path.join(dist, 'index.html');
  router.use((req, res, next) => {
    if (req.path.startsWith('/api/')) return next();
    res.setHeader('Content-Security-Policy', CSP);
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Referrer-Policy', 'same-origin');
    next();
  });
  router.use('/assets', (_req, res, next) => {
    // The app sets no-store on everything; hashed file names make these safe to keep.
    res.removeHeader('Cache-Control');
    next();
  });
  router.use('/assets', express.static(path.join(dist, 'assets'), { immutable: true, maxAge: '365d', fallthrough: false }));
  router.get(/^\/(?!api\/).*/, (_req, res) => {
    if (!fs.existsSync(index)) {
      res.status(503).type('text/plain').send('The web app is not built: run `npm start` (it builds web/dist) or `node web/buildIfStale.mjs`.');
      return;
    }
    res.sendFile(index);
  });
  return router;
}
