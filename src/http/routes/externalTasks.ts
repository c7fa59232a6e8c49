import { z } from 'zod';
import { systemAdminRoles, workerRoles } from '../../domain/roles';
import { badRequest } from '../../engine/errors';
import { route } from '../route';
import type { AppServices } from '../services';
import { uuidParam } from '../params';
import { processVariables } from '../queryParams';

/** Longest lock or retry timeout a worker may ask for: 30 days, in milliseconds. */
const MAX_MS = 30 * 24 * 3600 * 1000;
const ms = (what: string) => z.number({ error: `${what} must be a number of milliseconds` }).int().min(0).max(MAX_MS);
const workerId = z.string().trim().min(1, 'workerId is required').max(200);

const topic = z.object({
  topicName: z.string().trim().min(1, 'topicName is required').max(200),
  /** Camunda 7's name: milliseconds. */
  lockDuration: ms('lockDuration').min(1).optional(),
  /** Only these variables are returned (Camunda 7); all without it. */
  variables: z.array(z.string().max(200)).max(200).optional(),
  /** Camunda 7 options with nothing to change here: values are plain JSON, and a task has no local variables. */
  deserializeValues: z.boolean().optional(),
  localVariables: z.literal(false, { error: 'localVariables: external tasks have no local variables here' }).optional(),
}).strict();

/**
 * Camunda 7's external-task API for workers (programs signed in with the `worker` role). Bodies
 * take Camunda's field names; other fields Camunda clients send (usePriority, asyncResponseTimeout,
 * errorDetails …) are read as noted or ignored. Variables are plain JSON values, as everywhere in
 * this API, not Camunda's {value, type} objects.
 */
