import { route } from '../route';
import type { AppServices } from '../services';

export function healthRoutes(s: AppServices) {
  return [
    route({
      method: 'get',
      path: '/api/health',
      tag: 'meta',
      summary: 'Liveness: the database answers',
      access: 'public',
      async handler() {
        const database = await s.engine.ping();
        return { body: { status: 'ok', database, clock: s.engine.clock.kind, now: s.engine.clock.now().toISOString() } };
      },
    }),
    route({
      method: 'get',
      path: '/api/ready',
      tag: 'meta',
      summary: 'Readiness: the database answers, its schema is this version\'s, and the process is not shutting down',
      access: 'public',
      responses: { 503: 'Not ready; `reasons` says why' },
      async handler() {
        const r = await s.lifecycle.readiness();
        return { status: r.ready ? 200 : 503, body: { status: r.ready ? 'ready' : 'not ready', reasons: r.reasons } };
      },
    }),
    route({
      method: 'get',
      path: '/metrics',
      tag: 'meta',
      summary: 'Prometheus metrics of this app process (counts only, no personal data; keep it off the public site at the proxy)',
      access: 'public',
      async handler() {
        return { raw: { contentType: s.metrics.contentType, text: await s.metrics.text() } };
      },
    }),
  ];
}
