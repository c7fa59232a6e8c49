import type { TaskFormView } from '../contract/taskForms';
import type { Queryable } from '../db/database';
import type { Deployments } from './deployments';
import { notFound } from './errors';
import { assertValidTaskForm, type FormField, type FormFieldDefinition, type FormOption, type TaskFormDefinition } from './taskForms';
import { recapOf } from './taskRecap';
import type { UserTask } from './userTasks';
import type { Variables } from './variables';

/** Where a field with `source=<name>` takes its values from; `district` is the complaint's (or the SOP's). */
export type FormOptionSource = (context: { district: string | null }) => Promise<FormOption[]>;

export type { TaskFormView };

const noForm: TaskFormDefinition = { documentation: null, hasFormData: false, fields: [] };

/**
 * The forms of open and past tasks, from the version of the diagram their instance runs on
 * (parsed once per version by Deployments), with catalogue-backed values filled in.
 */
export class TaskForms {
  private readonly sources = new Map<string, FormOptionSource>();

  constructor(
    private readonly db: Queryable,
    private readonly deployments: Deployments,
    /** The districts' zone, in which a recap's days and months are counted. */
    private readonly zone: string,
  ) {}

  /** Catalogues live outside the engine (the OPDs are domain data); the system registers them. */
  registerOptionSource(name: string, source: FormOptionSource): void {
    this.sources.set(name, source);
  }

  async view(task: UserTask): Promise<TaskFormView> {
    const { rows } = await this.db.query<{ definition_id: number; variables: Variables; started_at: Date | string }>(
      'select definition_id, variables, started_at from process_instances where id = $1',
      [task.instanceId],
    );
    if (!rows[0]) throw notFound(`no process instance ${task.instanceId}`);
    const variables = rows[0].variables ?? {};
    const { form, district } = await this.resolve(task, rows[0].definition_id, variables.district);
    return {
      taskId: task.id,
      elementId: task.elementId,
      name: task.name,
      documentation: form.documentation,
      fields: form.fields.map((f) => toApiField(f, variables[f.id])),
      recap: form.recap
        ? recapOf(form.recap, { instanceStartedAt: new Date(rows[0].started_at), taskCreatedAt: new Date(task.createdAt) }, district, this.zone)
        : null,
    };
  }

  /**
   * Throws a 400 `invalid form` naming every problem; the caller has written nothing yet. On the
   * completion path, so it takes the instance's version and variables the caller already read
   * (the diagram is cached).
   */
  async check(task: UserTask, instance: { definitionId: number; variables: Variables }, variables: Variables): Promise<void> {
    assertValidTaskForm((await this.resolve(task, instance.definitionId, instance.variables.district)).form, variables);
  }

  /** The form of an element of a version, catalogue values filled in (e.g. to word a past step's answers). */
  async formOf(definitionId: number, elementId: string, instanceDistrict: unknown): Promise<TaskFormDefinition> {
    return (await this.resolve({ elementId }, definitionId, instanceDistrict)).form;
  }

  /**
   * The task's form in its instance's version, catalogue values filled in for the district: the
   * complaint's, else the SOP's (`district` process property).
   */
  private async resolve(task: Pick<UserTask, 'elementId'>, definitionId: number, instanceDistrict: unknown): Promise<{ form: TaskFormDefinition; district: string | null }> {
    const { model } = await this.deployments.load(definitionId);
    const form = model.taskForms.get(task.elementId) ?? noForm;
    const district = typeof instanceDistrict === 'string' ? instanceDistrict : (model.properties.district ?? null);
    if (!form.fields.some((f) => f.source)) return { form, district };
    return { form: { ...form, fields: await Promise.all(form.fields.map((f) => this.withSourceValues(f, district))) }, district };
  }

  private async withSourceValues(field: FormFieldDefinition, district: string | null): Promise<FormFieldDefinition> {
    const source = field.source ? this.sources.get(field.source) : undefined;
    if (!source) return field;
    return { ...field, type: 'enum', values: await source({ district }) };
  }
}

function toApiField(f: FormFieldDefinition, current: unknown): FormField {
  return {
    id: f.id,
    label: f.label,
    type: f.type,
    required: f.required,
    ...(f.requiredIf && { requiredIf: f.requiredIf }),
    ...(f.multiline && { multiline: true }),
    ...(f.values && { values: f.values }),
    ...(f.defaultValue !== undefined && { defaultValue: f.defaultValue }),
    ...(f.minlength !== undefined && { minlength: f.minlength }),
    ...(f.maxlength !== undefined && { maxlength: f.maxlength }),
    ...(f.min !== undefined && { min: f.min }),
    ...(f.max !== undefined && { max: f.max }),
    ...(f.readonly && { readonly: true }),
    ...(current !== undefined && current !== null && { value: current }),
  };
}