export function externalTaskRoutes(s: AppServices) {
  const tasks = s.engine.externalTasks;
  return [
    route({
      method: 'post',
      path: '/api/external-tasks/fetch-and-lock',
      tag: 'external tasks',
      summary:
        'Lock up to maxTasks open external tasks of the topics for this worker, oldest first (FOR UPDATE SKIP LOCKED: two workers never get the same task); each with its instance\'s variables. Answers at once (no long polling: asyncResponseTimeout is ignored)',
      access: workerRoles,
      body: z.object({
        workerId,
        maxTasks: z.number().int().min(1).max(100),
        topics: z.array(topic).min(1).max(50),
        /** Lock duration for topics without their own lockDuration (ms). */
        lockDurationMs: ms('lockDurationMs').min(1).optional(),
        /** Camunda 7 options read as no-ops: tasks come oldest first, and the answer comes at once. */
        usePriority: z.boolean().optional(),
        asyncResponseTimeout: z.number().int().min(0).optional(),
      }).strict(),
      responses: { 200: 'the locked tasks: [{id, topicName, workerId, lockExpirationTime, processInstanceId, processDefinitionKey, activityId, executionId, businessKey, retries, errorMessage, createdAt, variables}]', 400: 'a topic without lockDuration' },
      async handler({ body, actor }) {
        const topics = body.topics.map((t) => {
          const lockDurationMs = t.lockDuration ?? body.lockDurationMs;
          if (lockDurationMs === undefined) throw badRequest('invalid request', `topic ${t.topicName}: lockDuration (ms) is required, or lockDurationMs for all topics`).as('request.invalid');
          return { topicName: t.topicName, lockDurationMs };
        });
        const locked = await tasks.fetchAndLock(actor, { workerId: body.workerId, maxTasks: body.maxTasks, topics });
        const wanted = new Map(body.topics.map((t) => [t.topicName, t.variables]));
        return {
          body: locked.map((task) => {
            const names = wanted.get(task.topicName);
            return names ? { ...task, variables: Object.fromEntries(names.filter((n) => Object.hasOwn(task.variables, n)).map((n) => [n, task.variables[n]])) } : task;
          }),
        };
      },
    }),
    route({
      method: 'post',
      path: '/api/external-tasks/:id/complete',
      tag: 'external tasks',
      summary: 'Complete a task this worker holds; its variables become process variables and the instance moves on in the same transaction',
      access: workerRoles,
      // Strict: Camunda's localVariables would be lost silently, so they are refused by name.
      body: z.object({ workerId, variables: processVariables.optional() }).strict(),
      responses: { 204: 'completed', 404: 'unknown id (or already completed)', 409: 'not locked by this worker, or the instance changed concurrently' },
      async handler({ params, body, actor }) {
        await tasks.complete(uuidParam(params.id), actor, { workerId: body.workerId, variables: body.variables ?? {} });
        return {};
      },
    }),
    route({
      method: 'post',
      path: '/api/external-tasks/:id/failure',
      tag: 'external tasks',
      summary: 'Report a failure of a task this worker holds: retries > 0 releases it, fetchable again after retryTimeout ms; retries 0 leaves it unfetchable and puts an incident on its instance',
      access: workerRoles,
      body: z.object({
        workerId,
        errorMessage: z.string().max(4000).optional(),
        errorDetails: z.string().max(100_000).optional(),
        retries: z.number().int().min(0).max(1000),
        retryTimeout: ms('retryTimeout').optional(),
      }).strict(),
      responses: { 204: 'recorded', 404: 'unknown id', 409: 'not locked by this worker' },
      async handler({ params, body, actor }) {
        await tasks.failure(uuidParam(params.id), actor, { workerId: body.workerId, errorMessage: body.errorMessage, retries: body.retries, retryTimeoutMs: body.retryTimeout ?? 0 });
        return {};
      },
    }),
    route({
      method: 'post',
      path: '/api/external-tasks/:id/bpmn-error',
      tag: 'external tasks',
      summary: 'Throw a BPMN error at a task this worker holds: an error boundary event on it with that errorCode (or one without errorRef) takes the instance on; uncaught, the instance fails with an incident',
      access: workerRoles,
      body: z.object({
        workerId,
        errorCode: z.string().trim().min(1, 'errorCode is required').max(200),
        errorMessage: z.string().max(4000).optional(),
        variables: processVariables.optional(),
      }).strict(),
      responses: { 204: 'thrown (caught or an incident)', 404: 'unknown id', 409: 'not locked by this worker, or the instance changed concurrently' },
      async handler({ params, body, actor }) {
        await tasks.bpmnError(uuidParam(params.id), actor, { workerId: body.workerId, errorCode: body.errorCode, errorMessage: body.errorMessage, variables: body.variables ?? {} });
        return {};
      },
    }),
    route({
      method: 'post',
      path: '/api/external-tasks/:id/extendLock',
      tag: 'external tasks',
      summary: "Renew the lock of a task this worker holds (Camunda 7's extendLock): it now expires newDuration ms from now. The lock must not have expired",
      access: workerRoles,
      body: z.object({ workerId, newDuration: ms('newDuration').min(1) }).strict(),
      responses: { 204: 'extended', 404: 'unknown id (or already completed)', 409: 'not locked by this worker (externalTask.notLocked), or its lock expired (externalTask.lockExpired)' },
      async handler({ params, body, actor }) {
        await tasks.extendLock(uuidParam(params.id), actor, { workerId: body.workerId, newDurationMs: body.newDuration });
        return {};
      },
    }),
    route({
      method: 'post',
      path: '/api/external-tasks/:id/unlock',
      tag: 'external tasks',
      summary: "Clear a task's lock, whoever holds it (Camunda 7's unlock): any worker may fetch it again at once; its retries stay",
      access: [...workerRoles, ...systemAdminRoles],
      body: z.object({}).strict(),
      responses: { 204: 'unlocked (also when it was not locked)', 404: 'unknown id' },
      async handler({ params, actor }) {
        await tasks.unlock(uuidParam(params.id), actor);
        return {};
      },
    }),
    route({
      method: 'put',
      path: '/api/external-tasks/:id/retries',
      tag: 'external tasks',
      summary:
        "Set a task's retries (Camunda 7): 0 leaves it unfetchable and puts an incident on its instance; more than 0 makes it fetchable again at once and, when it had none left, resolves that incident (the instance runs again unless another incident is open)",
      access: systemAdminRoles,
      body: z.object({ retries: z.number({ error: 'retries must be a whole number of at least 0' }).int().min(0).max(1000) }).strict(),
      responses: { 204: 'set', 404: 'unknown id' },
      async handler({ params, body, actor }) {
        await tasks.setRetries(uuidParam(params.id), actor, body.retries);
        return {};
      },
    }),
    route({
      method: 'get',
      path: '/api/external-tasks',
      tag: 'external tasks',
      summary: 'Open external tasks, oldest first, with their lock, retries and last error (administrators)',
      access: systemAdminRoles,
      query: z.object({
        topicName: z.string().max(200).optional(),
        limit: z.coerce.number().int().min(1).max(500).optional(),
        offset: z.coerce.number().int().min(0).optional(),
      }),
      async handler({ query }) {
        return { body: await tasks.list({ topicName: query.topicName, limit: query.limit ?? 100, offset: query.offset ?? 0 }) };
      },
    }),
  ];
}
