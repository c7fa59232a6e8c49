import { useEffect, useRef, useState } from 'preact/hooks';
import type { FormField, TaskFormView } from '../../../src/contract/taskForms';
import { get, post, withQuery } from '../api';
import { registerMessages, t } from '../i18n';
import { queryLabel } from '../recap/recapForm';
import { ErrorBox, Loading } from '../ui/ErrorBox';
import { useAsync } from '../ui/useAsync';
import { formMessages } from './formMessages';

registerMessages(formMessages);

/**
 * The form of a user task, built from the diagram (`camunda:formData`): fetches
 * `GET /api/tasks/:id/form`, renders and validates the fields, and completes the task with them.
 */
export interface TaskFormProps {
  taskId: string;
  /** True when the caller may not complete (not the assignee): fields shown read-only. */
  disabled: boolean;
  /** Called after the server accepted the completion. */
  onCompleted: () => void;
}

/** What the inputs hold, as text: booleans as 'true' | 'false' | '' (not yet decided). */
type Draft = Record<string, string>;
type Errors = Record<string, string>;

/** Decisions start undecided, whatever was recorded before: a gateway must never run on a guess. */
function initialDraft(fields: FormField[]): Draft {
  const draft: Draft = {};
  for (const f of fields) {
    if (f.type === 'boolean') draft[f.id] = '';
    else {
      const v = f.value ?? f.defaultValue;
      draft[f.id] = v === undefined || v === null ? '' : f.type === 'date' ? String(v).slice(0, 10) : String(v);
    }
  }
  return draft;
}

function isRequired(f: FormField, draft: Draft): boolean {
  return f.required || (!!f.requiredIf && draft[f.requiredIf] === 'true');
}

function validate(fields: FormField[], draft: Draft): Errors {
  const errors: Errors = {};
  for (const f of fields) {
    if (f.readonly) continue;
    const raw = draft[f.id].trim();
    if (!raw) {
      if (f.required) errors[f.id] = t(f.type === 'boolean' ? 'taskForm.requiredDecision' : 'taskForm.required');
      else if (isRequired(f, draft)) errors[f.id] = t('taskForm.requiredIf', { other: fields.find((x) => x.id === f.requiredIf)?.label ?? '' });
      continue;
    }
    if (f.type === 'long' && !/^-?\d+$/.test(raw)) errors[f.id] = t('taskForm.notWhole');
    if (f.type === 'date' && (!/^\d{4}-\d{2}-\d{2}$/.test(raw) || Number.isNaN(Date.parse(raw)))) errors[f.id] = t('taskForm.notDate');
  }
  return errors;
}

/** The variables to submit: typed as the server checks them; blank optional fields are left out. */
function toVariables(fields: FormField[], draft: Draft): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const raw = draft[f.id];
    // A readonly field is shown, never sent: the server refuses a value for it.
    if (f.readonly || !raw.trim()) continue;
    if (f.type === 'boolean') out[f.id] = raw === 'true';
    else if (f.type === 'long') out[f.id] = Number(raw.trim());
    else out[f.id] = f.type === 'string' ? raw : raw.trim();
  }
  return out;
}

/** The SOP sheet's lines (Persyaratan, Input, Output, Waktu, Keterangan); the modeller's Data/Keputusan notes stay in the diagram. */
function sopLines(documentation: string): [string, string][] {
  const out: [string, string][] = [];
  for (const line of documentation.split('\n')) {
    const m = /^([A-Za-z/ ]{2,40}):\s*(.*)$/.exec(line);
    if (m && !/^(Data|Keputusan)$/.test(m[1])) out.push([m[1], m[2]]);
    else if (!m && out.length) out[out.length - 1][1] += ` ${line.trim()}`;
  }
  return out;
}

const controlId = (f: FormField) => `task-field-${f.id}`;
const errorId = (f: FormField) => `task-field-${f.id}-error`;

