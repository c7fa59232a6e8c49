/**
 * A user task's form as GET /api/tasks/:id/form answers it: the fields of its `camunda:formData`
 * with catalogue values filled in and the process variables' current values. Free of imports
 * outside src/contract (see tasks.ts).
 */
import type { RecapQueryLink } from './recap';

export const formFieldTypes = ['string', 'long', 'boolean', 'date', 'enum'] as const;
export type FormFieldType = (typeof formFieldTypes)[number];

export interface FormOption {
  id: string;
  name: string;
}

export interface FormField {
  id: string;
  label: string;
  type: FormFieldType;
  required: boolean;
  /** Required only when this boolean field is submitted as true. */
  requiredIf?: string;
  /** Long text (a textarea). */
  multiline?: boolean;
  values?: FormOption[];
  defaultValue?: string | number | boolean;
  /** `camunda:validation` constraints beyond required: text length (string), bounds (long: a number, date: yyyy-MM-dd or ISO 8601). */
  minlength?: number;
  maxlength?: number;
  min?: number | string;
  max?: number | string;
  /** Shown, never submitted: completion refuses a value for it. */
  readonly?: boolean;
  /** The process variable's current value. */
  value?: unknown;
}

export interface TaskFormView {
  taskId: string;
  elementId: string;
  name: string | null;
  /** The SOP's text for the step (Persyaratan, Input, Output, Waktu, Keterangan). */
  documentation: string | null;
  fields: FormField[];
  /** The complaint recap this SOP step works on (task property `rekap`), else null. */
  recap: RecapQueryLink | null;
}
