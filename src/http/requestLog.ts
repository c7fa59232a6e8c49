import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from '../ops/logger';
import type { Metrics } from '../ops/metrics';

/** A request id a proxy passed on is kept when it is plainly an id; anything else is replaced. */
const requestIdPattern = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * Gives every request an id (the X-Request-Id answer header, and in every log line about it),
 * and on its end logs and measures it by route template. The template, not the URL: a query
 * string may hold a search for a reporter's name, which is not logged.
 */
export function requestLog(logger: Logger, metrics: Metrics) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    const given = req.get('x-request-id');
    const id = given && requestIdPattern.test(given) ? given : randomUUID();
    res.locals.requestId = id;
    res.setHeader('X-Request-Id', id);
    res.on('finish', () => {
      const route = (req.route as { path?: string } | undefined)?.path ?? (req.path.startsWith('/api') ? 'unmatched' : 'web app');
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      metrics.observeRequest(req.method, route, res.statusCode, seconds);
      logger.info({ reqId: id, method: req.method, route, status: res.statusCode, ms: Math.round(seconds * 1000) }, 'request');
    });
    next();
  };
}