export function TaskForm({ taskId, disabled, onCompleted }: TaskFormProps) {
  const form = useAsync(() => get<TaskFormView>(`/api/tasks/${taskId}/form`), [taskId]);
  const [draft, setDraft] = useState<Draft>({});
  const [errors, setErrors] = useState<Errors>({});
  const [submitError, setSubmitError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    if (form.data) {
      setDraft(initialDraft(form.data.fields));
      setErrors({});
    }
  }, [form.data]);

  if (form.error && !form.data) return <ErrorBox error={form.error} />;
  if (!form.data) return <Loading />;
  const { fields, documentation, recap } = form.data;
  if (fields.some((f) => draft[f.id] === undefined)) return <Loading />;

  const set = (id: string, value: string) => {
    setDraft((d) => ({ ...d, [id]: value }));
    if (errors[id]) setErrors((e) => ({ ...e, [id]: '' }));
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    if (disabled || busy) return;
    const found = validate(fields, draft);
    setErrors(found);
    const first = fields.find((f) => found[f.id]);
    if (first) {
      // Focus the first field that needs attention (its first radio for a decision).
      formRef.current?.querySelector<HTMLElement>(`[data-field="${first.id}"]`)?.focus();
      return;
    }
    setBusy(true);
    setSubmitError(undefined);
    try {
      await post(`/api/tasks/${taskId}/complete`, { variables: toVariables(fields, draft) });
      onCompleted();
    } catch (err) {
      setSubmitError(err);
    } finally {
      setBusy(false);
    }
  };

  const hasErrors = fields.some((f) => errors[f.id]);
  return (
    <form class="task-form" ref={formRef} onSubmit={submit} noValidate aria-busy={busy}>
      {documentation && (
        <details class="task-sop">
          <summary>{t('taskForm.sop')}</summary>
          <dl>
            {sopLines(documentation).map(([k, v]) => (
              <div key={k}>
                <dt>{k}</dt>
                <dd>{v || '–'}</dd>
              </div>
            ))}
          </dl>
        </details>
      )}
      {recap && (
        // The step works on a recap (SOP 555/03, 555/04, 555/06, Kapuas Hulu): straight to it.
        <p class="task-recap">
          <a class="button" href={`#${withQuery('/rekap', { district: recap.district, period: recap.period, from: recap.from, to: recap.to })}`} data-testid="task-recap">
            {t('taskForm.recap', { period: queryLabel(recap) })}
          </a>
        </p>
      )}
      {fields.length === 0 && <p class="muted">{t('taskForm.noFields')}</p>}
      {fields.map((f) => (
        <Field key={f.id} field={f} value={draft[f.id]} error={errors[f.id]} required={isRequired(f, draft)} disabled={disabled || busy} onInput={(v) => set(f.id, v)} />
      ))}
      {disabled && <p class="muted">{t('taskForm.claimFirst')}</p>}
      {hasErrors && (
        <p class="error" role="alert">
          {t('taskForm.fixErrors')}
        </p>
      )}
      <ErrorBox error={submitError} />
      <div class="actions">
        <button type="submit" class="primary" disabled={disabled || busy} data-testid="task-complete">
          {busy ? t('taskForm.submitting') : t('taskForm.submit')}
        </button>
      </div>
    </form>
  );
}

interface FieldProps {
  field: FormField;
  value: string;
  error?: string;
  required: boolean;
  disabled: boolean;
  onInput: (value: string) => void;
}

function Field({ field: f, value, error, required, disabled, onInput }: FieldProps) {
  const describedBy = error ? errorId(f) : undefined;
  const mark = required ? <span class="task-required"> {t('taskForm.requiredMark')}</span> : null;
  const message = error ? (
    <p id={errorId(f)} class="task-field-error">
      {error}
    </p>
  ) : null;
  const common = {
    id: controlId(f),
    'data-field': f.id,
    'data-testid': `field-${f.id}`,
    disabled,
    'aria-invalid': error ? ('true' as const) : undefined,
    'aria-describedby': describedBy,
    'aria-required': required ? ('true' as const) : undefined,
    // The diagram's camunda:validation constraints, as the browser knows them; the server enforces them.
    readOnly: f.readonly || undefined,
  };
  const length = { minLength: f.minlength, maxLength: f.maxlength };
  const bound = (v: number | string | undefined) => (typeof v === 'string' ? v.slice(0, 10) : v);
  const bounds = { min: bound(f.min), max: bound(f.max) };

  if (f.type === 'boolean') {
    const recorded = typeof f.value === 'boolean' ? t(f.value ? 'taskForm.yes' : 'taskForm.no') : null;
    const hintId = `${controlId(f)}-hint`;
    return (
      <fieldset
        class="task-decision"
        role="radiogroup"
        aria-invalid={error ? 'true' : undefined}
        aria-required={required ? 'true' : undefined}
        aria-describedby={[describedBy, recorded ? hintId : undefined].filter(Boolean).join(' ') || undefined}
      >
        <legend>
          {f.label}
          {mark}
        </legend>
        {(['true', 'false'] as const).map((v, i) => (
          <label class="check" for={`${controlId(f)}-${v}`} key={v}>
            <input
              type="radio"
              id={`${controlId(f)}-${v}`}
              name={controlId(f)}
              value={v}
              checked={value === v}
              disabled={disabled || f.readonly}
              data-field={i === 0 ? f.id : undefined}
              data-testid={`field-${f.id}-${v}`}
              onChange={() => onInput(v)}
            />
            {t(v === 'true' ? 'taskForm.yes' : 'taskForm.no')}
          </label>
        ))}
        {recorded && (
          <p id={hintId} class="muted task-hint">
            {t('taskForm.recorded', { value: recorded })}
          </p>
        )}
        {message}
      </fieldset>
    );
  }

  const label = (
    <label for={controlId(f)}>
      {f.label}
      {mark}
    </label>
  );
  const onChange = (e: Event) => onInput((e.currentTarget as HTMLInputElement).value);
  let control;
  if (f.values) {
    control = (
      <select {...common} disabled={disabled || f.readonly} value={value} onChange={onChange}>
        <option value="">{t('taskForm.choose')}</option>
        {f.values.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </select>
    );
  } else if (f.multiline) {
    control = <textarea {...common} {...length} rows={4} value={value} onInput={onChange} />;
  } else if (f.type === 'date') {
    control = <input {...common} {...bounds} type="date" value={value} onInput={onChange} />;
  } else if (f.type === 'long') {
    control = <input {...common} {...bounds} type="number" step={1} inputMode="numeric" value={value} onInput={onChange} />;
  } else {
    control = <input {...common} {...length} type="text" value={value} onInput={onChange} />;
  }
  return (
    <div class="task-field">
      {label}
      {control}
      {message}
    </div>
  );
}
