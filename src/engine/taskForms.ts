import { DateTime } from 'luxon';
import { formFieldTypes, type FormField, type FormFieldType, type FormOption } from '../contract/taskForms';
import type { FieldProblem } from '../contract/errors';
import { FORM_CONSTRAINTS } from '../contract/bpmnSupport';
import { badRequest, invalidBpmn } from './errors';
import { camundaProperties, type ModdleElement } from './bpmnDefinition';
import type { Variables } from './variables';
import { defaultWorkingCalendarOptions } from './workingCalendar';

/**
 * The form of a user task, read from its `camunda:formData` (Camunda 7's "generated task forms"):
 * what the worklist shows and what completing the task must submit. Decisions that drive the
 * SOP's gateways are required booleans, so an undecided `${!x}` never silently counts as false.
 */

export { formFieldTypes, type FormField, type FormFieldType, type FormOption };

/** One `camunda:formField` as the diagram states it. */
export interface FormFieldDefinition {
  id: string;
  label: string;
  type: FormFieldType;
  required: boolean;
  /** Field property `requiredIf=<boolean field id>`: required only when that field is submitted as true. */
  requiredIf?: string;
  /** Field property `multiline=true`: long text (a textarea). */
  multiline: boolean;
  /** Field property `source=<name>`: the allowed values come from a catalogue (e.g. `opd`), not the diagram. */
  source?: string;
  values?: FormOption[];
  defaultValue?: string | number | boolean;
  /** `camunda:validation` constraints (Camunda 7's built-in validators) besides required. */
  minlength?: number;
  maxlength?: number;
  min?: number | string;
  max?: number | string;
  readonly?: boolean;
}

type Bounds = Pick<FormFieldDefinition, 'minlength' | 'maxlength' | 'min' | 'max' | 'readonly'>;

/**
 * Task property `rekap`: the SOP step works on the complaint recap of the period before the one
 * its instance started in (a quarterly report started on 1 April reports on January–March), or
 * of the day it started in (a daily recap).
 */
export const recapRules = ['bulan-lalu', 'triwulan-lalu', 'hari-ini'] as const;
export type RecapRule = (typeof recapRules)[number];

/** What a user task asks: its SOP text and, when it has `camunda:formData`, its fields. */
export interface TaskFormDefinition {
  documentation: string | null;
  recap?: RecapRule;
  /** False: the task has no formData, and completing it accepts any variables (the API stays usable). */
  hasFormData: boolean;
  fields: FormFieldDefinition[];
}


function firstOf(element: ModdleElement, type: string): ModdleElement | undefined {
  return element.extensionElements?.values?.find((v) => v.$type === type);
}

function fieldProperties(field: ModdleElement): Record<string, string> {
  const out: Record<string, string> = {};
  const props = field.properties as ModdleElement | undefined;
  for (const p of props?.values ?? []) {
    const key = (p.id ?? p.name) as string | undefined;
    if (key) out[key] = String(p.value ?? '');
  }
  return out;
}

function readDefault(taskId: string, id: string, type: FormFieldType, raw: unknown): FormFieldDefinition['defaultValue'] {
  if (raw === undefined || raw === null || raw === '') return undefined;
  const text = String(raw);
  if (type === 'long') {
    if (!/^-?\d+$/.test(text)) throw invalidBpmn(`task ${taskId}, form field ${id}: defaultValue "${text}" is not a whole number`);
    return Number(text);
  }
  if (type === 'boolean') {
    if (text !== 'true' && text !== 'false') throw invalidBpmn(`task ${taskId}, form field ${id}: defaultValue "${text}" is not true or false`);
    return text === 'true';
  }
  return text;
}

/**
 * Reads a user task's form. A field the engine could not validate (an unknown type, an enum
 * without values, a `requiredIf` naming no boolean field) fails the deployment, not a task later.
 */
