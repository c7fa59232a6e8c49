import { z } from 'zod';
import type { TaskView } from '../../contract/tasks';
import { z as zod } from 'zod';
import { maxWorklistPage } from '../../domain/worklist';
import type { User } from '../../domain/users';
import type { UserTask } from '../../engine/userTasks';
import { route } from '../route';
import type { AppServices } from '../services';
import { uuidParam } from '../params';
import { processVariables } from '../queryParams';
import { readableTask } from './readableTask';

/** POST /api/tasks/:id/extensions: a reason and exactly one of a new date-time or working days to add. */
const extensionBody = z
  .object({
    reason: z.string().trim().min(5).max(1000),
    dueAt: z.iso.datetime({ offset: true }).optional(),
    addWorkingDays: z.number().int().min(1).max(60).optional(),
  })
  .strict()
  .refine((b) => (b.dueAt === undefined) !== (b.addWorkingDays === undefined), { message: 'give either dueAt or addWorkingDays', path: ['dueAt'] });

export function taskRoutes(s: AppServices) {
  const tasks = s.engine.tasks;
  // A task of another OPD's complaint is refused before anything else is said about it.
  const guard = async (id: string, user: User) => {
    await s.access.assertMayActOnTask(user, await tasks.get(uuidParam(id)));
  };
  const view = ({ rev: _rev, executionId: _x, status: _s, ...t }: UserTask): TaskView => t;
  const readable = readableTask(s);
  return [
    route({
      method: 'get',
      path: '/api/tasks',
      tag: 'tasks',
      summary: `Your open tasks: assigned to you or claimable through your groups (OPD staff: their OPD's), soonest due first; at most ${maxWorklistPage} a page`,
      access: 'user',
      query: zod.object({
        limit: zod.coerce.number().int().min(1).max(maxWorklistPage).optional(),
        offset: zod.coerce.number().int().min(0).optional(),
      }),
      async handler({ user, query }) {
        return { body: (await s.worklist.openTasks(user, query)).map(view) };
      },
    }),
    route({
      method: 'get',
      path: '/api/tasks/:id',
      tag: 'tasks',
      summary: 'One task (its candidates, assignee, auditors)',
      access: 'user',
      responses: { 200: 'the task with its status', 403: 'not a candidate', 404: 'unknown id' },
      async handler({ params, user }) {
        const t = await readable(params.id, user);
        return { body: { ...view(t), status: t.status } };
      },
    }),
    route({
      method: 'get',
      path: '/api/tasks/:id/previous-steps',
      tag: 'tasks',
      summary: 'What the earlier steps of the same complaint decided, newest first, worded with their forms\' labels',
      access: 'user',
      responses: { 200: 'PreviousStep[] (at most 50)', 403: 'not a candidate, or another OPD\'s', 404: 'unknown id' },
      async handler({ params, user }) {
        return { body: await s.previousSteps.of(await readable(params.id, user)) };
      },
    }),
    route({
      method: 'post',
      path: '/api/tasks/:id/claim',
      tag: 'tasks',
      summary: 'Claim a task offered to you',
      access: 'user',
      responses: { 200: 'the claimed task', 403: 'not a candidate', 404: 'unknown id', 409: 'claimed by someone else or no longer open' },
      async handler({ params, actor, user }) {
        await guard(params.id, user);
        return { body: view(await tasks.claim(uuidParam(params.id), actor)) };
      },
    }),
    route({
      method: 'post',
      path: '/api/tasks/:id/unclaim',
      tag: 'tasks',
      summary: 'Give a claimed task back to its candidates',
      access: 'user',
      responses: { 200: 'the released task', 403: 'not the assignee', 404: 'unknown id', 409: 'no longer open' },
      async handler({ params, actor, user }) {
        await guard(params.id, user);
        return { body: view(await tasks.unclaim(uuidParam(params.id), actor)) };
      },
    }),
    route({
      method: 'post',
      path: '/api/tasks/:id/extensions',
      tag: 'tasks',
      summary:
        'Extend an open task\'s deadline with a reason (Ditunda): a superior of the task\'s role (an OPD-bound one within their OPD), never an auditor. Give `dueAt` (an ISO date-time) or `addWorkingDays` (working days added to the current due date, or to now once it has passed); the task\'s pending boundary timers move with it',
      access: 'user',
      body: extensionBody,
      responses: {
        201: 'TaskExtended: the old and new due date and the timers moved',
        400: 'no reason, both or neither of dueAt/addWorkingDays, or a new due date not after the current one or not in the future',
        403: 'not a superior of the task\'s role, another OPD\'s, or an auditor',
        404: 'unknown id',
        409: 'the task is no longer open, has no due date, or changed concurrently',
      },
      async handler({ params, actor, body, user }) {
        const task = await tasks.get(uuidParam(params.id));
        await s.access.assertMayExtendTask(user, task);
        const request = body.dueAt !== undefined ? { reason: body.reason, dueAt: new Date(body.dueAt) } : { reason: body.reason, addWorkingDays: body.addWorkingDays! };
        return { status: 201, body: await s.engine.extensions.extend(task, request, actor.username) };
      },
    }),
    route({
      method: 'post',
      path: '/api/tasks/:id/complete',
      tag: 'tasks',
      summary: 'Complete your task; its variables become process variables',
      access: 'user',
      body: z.object({ variables: processVariables.optional() }).strict(),
      responses: { 200: 'the completed task', 400: 'invalid form: the variables do not fit the task\'s camunda:formData', 403: 'not the assignee', 404: 'unknown id', 409: 'no longer open or changed concurrently' },
      async handler({ params, actor, body, user }) {
        await guard(params.id, user);
        const t = await tasks.complete(uuidParam(params.id), actor, body.variables ?? {});
        return { body: { ...view(t), status: t.status } };
      },
    }),
  ];
}
