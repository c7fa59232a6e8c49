import { useState } from 'preact/hooks';
import { get, post } from '../api';
import { formatDateTime, t } from '../i18n';
import { navigate, type PageProps } from '../router';
import { me } from '../session';
import { useSignal } from '../signal';
import { ErrorBox, Loading } from '../ui/ErrorBox';
import { useAsync } from '../ui/useAsync';
import { ComplaintPanel } from './ComplaintPanel';
import { HistoryTimeline } from './HistoryTimeline';
import { SlaBadge, SlaStandard } from './SlaBadge';
import { TaskForm } from './TaskForm';
import type { TaskDetail, WorklistItem } from './types';

/** One task: its SLA, claim/unclaim, the complaint, the history so far, and its form. */
export default function TaskPage({ params }: PageProps) {
  const user = useSignal(me);
  const id = params.id;
  const task = useAsync(async () => {
    const [detail, item] = await Promise.all([get<TaskDetail>(`/api/tasks/${id}`), get<WorklistItem>(`/api/worklist/${id}`)]);
    return { detail, item };
  }, [id]);
  const [actionError, setActionError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  if (task.loading && !task.data) return <Loading />;
  if (!task.data) return <ErrorBox error={task.error} />;
  const { detail, item } = task.data;
  const name = item.name ?? item.elementId;
  const mine = !!user && detail.assignee === user.username;
  const open = detail.status === 'open';

  const act = async (verb: 'claim' | 'unclaim') => {
    setBusy(true);
    setActionError(undefined);
    try {
      await post(`/api/tasks/${id}/${verb}`);
    } catch (err) {
      setActionError(err);
    } finally {
      setBusy(false);
      task.reload();
    }
  };

  return (
    <article aria-labelledby="task-title">
      <p>
        <a href="#/tugas">← {t('task.back')}</a>
      </p>
      <header class="card task-header">
        <h1 id="task-title">{name}</h1>
        <p class="muted">
          {item.processName ?? item.processKey}
          {item.trackingId && (
            <>
              {' · '}
              <span class="tracking" data-testid="task-tracking-id">
                {item.trackingId}
              </span>
            </>
          )}
        </p>
        <p>
          <SlaBadge sla={item.sla} testId="task-sla" /> <SlaStandard sla={item.sla} />
        </p>
        <p class="muted">
          {t('task.created', { at: formatDateTime(item.createdAt) })} · {t('task.due', { at: formatDateTime(item.dueAt) })}
        </p>
        <p data-testid="task-assignee">
          {detail.assignee ? t('task.assignee', { who: detail.assignee }) : t('task.unassigned')}
          {!open && <> · {t(`task.status.${detail.status}`)}</>}
        </p>
        {open && (
          <div class="actions">
            {!detail.assignee && (
              <button class="primary" disabled={busy} onClick={() => void act('claim')}>
                {t('task.claim')}
              </button>
            )}
            {mine && (
              <button disabled={busy} onClick={() => void act('unclaim')}>
                {t('task.unclaim')}
              </button>
            )}
          </div>
        )}
        <ErrorBox error={actionError} />
      </header>

      {item.trackingId && <ComplaintPanel trackingId={item.trackingId} />}

      <section class="card" aria-labelledby="form-title">
        <h2 id="form-title">{t('task.form')}</h2>
        {open && !mine && <p class="muted">{t('task.claimFirst')}</p>}
        <TaskForm taskId={id} disabled={!open || !mine} onCompleted={() => navigate(`/tugas?selesai=${encodeURIComponent(name)}`)} />
      </section>

      <section class="card" aria-labelledby="history-title">
        <h2 id="history-title">{t('task.history')}</h2>
        <HistoryTimeline instanceId={item.instanceId} names={{ [item.elementId]: name }} version={`${detail.assignee}/${detail.status}`} />
      </section>
    </article>
  );
}
