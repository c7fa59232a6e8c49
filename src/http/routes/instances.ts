import { z } from 'zod';
import { historyReaderRoles, type RoleId } from '../../domain/roles';
import type { User } from '../../domain/users';
import { forbidden } from '../../engine/errors';
import { uuidParam } from '../params';
import { listHistory } from '../../engine/history';
import { verifyHistoryChain } from '../../engine/historyChain';
import { route } from '../route';
import type { AppServices } from '../services';

const variables = z.record(z.string(), z.unknown());

export const readsAllInstances = (user: User) => user.roles.some((r) => historyReaderRoles.includes(r as RoleId));

export function instanceRoutes(s: AppServices) {
  const instances = s.engine.instances;
  const requireVisible = async (id: string, user: User) => {
    const instance = await instances.get(id);
    if (!readsAllInstances(user) && !(await instances.isVisibleTo(id, { username: user.username, groups: user.groups }))) {
      throw forbidden('you have no task in this instance');
    }
    await s.opdGuard.assertMayAct(user, id);
    return instance;
  };
  return [
    route({
      method: 'post',
      path: '/api/process-definitions/:key/start',
      tag: 'instances',
      summary: 'Start an instance of the latest version (candidateStarterGroups/Users apply)',
      access: 'user',
      body: z.object({ businessKey: z.string().min(1).max(100).optional(), variables: variables.optional() }).strict(),
      responses: { 201: 'the new instance', 403: 'not a candidate starter', 404: 'unknown key' },
      async handler({ params, body, actor }) {
        return { status: 201, body: await instances.start(params.key, body, actor) };
      },
    }),
    route({
      method: 'get',
      path: '/api/instances',
      tag: 'instances',
      summary: 'Instances (all for auditors; otherwise those you started or had a task in)',
      access: 'user',
      query: z.object({
        key: z.string().optional(),
        status: z.enum(['running', 'completed', 'terminated', 'failed']).optional(),
        businessKey: z.string().optional(),
        limit: z.coerce.number().int().min(1).max(500).optional(),
        offset: z.coerce.number().int().min(0).optional(),
      }),
      async handler({ query, user, actor }) {
        return { body: await instances.list({ ...query, visibleTo: readsAllInstances(user) ? undefined : actor }) };
      },
    }),
    route({
      method: 'get',
      path: '/api/instances/:id',
      tag: 'instances',
      summary: 'One instance: status, active elements, variables, pending timers, incidents',
      access: 'user',
      responses: { 200: 'the instance', 403: 'not yours to read', 404: 'unknown id' },
      async handler({ params, user }) {
        return { body: await requireVisible(uuidParam(params.id), user) };
      },
    }),
    route({
      method: 'get',
      path: '/api/instances/:id/history',
      tag: 'instances',
      summary: 'The append-only history of an instance, oldest first',
      access: 'user',
      responses: { 200: 'history entries', 403: 'not yours to read', 404: 'unknown id' },
      async handler({ params, user }) {
        const id = uuidParam(params.id);
        await requireVisible(id, user);
        return { body: await listHistory(s.engine.db, id) };
      },
    }),
    route({
      method: 'get',
      path: '/api/instances/:id/history/verify',
      tag: 'instances',
      summary:
        'Recompute the history hash chain (tamper evidence): {"ok":true,"entries":N}, or {"ok":false,"entries":N,"brokenAt":<id of the first entry that does not match: edited, or the one after a deleted entry>}',
      access: 'user',
      responses: { 200: 'the verification (a broken chain is still 200)', 403: 'not yours to read', 404: 'unknown id' },
      async handler({ params, user }) {
        const id = uuidParam(params.id);
        await requireVisible(id, user);
        return { body: await verifyHistoryChain(s.engine.db, id) };
      },
    }),
  ];
}
