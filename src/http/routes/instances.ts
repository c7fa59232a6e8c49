import { z } from 'zod';
import { maxInstancePage } from '../../domain/instanceList';
import { processVariables } from '../queryParams';
import { uuidParam } from '../params';
import { route } from '../route';
import type { AppServices } from '../services';


export function instanceRoutes(s: AppServices) {
  const instances = s.engine.instances;
  return [
    route({
      method: 'post',
      path: '/api/process-definitions/:key/start',
      tag: 'instances',
      summary:
        "Start an instance of the latest version (candidateStarterGroups/Users apply). A complaint's tracking ID is refused as business key: its SOPs start only through intake and call activities",
      access: 'user',
      body: z.object({ businessKey: z.string().min(1).max(100).optional(), variables: processVariables.optional() }).strict(),
      responses: { 201: 'the new instance', 400: "a tracking ID's shape as business key", 403: "not a candidate starter, an auditor, or another OPD's opd", 404: 'unknown key', 409: 'the business key belongs to a complaint' },
      async handler({ params, body, actor, user }) {
        await s.access.assertMayStart(user, body.businessKey, body.variables);
        return { status: 201, body: await instances.start(params.key, body, actor) };
      },
    }),
    route({
      method: 'get',
      path: '/api/instances',
      tag: 'instances',
      summary: `Instances you may read (auditors: all; complaint readers: the chains of complaints in their scope; everyone: those they started or had a task in), newest first, at most ${maxInstancePage} a page`,
      access: 'user',
      query: z.object({
        key: z.string().max(200).optional(),
        status: z.enum(['running', 'completed', 'terminated', 'failed']).optional(),
        businessKey: z.string().max(100).optional(),
        limit: z.coerce.number().int().min(1).max(maxInstancePage).optional(),
        offset: z.coerce.number().int().min(0).optional(),
      }),
      async handler({ query, user }) {
        return { body: await s.instanceList.list(user, query) };
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
        const id = uuidParam(params.id);
        await s.access.assertMayReadInstance(user, id);
        return { body: await instances.get(id) };
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
        await s.access.assertMayReadInstance(user, id);
        return { body: await s.engine.history.list(id) };
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
        await s.access.assertMayReadInstance(user, id);
        return { body: await s.engine.history.verify(id) };
      },
    }),
  ];
}
