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
  ];
}
