import express, { type NextFunction, type Request, type Response } from 'express';
import cookieParser from 'cookie-parser';
import { assertMayCall } from '../domain/access';
import type { Route } from './route';
import type { AppServices } from './services';
import { allRoutes } from './routes';
import { openApiDocument } from './openapi';
import { SESSION_COOKIE } from './routes/auth';
import { webApp } from './webApp';
import { crossSiteGuard } from './crossSiteGuard';
import { errorAnswer } from './requestErrors';
import { refuseDeepJson, refuseNulCharacters } from './requestInput';
import { requestLog } from './requestLog';

const DEFAULT_BODY_LIMIT = 5 * 1024 * 1024;

/** Builds the express app: every route from the registry, behind its access rule. */
export function createApp(services: AppServices): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', services.config.trustProxy);
  app.use(requestLog(services.logger, services.metrics));
  app.use(cookieParser());
  const production = services.config.nodeEnv === 'production';
  app.use((_req, res, next) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Cache-Control', 'no-store');
    // Production runs behind TLS: a browser that has seen it once never tries plain HTTP again,
    // where the session cookie could be stripped or read.
    if (production) res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    next();
  });

  app.use('/api', crossSiteGuard);

  const routes = allRoutes(services);
  const document = openApiDocument(routes);
  app.get('/api/openapi.json', (_req, res) => {
    res.json(document);
  });
  // Each route parses its own JSON body, so one route (file uploads) may take more than the rest.
  for (const r of routes) {
    app[r.method](r.path, express.json({ limit: r.bodyLimit ?? DEFAULT_BODY_LIMIT, verify: refuseDeepJson }), handlerFor(r as Route<unknown, unknown>, services));
  }

  app.use('/api', (req: Request, res: Response) => {
    res.status(404).json({ error: 'not found', detail: `no route ${req.method} ${req.baseUrl}${req.path}` });
  });
  app.use(webApp());
  app.use(errorHandler(services.logger));
  return app;
}

function handlerFor(r: Route<unknown, unknown>, services: AppServices) {
  return async (req: Request, res: Response) => {
    for (const part of [req.body, req.query, req.params]) refuseNulCharacters(part);
    // Several app processes may share a manual clock; each request sees the latest.
    await services.engine.clock.refresh();
    let user = undefined as unknown as import('../domain/users').User;
    if (r.access !== 'public') {
      const token = req.cookies?.[SESSION_COOKIE] as string | undefined;
      const userId = token ? await services.sessions.userIdFor(token) : undefined;
      if (!userId) return void res.status(401).json({ error: 'not signed in', detail: 'sign in with POST /api/auth/login' });
      user = await services.users.byId(userId);
      if (Array.isArray(r.access) && !r.access.some((role) => user.roles.includes(role))) {
        return void res.status(403).json({ error: 'forbidden', detail: `this needs one of the roles: ${r.access.join(', ')}` });
      }
      assertMayCall(user, r.method, r.path);
    }
    const body = r.body ? r.body.parse(req.body ?? {}) : undefined;
    const query = r.query ? r.query.parse(req.query ?? {}) : undefined;
    const result = await r.handler({
      req,
      res,
      params: req.params as Record<string, string>,
      body,
      query,
      user,
      actor: user ? { username: user.username, groups: user.groups } : { username: '', groups: [] },
    });
    if (result.raw) {
      if (result.raw.attachment !== undefined) res.attachment(result.raw.attachment);
      res.status(result.status ?? 200).type(result.raw.contentType).send(result.raw.text);
    } else if (result.body === undefined) {
      res.status(result.status ?? 204).end();
    } else {
      res.status(result.status ?? 200).json(result.body);
    }
  };
}

function errorHandler(logger: AppServices['logger']) {
  return (err: unknown, _req: Request, res: Response, _next: NextFunction): void => {
    const answer = errorAnswer(err);
    if (answer) {
      res.status(answer.status).json(answer.body);
    } else {
      logger.error({ reqId: res.locals.requestId, err }, 'internal error');
      res.status(500).json({ error: 'internal error' });
    }
  };
}
