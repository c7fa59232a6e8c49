import { useState } from 'preact/hooks';
import { get, post, withQuery } from '../api';
import { formatDateTime, t } from '../i18n';
import { navigate, type PageProps } from '../router';
import { me } from '../session';
import { useSignal } from '../signal';
import { ErrorBox, Loading } from '../ui/ErrorBox';
import { useAsync } from '../ui/useAsync';
import { ComplaintPanel } from './ComplaintPanel';
import { ExtendDeadline } from './ExtendDeadline';
import { HistoryTimeline } from './HistoryTimeline';
import { SlaBadge, SlaStandard } from './SlaBadge';
import { TaskForm } from './TaskForm';
import { PreviousSteps } from './PreviousSteps';
import type { TaskDetail, Worklist, WorklistItem } from './types';
import { useMedia } from './usePolling';

/** One task: its SLA, claim/unclaim, the complaint, the history so far, and its form. */
export default function TaskPage({ params, query }: PageProps) {
  const user = useSignal(me);
  const wide = useMedia('(min-width: 800px)');
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
  const formFirst = mine && open && !wide;
  const complaint = item.trackingId ? <ComplaintPanel trackingId={item.trackingId} /> : null;

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
        {item.extension && (
          <p data-testid="task-extension">
            {t('extend.info', { reason: item.extension.reason, at: formatDateTime(item.extension.originalDueAt), who: item.extension.extendedBy })}
          </p>
        )}
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

      {open && item.mayExtend && (
        <section class="card" aria-labelledby="extend-title">
          <h2 id="extend-title">{t('extend.title')}</h2>
          <ExtendDeadline taskId={id} onExtended={() => task.reload()} />
        </section>
      )}

      {query.get('lanjut') && (
        <p class="notice" role="status" data-testid="next-step-notice">
          {t('task.next')}
        </p>
      )}
      {/* On a phone, once the task is one's own, the form comes first: the rest is for reference. */}
      {!formFirst && complaint}

      <section class="card" aria-labelledby="form-title">
        <h2 id="form-title">{t('task.form')}</h2>
        {open && !mine && <p class="muted">{t('task.claimFirst')}</p>}
        <TaskForm taskId={id} disabled={!open || !mine} onCompleted={() => void afterCompletion(id, item, name)} />
      </section>

      {formFirst && complaint}

      <section class="card" aria-labelledby="previous-title">
        <h2 id="previous-title">{t('task.previous')}</h2>
        <PreviousSteps taskId={id} />
      </section>

      <section class="card" aria-labelledby="history-title">
        <h2 id="history-title">{t('task.history')}</h2>
        <HistoryTimeline instanceId={item.instanceId} names={{ [item.elementId]: name }} version={`${detail.assignee}/${detail.status}/${item.dueAt}`} />
      </section>
    </article>
  );
}

/**
 * After a completion: straight on to the next step of the same complaint when it waits for the
 * user (their own or offered to them), else back to the list with what was done.
 */
async function afterCompletion(doneId: string, item: WorklistItem, name: string): Promise<void> {
  if (item.trackingId) {
    try {
      const list = await get<Worklist>(withQuery('/api/worklist', { q: item.trackingId, limit: '5' }));
      const next = list.items.find((i) => i.id !== doneId && i.trackingId === item.trackingId);
      if (next) {
        navigate(`/tugas/${next.id}?lanjut=1`);
        return;
      }
    } catch {
      // The list below says the same; nothing is lost by going there.
    }
  }
  navigate(`/tugas?selesai=${encodeURIComponent(name)}`);
}
