import { useState } from 'preact/hooks';
import { formatDateTime, t } from '../i18n';
import { TECHNICAL, type TimelineEntry } from './timeline';
import type { AuditNotification } from './types';

interface Props {
  entries: TimelineEntry[];
  elementNames: Record<string, string>;
  actors: Record<string, string>;
  focus: string | null;
  onFocus: (elementId: string) => void;
}

const show = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

/** Every recorded event, oldest first: when (WIB), who, what; choosing one shows its element on the diagram. */
export function Timeline({ entries, elementNames, actors, focus, onFocus }: Props) {
  const [hideTechnical, setHideTechnical] = useState(false);
  const shown = hideTechnical ? entries.filter((e) => !TECHNICAL.has(e.type)) : entries;
  return (
    <>
      <label class="check no-print" for="tl-hide">
        <input id="tl-hide" type="checkbox" checked={hideTechnical} onChange={(e) => setHideTechnical((e.currentTarget as HTMLInputElement).checked)} />
        {t('instance.timeline.hide')}
      </label>
      <ol class="audit-timeline" data-testid="timeline">
        {shown.map((e) => {
          const name = e.elementId ? (elementNames[e.elementId] ?? e.elementId) : null;
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
                <strong>{t(`event.${e.type}`)}</strong>
                {name && (
                  <>
                    {': '}
                    <button type="button" class="link" title={t('instance.timeline.show')} onClick={(ev) => (ev.stopPropagation(), onFocus(e.elementId!))}>
                      {name}
                    </button>
                  </>
                )}
              </span>
              <Details entry={e} />
            </li>
          );
        })}
      </ol>
    </>
  );
}

function Details({ entry }: { entry: TimelineEntry }) {
  const d = entry.data;
  if (entry.type === 'task-completed' && d.variables && typeof d.variables === 'object') {
    // What the completion changed; a record without that list shows all it submitted.
    const changed = Array.isArray(d.changedVariables) ? new Set(d.changedVariables as string[]) : undefined;
    const shown = Object.entries(d.variables as Record<string, unknown>).filter(([k]) => !changed || changed.has(k));
    if (shown.length === 0) return null;
    return (
      <dl class="audit-vars" aria-label={t('event.changed')}>
        {shown.map(([k, v]) => (
          <div>
            <dt>{k}</dt>
            <dd>{show(v)}</dd>
          </div>
        ))}
      </dl>
    );
  }
  if (entry.type === 'notification') {
    const n = d as unknown as AuditNotification;
    const sent = n.sentAt ? t('event.notification.sent', { at: `${formatDateTime(n.sentAt)} WIB`, n: n.recipientCount }) : t('event.notification.pending');
    return <p class="audit-detail">{t('event.notification.detail', { reason: n.reason, role: n.opd ? `${n.role} (${n.opd})` : n.role, sent })}</p>;
  }
  const text = [d.message, d.reason, d.calledElement].filter((v) => typeof v === 'string' && v).join(' · ');
  return text ? <p class={`audit-detail${entry.type === 'incident' ? ' error' : ''}`}>{text}</p> : null;
}
