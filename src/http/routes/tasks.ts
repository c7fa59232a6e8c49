import { z } from 'zod';
import type { TaskView } from '../../contract/tasks';
import type { User } from '../../domain/users';
import type { Actor } from '../../engine/actor';
import type { UserTask } from '../../engine/userTasks';
import { route } from '../route';
import type { AppServices } from '../services';
import { uuidParam } from '../params';
import { processVariables } from '../queryParams';
import { readsAllInstances } from './instances';

export function taskRoutes(s: AppServices) {
  const tasks = s.engine.tasks;
  // A task of another OPD's complaint is refused before anything else is said about it.
  const guard = async (id: string, actor: Actor, user: User) => {
    const t = await tasks.get(uuidParam(id), actor, true);
    await s.opdGuard.assertMayAct(user, t.instanceId);
  };
  const view = ({ rev: _rev, executionId: _x, status: _s, ...t }: UserTask): TaskView => t;
  return [
    route({
      method: 'get',
      path: '/api/tasks',
      tag: 'tasks',
      summary: 'Your open tasks: assigned to you or claimable through your groups',
      access: 'user',
      async handler({ actor, user }) {
        const list = await tasks.list(actor);
        const allowed = await s.opdGuard.allowed(user, [...new Set(list.map((t) => t.instanceId))]);
        return { body: list.filter((t) => allowed.has(t.instanceId)).map(view) };
      },
    }),
    route({
      method: 'get',
      path: '/api/tasks/:id',
      tag: 'tasks',
      summary: 'One task (its candidates, assignee, auditors)',
      access: 'user',
      responses: { 200: 'the task with its status', 403: 'not a candidate', 404: 'unknown id' },
      async handler({ params, actor, user }) {
        const t = await tasks.get(uuidParam(params.id), actor, readsAllInstances(user));
        await s.opdGuard.assertMayAct(user, t.instanceId);
        return { body: { ...view(t), status: t.status } };
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
        await guard(params.id, actor, user);
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
        await guard(params.id, actor, user);
        return { body: view(await tasks.unclaim(uuidParam(params.id), actor)) };
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
        await guard(params.id, actor, user);
        const t = await tasks.complete(uuidParam(params.id), actor, body.variables ?? {});
        return { body: { ...view(t), status: t.status } };
      },
    }),
  ];
}
