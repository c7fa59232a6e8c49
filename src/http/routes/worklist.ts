import { z } from 'zod';
import { maxWorklistPage } from '../../domain/worklist';
import { forbidden } from '../../engine/errors';
import { uuidParam } from '../params';
import { route } from '../route';
import type { AppServices } from '../services';

const oneOf = <T extends readonly [string, ...string[]]>(what: string, values: T) =>
  z.enum(values, { error: (iss) => `unknown ${what} ${JSON.stringify(iss.input)}: use one of ${values.join(', ')}` });

export function worklistRoutes(s: AppServices) {
  const worklist = s.worklist;
  return [
    route({
      method: 'get',
      path: '/api/worklist',
      tag: 'tasks',
      summary:
        'Your worklist: open tasks assigned to you (scope=mine) or claimable through your groups (scope=group), with SOP, tracking ID and SLA state; counts ignore the filters and stop at 1000 (countsCapped says which reached it)',
      access: 'user',
      query: z
        .object({
          scope: oneOf('scope', ['mine', 'group'] as const).optional(),
          sop: z.string().trim().min(1).max(100).optional(),
          opd: z.string().trim().min(1).max(100).optional(),
          status: oneOf('status', ['claimed', 'unclaimed'] as const).optional(),
          overdue: oneOf('overdue', ['true', 'false'] as const).transform((v) => v === 'true').optional(),
          q: z.string().max(200).optional(),
          sort: oneOf('sort', ['due', 'created'] as const).optional(),
          limit: z.coerce.number().int().min(1).max(maxWorklistPage).optional(),
          offset: z.coerce.number().int().min(0).optional(),
        })
        .strict(),
      responses: { 200: '{ counts: { mine, group, overdue }, countsCapped: { mine, group, overdue }, items: WorklistItem[] }' },
      async handler({ query, user }) {
        return { body: await worklist.list(query, user) };
      },
    }),
    route({
      method: 'get',
      path: '/api/worklist/:id',
      tag: 'tasks',
      summary: 'One task as a worklist item (SOP, tracking ID, SLA), for its candidates and assignee (and auditors)',
      access: 'user',
      responses: { 200: 'WorklistItem', 403: 'not a candidate, or a complaint of another OPD', 404: 'unknown id' },
      async handler({ params, user }) {
        const id = uuidParam(params.id);
        await s.access.assertMayReadTask(user, await s.engine.tasks.get(id));
        const item = await worklist.item(id, user);
        if (!item) throw forbidden('the task belongs to a complaint of another OPD').as('opd.otherOpd');
        return { body: item };
      },
    }),
  ];
}
