import { useState } from 'preact/hooks';
import { api, get } from '../api';
import { diagramLabels } from '../history/diagramLabels';
import { entryDetails, entryTitle, extensionSentence, isTechnical, type DiagramLabels } from '../history/wording';
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

/** The steps a person recognises; the rest (engine bookkeeping) only with the technical details. */
const plain = new Set([
  'instance-started',
  'task-created',
  'task-claimed',
  'task-unclaimed',
  'task-completed',
  'task-cancelled',
  'deadline-moved',
  'deadline-extended',
  'migrated',
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

const noLabels: DiagramLabels = { elementNames: {}, fieldLabels: {}, enumNames: {} };

/** The names and form labels of the instance's diagram version. */
async function labelsOf(instanceId: string): Promise<DiagramLabels> {
  const instance = await get<{ key: string; version: number }>(`/api/instances/${instanceId}`);
  const xml = await api<string>('GET', `/api/process-definitions/${encodeURIComponent(instance.key)}/versions/${instance.version}/xml`);
  return diagramLabels(xml);
}

/** The instance's history so far, compact: who, when, what — in business words unless asked for the technical details. */
export function HistoryTimeline({ instanceId, names, version }: { instanceId: string; names: Record<string, string>; version?: string }) {
  const [technical, setTechnical] = useState(false);
  const history = useAsync(() => get<HistoryRecord[]>(`/api/instances/${instanceId}/history`), [instanceId, version]);
  const diagram = useAsync(() => labelsOf(instanceId).catch(() => noLabels), [instanceId]);
  if (history.loading && !history.data) return <Loading />;
  if (history.error) return <ErrorBox error={history.error} />;
  const entries = (history.data ?? []).filter((e) => (technical ? true : plain.has(e.type) && !isTechnical(e.type)));
  // Task names come with their task-created entries; the other entries name only the element.
  const base = diagram.data ?? noLabels;
  const labels: DiagramLabels = { ...base, elementNames: { ...base.elementNames, ...names } };
  for (const e of history.data ?? []) if (e.type === 'task-created' && e.elementId && typeof e.name === 'string') labels.elementNames[e.elementId] ??= e.name;
  return (
    <>
      <label class="check" for={`history-technical-${instanceId}`}>
        <input
          id={`history-technical-${instanceId}`}
          type="checkbox"
          checked={technical}
          onChange={(ev) => setTechnical((ev.currentTarget as HTMLInputElement).checked)}
          data-testid="history-technical"
        />
        {t('instance.timeline.technical')}
      </label>
      <ol class="timeline" data-testid="history">
        {entries.map((record) => {
          const { id: _id, type, elementId, at, actor, ...data } = record;
          const entry = { type, elementId, data };
          const extension = type === 'deadline-extended' ? extensionSentence(data, actor ?? t('taskHistory.system'), t, formatDateTime) : undefined;
          const details = extension ? [] : entryDetails(entry, labels, technical, t, formatDateTime);
          return (
            <li data-type={type}>
              <time dateTime={at}>{formatDateTime(at)}</time> <strong>{entryTitle(entry, labels, technical, t)}</strong>
              {replyOf(record) && (
                <span data-testid="history-reply">
                  {' '}
                  ({t(replyOf(record)!.puas ? 'taskHistory.reply.puas' : 'taskHistory.reply.belumPuas')}){replyOf(record)!.text && <span class="prewrap"> “{replyOf(record)!.text}”</span>}
                </span>
              )}
              <span class="muted"> — {actor ?? t('taskHistory.system')}</span>
              {details.length > 0 && <span class="muted"> · {details.map((d) => `${d.label}: ${d.value}`).join('; ')}</span>}
              {extension && <span data-testid="history-extension"> · {extension}</span>}
            </li>
          );
        })}
      </ol>
    </>
  );
}
