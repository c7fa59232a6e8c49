import { get } from '../api';
import { formatDateTime, t } from '../i18n';
import { ErrorBox } from '../ui/ErrorBox';
import { useAsync } from '../ui/useAsync';
import type { PreviousStep, StepAnswer } from './types';

function answerText(a: StepAnswer): string {
  if (a.type === 'boolean') return t(a.value === true ? 'taskForm.yes' : 'taskForm.no');
  return a.text ?? String(a.value);
}

/**
 * What the steps before this task decided, newest first, in the words of their forms: the Kasi's
 * "Arahan disposisi" is in front of the Admin Utama who disposes. Steps that took no answers are
 * listed by name only.
 */
export function PreviousSteps({ taskId }: { taskId: string }) {
  const steps = useAsync(() => get<PreviousStep[]>(`/api/tasks/${taskId}/previous-steps`), [taskId]);
  if (steps.error) return <ErrorBox error={steps.error} />;
  if (!steps.data) return null;
  if (steps.data.length === 0) return <p class="muted">{t('task.previous.none')}</p>;
  return (
    <ol class="previous-steps" data-testid="previous-steps">
      {steps.data.map((s) => (
        <li key={`${s.elementId} ${s.completedAt}`} data-element-id={s.elementId}>
          <p>
            <strong>{s.taskName ?? s.elementId}</strong>{' '}
            <span class="muted">{t('task.previous.by', { who: s.completedBy ?? '–', at: formatDateTime(s.completedAt) })}</span>
          </p>
          {s.answers.length > 0 && (
            <dl>
              {s.answers.map((a) => (
                <div key={a.id} data-field={a.id}>
                  <dt>{a.label}</dt>
                  <dd>{answerText(a)}</dd>
                </div>
              ))}
            </dl>
          )}
        </li>
      ))}
    </ol>
  );
}
