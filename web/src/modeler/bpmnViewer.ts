import { useEffect, useRef, useState } from 'preact/hooks';
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import camundaModdle from 'camunda-bpmn-moddle/resources/camunda.json';
import './viewerStyles';

export type { NavigatedViewer };

/** Read-only diagram with pan and zoom; the camunda extension makes `candidateGroups` etc. properties. */
export function createViewer(canvas: HTMLElement): NavigatedViewer {
  return new NavigatedViewer({ container: canvas, moddleExtensions: { camunda: camundaModdle } });
}

/**
 * A read-only viewer of `xml` in the returned `host` element, made anew when the XML changes and
 * destroyed with the component: `ready` once imported (after `onImported`, which marks what the
 * page shows, and a zoom to fit), `error` with the import's message when it fails. The audit
 * trail's diagram and the Kinerja SOP heatmap draw through it.
 */
export function useDiagramViewer(xml: string, onImported?: (viewer: NavigatedViewer) => void) {
  const host = useRef<HTMLDivElement>(null);
  const viewer = useRef<NavigatedViewer | null>(null);
  const imported = useRef(onImported);
  imported.current = onImported;
  const [error, setError] = useState<string | undefined>();
  const [ready, setReady] = useState(false);

  useEffect(() => {
    const v = createViewer(host.current!);
    viewer.current = v;
    let live = true;
    setReady(false);
    v.importXML(xml).then(
      () => {
        if (!live) return;
        imported.current?.(v);
        v.get<{ zoom(scale: 'fit-viewport'): number }>('canvas').zoom('fit-viewport');
        setReady(true);
      },
      (err: Error) => live && setError(err.message),
    );
    return () => {
      live = false;
      v.destroy();
      viewer.current = null;
    };
  }, [xml]);

  return { host, viewer, ready, error };
}
