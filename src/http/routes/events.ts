import { z } from 'zod';
import { eventSenderRoles } from '../../domain/roles';
import { processVariables } from '../queryParams';
import { route } from '../route';
import type { AppServices } from '../services';

const eventName = (what: string) =>
  z
    .string()
    .trim()
    .min(1, `${what} is required`)
    .max(200);

/** Messages and signals to processes, with Camunda 7's REST semantics (POST /message, /signal). */
export function eventRoutes(s: AppServices) {
  const events = s.engine.events;
  return [
    route({
      method: 'post',
      path: '/api/messages',
      tag: 'instances',
      summary:
        'Correlate a message (Camunda 7 /message): to the waiting message catch event, boundary event or receive task of a running instance (narrowed by businessKey, processInstanceId), else to the message start event of the latest version of a process (started with businessKey); variables are set on the instance. Answers {"delivered":[{resultType,instanceId,processKey,elementId}]}',
      access: eventSenderRoles,
      body: z
        .object({
          messageName: eventName('messageName'),
          businessKey: z.string().min(1).max(100).optional(),
          processInstanceId: z.uuid().optional(),
          variables: processVariables.optional(),
          all: z.boolean().optional(),
        })
        .strict(),
      responses: {
        200: 'who received it',
        400: 'an unknown field, a bad variable name',
        404: 'nothing waits for the message (message.notCorrelated); with all, an empty list instead',
        409: 'several would receive it and all is not true (message.ambiguous), or the wait was just taken (event.noLongerWaiting)',
      },
      async handler({ body, actor }) {
        return { body: { delivered: await events.correlateMessage(body, actor) } };
      },
    }),
    route({
      method: 'post',
      path: '/api/signals',
      tag: 'instances',
      summary:
        'Broadcast a signal (Camunda 7 /signal): every running instance waiting for it in a signal catch or boundary event, and the signal start event of the latest version of each process, receives it with the variables. Answers {"delivered":[…]} (empty when nothing waits)',
      access: eventSenderRoles,
      body: z.object({ name: eventName('name'), variables: processVariables.optional() }).strict(),
      responses: { 200: 'who received it', 400: 'an unknown field, a bad variable name' },
      async handler({ body, actor }) {
        return { body: { delivered: await events.broadcastSignal(body, actor) } };
      },
    }),
  ];
}
