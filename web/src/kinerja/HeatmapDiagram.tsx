import { useEffect, useRef } from 'preact/hooks';
import type { ActivityPerformance } from '../../../src/contract/performance';
import { t } from '../i18n';
import { useDiagramViewer } from '../modeler/bpmnViewer';
import { heatClass, heatOf, tooltipOf } from './heat';

interface Canvas {
  addMarker(id: string, marker: string): void;
  removeMarker(id: string, marker: string): void;
}
interface Registry {
  get(id: string): unknown;
  getGraphics(id: string): SVGElement | undefined;
}
interface EventBus {
  on(event: string, cb: (e: { element: { id: string } }) => void): void;
  off(event: string, cb: (e: { element: { id: string } }) => void): void;
}

const SVG = 'http://www.w3.org/2000/svg';

/**
 * The version's diagram, read-only, each activity coloured by its share on time (heat-green,
 * heat-amber, heat-red; heat-none without data), its figures as the element's tooltip (an SVG
 * title), and a click on an activity choosing it for the drill-down.
 */
export function HeatmapDiagram({ xml, activities, selected, onSelect }: { xml: string; activities: ActivityPerformance[]; selected: string | null; onSelect: (id: string) => void }) {
  const select = useRef(onSelect);
  select.current = onSelect;
  const { host, viewer, ready, error } = useDiagramViewer(xml);

  // The heat and tooltips follow the figures (another period or OPD on the same diagram).
  useEffect(() => {
    const v = viewer.current;
    if (!v || !ready) return;
    const canvas = v.get<Canvas>('canvas');
    const registry = v.get<Registry>('elementRegistry');
    const known = new Set(activities.map((a) => a.elementId));
    const added: [string, string][] = [];
    const titles: SVGElement[] = [];
    for (const a of activities) {
      const gfx = registry.get(a.elementId) ? registry.getGraphics(a.elementId) : undefined;
      if (!gfx) continue;
      const marker = heatClass(heatOf(a));
      canvas.addMarker(a.elementId, marker);
      canvas.addMarker(a.elementId, 'heat-activity');
      added.push([a.elementId, marker], [a.elementId, 'heat-activity']);
      const title = document.createElementNS(SVG, 'title');
      title.textContent = tooltipOf(a);
      gfx.prepend(title);
      titles.push(title);
    }
    const eventBus = v.get<EventBus>('eventBus');
    const click = (e: { element: { id: string } }) => {
      if (known.has(e.element.id)) select.current(e.element.id);
    };
    eventBus.on('element.click', click);
    return () => {
      eventBus.off('element.click', click);
      for (const [id, m] of added) canvas.removeMarker(id, m);
      for (const title of titles) title.remove();
    };
  }, [ready, activities]);

  useEffect(() => {
    const v = viewer.current;
    if (!v || !ready || !selected || !v.get<Registry>('elementRegistry').get(selected)) return;
    const canvas = v.get<Canvas>('canvas');
    canvas.addMarker(selected, 'heat-selected');
    return () => canvas.removeMarker(selected, 'heat-selected');
  }, [ready, selected]);

  return (
    <>
      {error && <p class="error">{error}</p>}
      <div ref={host} class="diagram kinerja-diagram" role="img" aria-label={t('kinerja.diagram')} data-testid="kinerja-diagram" data-ready={ready ? 'true' : 'false'} />
    </>
  );
}

export function HeatLegend() {
  return (
    <figure class="kinerja-legend">
      <figcaption>{t('kinerja.legend')}</figcaption>
      <ul>
        {(['green', 'amber', 'red', 'none'] as const).map((h) => (
          <li>
            <span class={`kinerja-swatch heat-swatch-${h}`} aria-hidden="true" />
            {t(`kinerja.legend.${h}`)}
          </li>
        ))}
      </ul>
    </figure>
  );
}
