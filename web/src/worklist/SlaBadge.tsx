import { formatDateTime, t } from '../i18n';
import { slaText } from './sla';
import type { TaskSla } from './types';

/** The SLA badge: its colour class says the state, its words say it too (never colour alone). */
export function SlaBadge({ sla, testId }: { sla: TaskSla; testId?: string }) {
  return (
    <span
      class={`badge sla-${sla.state}`}
      data-testid={testId ?? 'sla-badge'}
      data-state={sla.state}
      data-extended={sla.extendedFrom && sla.state !== 'red' ? 'true' : undefined}
      title={sla.dueAt ? t('worklist.sla.dueAt', { at: formatDateTime(sla.dueAt) }) : undefined}
    >
      {slaText(sla)}
    </span>
  );
}

export function SlaStandard({ sla }: { sla: TaskSla }) {
  if (!sla.standard) return null;
  return <span class="muted sla-standard">{t('worklist.sla.standard', { standard: sla.standard })}</span>;
}
