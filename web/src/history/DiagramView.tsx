import { useEffect } from 'preact/hooks';
import { t } from '../i18n';
import { useDiagramViewer } from '../modeler/bpmnViewer';

/** The marker classes the diagram carries (styled in the audit block of styles.css; e2e tests look for them). */
export const MARKERS = {
  done: 'audit-done',
  active: 'audit-active',
  overdue: 'audit-overdue',
  flow: 'audit-flow',
  focus: 'audit-focus',
} as const;

export interface Trace {
  done: string[];
  active: string[];
  overdue: string[];
  flows: string[];
}

interface Canvas {
  addMarker(id: string, marker: string): void;
  removeMarker(id: string, marker: string): void;
  scrollToElement(id: string, padding?: number): void;
}
interface Registry {
  get(id: string): unknown;
}

/** The diagram of the instance's own version, read-only, with where the instance went marked on it. */
export function DiagramView({ xml, trace, focus }: { xml: string; trace: Trace; focus: string | null }) {
  const { host, viewer, ready, error } = useDiagramViewer(xml, (v) => {
    const canvas = v.get<Canvas>('canvas');
    const registry = v.get<Registry>('elementRegistry');
    const mark = (ids: string[], marker: string) => ids.filter((id) => registry.get(id)).forEach((id) => canvas.addMarker(id, marker));
    // The trace is derived from the same load as the XML.
    mark(trace.done, MARKERS.done);
    mark(trace.active, MARKERS.active);
    mark(trace.overdue, MARKERS.overdue);
    mark(trace.flows, MARKERS.flow);
  });

  useEffect(() => {
    const v = viewer.current;
    if (!v || !ready || !focus) return;
    const canvas = v.get<Canvas>('canvas');
    if (!v.get<Registry>('elementRegistry').get(focus)) return;
    canvas.addMarker(focus, MARKERS.focus);
    canvas.scrollToElement(focus, 80);
    return () => canvas.removeMarker(focus, MARKERS.focus);
  }, [focus, ready]);

  return (
    <>
      {error && <p class="error">{t('instance.diagramError', { message: error })}</p>}
      <div ref={host} class="diagram audit-diagram" role="img" aria-label={t('instance.diagramLabel')} data-testid="instance-diagram" data-ready={ready ? 'true' : 'false'} />
    </>
  );
}

export function Legend() {
  const items: [string, string][] = [
    ['done', 'instance.legend.done'],
    ['active', 'instance.legend.active'],
    ['overdue', 'instance.legend.overdue'],
    ['flow', 'instance.legend.flow'],
    ['focus', 'instance.legend.focus'],
  ];
  return (
    <figure class="audit-legend">
      <figcaption>{t('instance.legend')}</figcaption>
      <ul>
        {items.map(([k, key]) => (
          <li>
            <span class={`audit-swatch audit-swatch-${k}`} aria-hidden="true" />
            {t(key)}
          </li>
        ))}
      </ul>
    </figure>
  );
}