export function readTaskForm(task: ModdleElement): TaskFormDefinition {
  const docs = (task.documentation as { text?: string }[] | undefined) ?? [];
  const documentation = docs.map((d) => d.text ?? '').join('\n').trim() || null;
  const taskId = task.id ?? '?';
  const recap = readRecapRule(taskId, camundaProperties(task).rekap);
  const formData = firstOf(task, 'camunda:FormData');
  if (!formData) return { documentation, ...withDefined('recap', recap), hasFormData: false, fields: [] };
  const fields: FormFieldDefinition[] = [];
  for (const f of (formData.fields as ModdleElement[] | undefined) ?? []) {
    const id = f.id;
    if (!id) throw invalidBpmn(`task ${taskId}: a form field has no id`);
    if (fields.some((x) => x.id === id)) throw invalidBpmn(`task ${taskId}: form field ${id} is declared twice`);
    const type = (f.type as string | undefined) ?? 'string';
    if (!(formFieldTypes as readonly string[]).includes(type)) {
      throw invalidBpmn(`task ${taskId}, form field ${id}: type "${type}" is not one of ${formFieldTypes.join(', ')}`);
    }
    const props = fieldProperties(f);
    const constraints = ((f.validation as ModdleElement | undefined)?.constraints as ModdleElement[] | undefined) ?? [];
    const values = ((f.values as ModdleElement[] | undefined) ?? []).map((v) => ({ id: String(v.id ?? ''), name: String(v.name ?? v.id ?? '') }));
    if (type === 'enum' && values.length === 0 && !props.source) {
      throw invalidBpmn(`task ${taskId}, form field ${id}: an enum needs <camunda:value> entries or a source property`);
    }
    const bounds = readConstraints(taskId, id, type as FormFieldType, constraints);
    fields.push({
      id,
      label: (f.label as string | undefined)?.trim() || id,
      type: type as FormFieldType,
      required: constraints.some((c) => c.name === 'required'),
      ...bounds,
      ...(props.requiredIf && { requiredIf: props.requiredIf }),
      multiline: props.multiline === 'true',
      ...(props.source && { source: props.source }),
      ...(values.length > 0 && { values }),
      ...withDefined('defaultValue', readDefault(taskId, id, type as FormFieldType, f.defaultValue)),
    });
  }
  for (const f of fields) {
    if (f.requiredIf && fields.find((x) => x.id === f.requiredIf)?.type !== 'boolean') {
      throw invalidBpmn(`task ${taskId}, form field ${f.id}: requiredIf "${f.requiredIf}" names no boolean field of the form`);
    }
  }
  return { documentation, ...withDefined('recap', recap), hasFormData: true, fields };
}

/**
 * A field's constraints other than required, checked so that completion can enforce them: a
 * length is a whole number on a string field; a bound is a whole number on a long field and a
 * date on a date field. Anything else names the field and the constraint.
 */
function readConstraints(taskId: string, fieldId: string, type: FormFieldType, constraints: ModdleElement[]): Bounds {
  const where = `task ${taskId}, form field ${fieldId}`;
  const out: Bounds = {};
  for (const c of constraints) {
    const name = String(c.name ?? '');
    const config = typeof c.config === 'string' ? c.config.trim() : '';
    if (!(FORM_CONSTRAINTS as readonly string[]).includes(name)) {
      throw invalidBpmn(`${where}: constraint "${name}" is not one of ${FORM_CONSTRAINTS.join(', ')}`);
    }
    if (name === 'required') continue;
    if (name === 'readonly') {
      out.readonly = true;
      continue;
    }
    if (name === 'minlength' || name === 'maxlength') {
      if (type !== 'string') throw invalidBpmn(`${where}: constraint ${name} applies to string fields only`);
      if (!/^\d+$/.test(config)) throw invalidBpmn(`${where}: constraint ${name} needs a whole number as config, not "${config}"`);
      out[name] = Number(config);
      continue;
    }
    if (type === 'long') {
      if (!/^-?\d+$/.test(config)) throw invalidBpmn(`${where}: constraint ${name} needs a whole number as config, not "${config}"`);
      out[name as 'min' | 'max'] = Number(config);
    } else if (type === 'date') {
      if (!parseDateValue(config)) throw invalidBpmn(`${where}: constraint ${name} needs a date (yyyy-MM-dd or ISO 8601) as config, not "${config}"`);
      out[name as 'min' | 'max'] = config;
    } else {
      throw invalidBpmn(`${where}: constraint ${name} applies to long and date fields only`);
    }
  }
  if (out.readonly && constraints.some((c) => c.name === 'required')) throw invalidBpmn(`${where}: a readonly field cannot be required`);
  if (out.minlength !== undefined && out.maxlength !== undefined && out.minlength > out.maxlength) throw invalidBpmn(`${where}: minlength is above maxlength`);
  return out;
}

/** A date value or bound; a day without a time counts in the office's zone. */
function parseDateValue(value: string): DateTime | undefined {
  if (!isoDate.test(value)) return undefined;
  const dt = DateTime.fromISO(value, { zone: defaultWorkingCalendarOptions.zone, setZone: true });
  return dt.isValid ? dt : undefined;
}

function readRecapRule(taskId: string, value: string | undefined): RecapRule | undefined {
  if (value === undefined) return undefined;
  if (!(recapRules as readonly string[]).includes(value)) {
    throw invalidBpmn(`task ${taskId}: property rekap "${value}" is not one of ${recapRules.join(', ')}`);
  }
  return value as RecapRule;
}

function withDefined<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}

const isoDate = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

type Problem = Omit<FieldProblem, 'field' | 'label'>;

