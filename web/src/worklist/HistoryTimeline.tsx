import { api, get } from '../api';
import { formatDateTime, t } from '../i18n';
import { ErrorBox, Loading } from '../ui/ErrorBox';
import { useAsync } from '../ui/useAsync';

interface HistoryRecord {
  id: number;
  type: string;
  elementId: string | null;
  at: string;
  actor: string | null;
  name?: string | null;
  [k: string]: unknown;
}

/** The steps a person recognises; flows and element enter/leave are the diagram's business. */
const shown = new Set([
  'instance-started',
  'task-created',
  'task-claimed',
  'task-unclaimed',
  'task-completed',
  'task-cancelled',
  'timer-fired',
  'message-received',
  'signal-received',
  'call-started',
  'call-returned',
  'incident',
  'instance-completed',
  'instance-terminated',
]);

/** The reporter's reply a `message-received` entry records (POST /api/public/complaints/:trackingId/replies). */
function replyOf(e: HistoryRecord): { puas: boolean; text: string } | undefined {
  const r = e.reply as { puas?: unknown; text?: unknown } | undefined;
  return r && typeof r.puas === 'boolean' && typeof r.text === 'string' ? { puas: r.puas, text: r.text } : undefined;
}

/** Every named element of the instance's diagram version, read with the browser's own XML parser. */
async function elementNames(instanceId: string): Promise<Record<string, string>> {
  const instance = await get<{ key: string; version: number }>(`/api/instances/${instanceId}`);
  const xml = await api<string>('GET', `/api/process-definitions/${encodeURIComponent(instance.key)}/versions/${instance.version}/xml`);
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  const names: Record<string, string> = {};
  for (const el of doc.querySelectorAll('[id][name]')) names[el.getAttribute('id')!] = el.getAttribute('name')!;
  return names;
}

/** The instance's history so far, compact: who, when, what. */
export function HistoryTimeline({ instanceId, names, version }: { instanceId: string; names: Record<string, string>; version?: string }) {
  const history = useAsync(() => get<HistoryRecord[]>(`/api/instances/${instanceId}/history`), [instanceId, version]);
  const diagram = useAsync(() => elementNames(instanceId).catch(() => ({}) as Record<string, string>), [instanceId]);
  if (history.loading && !history.data) return <Loading />;
  if (history.error) return <ErrorBox error={history.error} />;
  const entries = (history.data ?? []).filter((e) => shown.has(e.type));
  // Task names come with their task-created entries; the other entries name only the element.
  const nameOf: Record<string, string> = { ...diagram.data, ...names };
  for (const e of history.data ?? []) if (e.type === 'task-created' && e.elementId && typeof e.name === 'string') nameOf[e.elementId] ??= e.name;
  return (
    <ol class="timeline" data-testid="history">
      {entries.map((e) => (
        <li>
          <time dateTime={e.at}>{formatDateTime(e.at)}</time>{' '}
          <strong>{t(`taskHistory.type.${e.type}`)}</strong>
          {e.elementId && <span>: {nameOf[e.elementId] ?? e.elementId}</span>}
          {replyOf(e) && (
            <span data-testid="history-reply">
              {' '}
              ({t(replyOf(e)!.puas ? 'taskHistory.reply.puas' : 'taskHistory.reply.belumPuas')}){replyOf(e)!.text && <span class="prewrap"> “{replyOf(e)!.text}”</span>}
            </span>
          )}
          <span class="muted"> — {e.actor ?? t('taskHistory.system')}</span>
        </li>
      ))}
    </ol>
  );
}
