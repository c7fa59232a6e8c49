import { route } from '../route';
import type { AppServices } from '../services';
import { readableTask } from './readableTask';

export function taskFormRoutes(s: AppServices) {
  const readable = readableTask(s);
  return [
    route({
      method: 'get',
      path: '/api/tasks/:id/form',
      tag: 'tasks',
      summary: "A task's form from the diagram (camunda:formData): its SOP text and fields, with current values",
      access: 'user',
      responses: {
        200: '{ taskId, elementId, name, documentation, fields: [{ id, label, type, required, multiline?, values?, defaultValue?, minlength?, maxlength?, min?, max?, readonly?, value? }], recap: { district, period? | from?, to? } | null }',
        403: 'not a candidate, the assignee or a history reader',
        404: 'unknown id',
      },
      async handler({ params, user }) {
        // The same check as GET /api/tasks/:id: who may see the task may see its form.
        return { body: await s.engine.forms.view(await readable(params.id, user)) };
      },
    }),
  ];
}