/** Why a present value does not fit its field, or undefined when it does. */
function typeProblem(field: FormFieldDefinition, value: unknown): Problem | undefined {
  switch (field.type) {
    case 'boolean':
      return typeof value === 'boolean' ? undefined : { rule: 'type', expected: 'boolean', message: 'must be true or false' };
    case 'long':
      return typeof value === 'number' && Number.isSafeInteger(value) ? undefined : { rule: 'type', expected: 'long', message: 'must be a whole number' };
    case 'date':
      return typeof value === 'string' && isoDate.test(value) && DateTime.fromISO(value, { setZone: true }).isValid
        ? undefined
        : { rule: 'type', expected: 'date', message: 'must be a date (yyyy-MM-dd or ISO 8601)' };
    case 'string':
    case 'enum':
      if (typeof value !== 'string') return { rule: 'type', expected: 'string', message: 'must be text' };
      if (field.values && !field.values.some((v) => v.id === value)) {
        const choices = field.values.map((v) => v.id).join(', ');
        return { rule: 'choice', expected: field.values.map((v) => v.name).join(', '), message: `"${value}" is not one of: ${choices}` };
      }
      return undefined;
  }
}

/** Why a value of the right type breaks one of its field's constraints, or undefined. */
function boundsProblem(field: FormFieldDefinition, value: unknown): Problem | undefined {
  if (typeof value === 'string' && field.type === 'string') {
    const length = [...value].length;
    if (field.minlength !== undefined && length < field.minlength) return { rule: 'minLength', limit: field.minlength, message: `must be at least ${field.minlength} characters` };
    if (field.maxlength !== undefined && length > field.maxlength) return { rule: 'maxLength', limit: field.maxlength, message: `must be at most ${field.maxlength} characters` };
  }
  if (typeof value === 'number' && field.type === 'long') {
    if (typeof field.min === 'number' && value < field.min) return { rule: 'min', limit: field.min, message: `must be at least ${field.min}` };
    if (typeof field.max === 'number' && value > field.max) return { rule: 'max', limit: field.max, message: `must be at most ${field.max}` };
  }
  if (typeof value === 'string' && field.type === 'date') {
    const at = parseDateValue(value)!.toMillis();
    const bound = (text: string, end: boolean) => {
      const dt = parseDateValue(text)!;
      // A bound given as a day covers the whole day.
      return (text.length === 10 ? (end ? dt.endOf('day') : dt.startOf('day')) : dt).toMillis();
    };
    if (typeof field.min === 'string' && at < bound(field.min, false)) return { rule: 'notBefore', limit: field.min, message: `must be on or after ${field.min}` };
    if (typeof field.max === 'string' && at > bound(field.max, true)) return { rule: 'notAfter', limit: field.max, message: `must be on or before ${field.max}` };
  }
  return undefined;
}

/**
 * Checks submitted variables against a form whose catalogue values are filled in: required
 * fields present, values of the right type, nothing that is not a field. Returns the problems,
 * each with its field, label and rule; none means the variables may be written.
 */
export function taskFormProblems(form: TaskFormDefinition, variables: Variables): FieldProblem[] {
  if (!form.hasFormData) return [];
  const problems: FieldProblem[] = [];
  const ids = new Set(form.fields.map((f) => f.id));
  for (const key of Object.keys(variables)) {
    if (!ids.has(key)) problems.push({ field: key, rule: 'notAField', message: 'not a field of this form' });
  }
  for (const field of form.fields) {
    const value = variables[field.id];
    const at = { field: field.id, label: field.label };
    if (field.readonly && value !== undefined) {
      problems.push({ ...at, rule: 'readOnly', message: 'read-only, it cannot be submitted' });
      continue;
    }
    if (isBlank(value)) {
      if (field.required) problems.push({ ...at, rule: 'required', message: 'required' });
      else if (field.requiredIf && variables[field.requiredIf] === true) {
        const other = form.fields.find((f) => f.id === field.requiredIf)!;
        problems.push({ ...at, rule: 'requiredIf', expected: other.label, message: `required when ${other.label} (${other.id}) is true` });
      }
      continue;
    }
    const problem = typeProblem(field, value) ?? boundsProblem(field, value);
    if (problem) problems.push({ ...at, ...problem });
  }
  return problems;
}

/** The problems as text, each `<label> (<id>): <problem>` (a field that is not the form's: `<id>: …`). */
export function validateTaskForm(form: TaskFormDefinition, variables: Variables): string[] {
  return taskFormProblems(form, variables).map((p) => `${p.label !== undefined ? `${p.label} (${p.field})` : p.field}: ${p.message}`);
}

/** Throws the 400 the API answers an invalid completion with. */
export function assertValidTaskForm(form: TaskFormDefinition, variables: Variables): void {
  const problems = taskFormProblems(form, variables);
  if (problems.length) throw badRequest('invalid form', validateTaskForm(form, variables).join('; ')).as('form.invalid').withFields(problems);
}
