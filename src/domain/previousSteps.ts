import type { PreviousStep, StepAnswer } from '../contract/tasks';
import type { Queryable } from '../db/database';
import type { TaskForms } from '../engine/taskFormService';
import type { UserTask } from '../engine/userTasks';

export type { PreviousStep };

/** The most steps shown: a complaint's whole chain has a few dozen. */
export const maxPreviousSteps = 50;

interface Row {
  element_id: string;
  at: Date | string;
  actor: string | null;
  display_name: string | null;
  data: { variables?: Record<string, unknown> } | null;
  definition_id: number;
  process_key: string;
  task_name: string | null;
  district: unknown;
}

/**
 * What came before a task: the completed steps of its complaint's chain (or of its own instance
 * when it belongs to no complaint), each with the answers its form took, worded with the form's
 * labels and an enum's names. Only the answers of form fields are shown: what staff decided,
 * never an instance variable such as the reporter's identity.
 */
export class PreviousSteps {
  constructor(
    private readonly db: Queryable,
    private readonly forms: Pick<TaskForms, 'formOf'>,
  ) {}

  async of(task: UserTask): Promise<PreviousStep[]> {
    const { rows } = await this.db.query<Row>(
      `with me as (select id, business_key from process_instances where id = $1),
            chain as (select i.id from process_instances i, me where i.business_key = me.business_key
                      union select id from me)
       select h.element_id, h.at, h.actor, u.display_name, h.data, i.definition_id, i.key as process_key, t.name as task_name,
              i.variables->'district' as district
         from history h
         join process_instances i on i.id = h.instance_id
         left join tasks t on t.id = (h.data->>'taskId')::uuid
         left join users u on u.username = h.actor
        where h.instance_id in (select id from chain) and h.type = 'task-completed' and h.data->>'taskId' <> $2
        order by h.at desc, h.id desc
        limit ${maxPreviousSteps}`,
      [task.instanceId, task.id],
    );
    const steps: PreviousStep[] = [];
    for (const r of rows) {
      const form = await this.forms.formOf(r.definition_id, r.element_id, r.district);
      const given = r.data?.variables ?? {};
      const answers: StepAnswer[] = [];
      for (const f of form.fields) {
        const value = given[f.id];
        if (value === undefined || value === null || value === '' || typeof value === 'object') continue;
        const text = f.values?.find((v) => v.id === value)?.name;
        answers.push({ id: f.id, label: f.label, type: f.type, value: value as string | number | boolean, ...(text !== undefined && { text }) });
      }
      steps.push({
        taskName: r.task_name,
        elementId: r.element_id,
        processKey: r.process_key,
        completedAt: new Date(r.at).toISOString(),
        completedBy: r.display_name ?? r.actor,
        answers,
      });
    }
    return steps;
  }
}
