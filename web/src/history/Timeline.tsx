import { useState } from 'preact/hooks';
import { formatDateTime, t } from '../i18n';
import type { TimelineEntry } from './timeline';
import type { AuditNotification } from './types';
import { elementLabel, entryDetails, entryTitle, extensionSentence, isTechnical, type DiagramLabels } from './wording';

interface Props {
  entries: TimelineEntry[];
  labels: DiagramLabels;
  actors: Record<string, string>;
  focus: string | null;
  onFocus: (elementId: string) => void;
}

/**
 * Every recorded event, oldest first: when (WIB), who, what — worded for people by default, the
 * token's own events and raw variables behind "Tampilkan detail teknis". Choosing one shows its
 * element on the diagram.
 */
export function Timeline({ entries, labels, actors, focus, onFocus }: Props) {
  const [technical, setTechnical] = useState(false);
  const shown = technical ? entries : entries.filter((e) => !isTechnical(e.type));
  return (
    <>
      <label class="check no-print" for="tl-technical">
        <input id="tl-technical" type="checkbox" checked={technical} onChange={(e) => setTechnical((e.currentTarget as HTMLInputElement).checked)} data-testid="timeline-technical" />
        {t('instance.timeline.technical')}
      </label>
      <ol class="audit-timeline" data-testid="timeline">
        {shown.map((e) => {
          const name = elementLabel(e.elementId, labels, technical);
          const what = entryTitle({ ...e, elementId: null }, labels, technical, t);
          return (
            <li
              key={e.key}
              class={`audit-event audit-event-${e.type}${e.elementId && e.elementId === focus ? ' is-focused' : ''}`}
              data-testid="timeline-entry"
              data-type={e.type}
              data-element-id={e.elementId ?? undefined}
              onClick={() => e.elementId && onFocus(e.elementId)}
            >
              <time dateTime={e.at}>{formatDateTime(e.at)} WIB</time>
              <span class="audit-actor" data-testid="timeline-actor">
                {e.actor ? (actors[e.actor] ?? e.actor) : t('instance.timeline.system')}
              </span>
              <span class="audit-what">
                <strong>{what}</strong>
                {name && (
                  <>
                    {': '}
                    <button type="button" class="link" title={t('instance.timeline.show')} onClick={(ev) => (ev.stopPropagation(), onFocus(e.elementId!))}>
                      {name}
                    </button>
                  </>
                )}
              </span>
              {e.type === 'deadline-extended' ? (
                <p class="audit-detail" data-testid="extension-sentence">
                  {extensionSentence(e.data, e.actor ? (actors[e.actor] ?? e.actor) : t('instance.timeline.system'), t, (at) => `${formatDateTime(at)} WIB`)}
                </p>
              ) : (
                <Details entry={e} labels={labels} technical={technical} />
              )}
            </li>
          );
        })}
      </ol>
    </>
  );
}

function Details({ entry, labels, technical }: { entry: TimelineEntry; labels: DiagramLabels; technical: boolean }) {
  const details = entryDetails(entry, labels, technical, t, formatDateTime);
  if (entry.type === 'notification') {
    const n = entry.data as unknown as AuditNotification;
    const sent = n.sentAt ? t('event.notification.sent', { at: `${formatDateTime(n.sentAt)} WIB`, n: n.recipientCount }) : t('event.notification.pending');
    return <p class="audit-detail">{[...details.map((d) => `${d.label}: ${d.value}`), sent].join('; ')}</p>;
  }
  if (details.length === 0) return null;
  if (entry.type === 'task-completed' || entry.type === 'message-received') {
    return (
      <dl class="audit-vars" aria-label={t(technical ? 'event.changed' : 'plain.answers')}>
        {details.map((d) => (
          <div>
            <dt>{d.label}</dt>
            <dd>{d.value}</dd>
          </div>
        ))}
      </dl>
    );
  }
  return <p class={`audit-detail${entry.type === 'incident' ? ' error' : ''}`}>{details.map((d) => `${d.label}: ${d.value}`).join(' · ')}</p>;
}
