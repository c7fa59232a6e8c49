import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../i18n';
import { navigate, type PageProps } from '../router';
import { ErrorBox, Loading } from '../ui/ErrorBox';
import { useAsync } from '../ui/useAsync';
import { createViewer, type NavigatedViewer } from './bpmnViewer';
import { fetchXml, listVersions } from './definitions';
import { diffDefinitions, formatChange, type ChangeKind, type ElementChange } from './diagramDiff';
import { focusElement, type Canvas, type Registry } from './canvasFocus';
import { compareHref, editorHref, migrationHref, sopSheetHref } from './links';
import { can, me } from '../session';
import { useSignal } from '../signal';

const MARKER: Record<ChangeKind, string> = { added: 'diff-added', removed: 'diff-removed', changed: 'diff-changed', layout: 'diff-layout' };

/** Which versions to compare: both from the address, defaulting to the latest and the one before. */
function chosen(query: URLSearchParams, latest: number): { a: number; b: number } {
  const num = (v: string | null) => (v && /^\d+$/.test(v) ? Number(v) : undefined);
  const b = num(query.get('b')) ?? latest;
  return { a: num(query.get('a')) ?? Math.max(1, b - 1), b };
}

/** `/proses/:key/banding?a=1&b=2`: two versions side by side with their differences marked and listed. */
export default function ComparePage({ params, query }: PageProps) {
  const key = params.key;
  const user = useSignal(me);
  const versions = useAsync(() => listVersions(key), [key]);
  if (versions.error) return <ErrorBox error={versions.error} />;
  if (!versions.data) return <Loading />;
  const list = versions.data;
  const latest = list[list.length - 1].version;
  const { a, b } = chosen(query, latest);
  const name = list[list.length - 1].name ?? key;

  const select = (which: 'a' | 'b', value: number) => navigate(compareHref(key, which === 'a' ? value : a, which === 'b' ? value : b));
  return (
    <>
      <p>
        <a href="#/proses">{t('modeler.editor.back')}</a> · <a href={`#${editorHref(key)}`}>{t('modeler.compare.openEditor')}</a>
        {can.deploy(user) && a !== b && (
          <>
            {' · '}
            <a href={`#${migrationHref(key, a, b)}`} data-testid="compare-migrate">
              {t('modeler.migrate.link')}
            </a>
          </>
        )}
      </p>
      <h1>{t('modeler.compare.title', { name })}</h1>
      <div class="row compare-pick">
        {(['a', 'b'] as const).map((which) => (
          <div>
            <label for={`compare-${which}`}>{t(`modeler.compare.version.${which}`)}</label>
            <select
              id={`compare-${which}`}
              value={String(which === 'a' ? a : b)}
              onChange={(e) => select(which, Number((e.target as HTMLSelectElement).value))}
              data-testid={`compare-select-${which}`}
            >
              {list.map((v) => (
                <option value={String(v.version)}>{t('modeler.editor.versionN', { version: v.version })}</option>
              ))}
            </select>
          </div>
        ))}
      </div>
      {list.some((v) => v.version === a) && list.some((v) => v.version === b) && (
        <p class="compare-sheets" data-testid="compare-sheets">
          {t('modeler.sop.sheet.link')}:{' '}
          <a href={`#${sopSheetHref(key, a)}`}>{t('modeler.compare.sheetOf', { version: a })}</a> ·{' '}
          <a href={`#${sopSheetHref(key, b)}`}>{t('modeler.compare.sheetOf', { version: b })}</a>
        </p>
      )}
      {list.some((v) => v.version === a) && list.some((v) => v.version === b) ? (
        <Comparison key={`${key}:${a}:${b}`} processKey={key} a={a} b={b} />
      ) : (
        <p class="error" role="alert">
          {t('modeler.compare.noSuchVersion', { a, b })}
        </p>
      )}
    </>
  );
}

function Comparison({ processKey, a, b }: { processKey: string; a: number; b: number }) {
  const leftRef = useRef<HTMLDivElement>(null);
  const rightRef = useRef<HTMLDivElement>(null);
  const viewers = useRef<NavigatedViewer[]>([]);
  const [changes, setChanges] = useState<ElementChange[]>();
  const [error, setError] = useState<unknown>();
  const [selected, setSelected] = useState<string>();

  useEffect(() => {
    const left = createViewer(leftRef.current!);
    const right = createViewer(rightRef.current!);
    viewers.current = [left, right];
    let live = true;
    (async () => {
      const [xmlA, xmlB] = await Promise.all([fetchXml(processKey, a), fetchXml(processKey, b)]);
      await Promise.all([left.importXML(xmlA), right.importXML(xmlB)]);
      if (!live) return;
      const found = diffDefinitions(left.getDefinitions(), right.getDefinitions());
      for (const [viewer, side] of [
        [left, 'a'],
        [right, 'b'],
      ] as const) {
        const registry = viewer.get<Registry>('elementRegistry');
        const canvas = viewer.get<Canvas>('canvas');
        for (const c of found) {
          if (side === 'a' && c.kinds.includes('added')) continue;
          if (side === 'b' && c.kinds.includes('removed')) continue;
          if (!registry.get(c.id)) continue;
          for (const kind of c.kinds) canvas.addMarker(c.id, MARKER[kind]);
        }
        canvas.zoom('fit-viewport', 'auto');
      }
      linkViewboxes(left, right);
      setChanges(found);
    })().catch((e: unknown) => live && setError(e));
    return () => {
      live = false;
      left.destroy();
      right.destroy();
    };
  }, [processKey, a, b]);

  const focus = (id: string) => {
    setSelected(id);
    for (const viewer of viewers.current) focusElement(viewer, id);
  };

  return (
    <>
      <ErrorBox error={error} />
      <Legend />
      <div class="compare-grid">
        <section aria-labelledby="compare-a-title">
          <h2 id="compare-a-title">{t('modeler.editor.versionN', { version: a })}</h2>
          <div class="diagram compare-canvas" ref={leftRef} data-testid="compare-canvas-a" />
        </section>
        <section aria-labelledby="compare-b-title">
          <h2 id="compare-b-title">{t('modeler.editor.versionN', { version: b })}</h2>
          <div class="diagram compare-canvas" ref={rightRef} data-testid="compare-canvas-b" />
        </section>
      </div>
      <h2>{t('modeler.compare.changes')}</h2>
      {!changes && !error && <Loading />}
      {changes && changes.length === 0 && <p class="muted">{t('modeler.compare.none')}</p>}
      {changes && changes.length > 0 && (
        <ul class="change-list" data-testid="change-list">
          {changes.map((c) => (
            <li key={c.id} data-testid={`change-item-${c.id}`}>
              <button
                class={`change-entry${selected === c.id ? ' is-selected' : ''}`}
                onClick={() => focus(c.id)}
                aria-pressed={selected === c.id}
                data-testid={`change-${c.id}`}
                data-element-id={c.id}
              >
                <span class="change-kinds">
                  {c.kinds.map((k) => (
                    <span class={`badge change-${k}`}>{t(`modeler.compare.kind.${k}`)}</span>
                  ))}
                </span>
                <span class="change-name">{c.name || c.id}</span>
                <span class="muted change-id">
                  {c.type} · <code>{c.id}</code>
                </span>
              </button>
              {c.attrs.length > 0 && (
                <ul class="change-attrs">
                  {c.attrs.map((attr) => {
                    const [from, to] = formatChange(attr);
                    return (
                      <li>
                        <code>{attr.path}</code>: <del>{from}</del> → <ins>{to}</ins>
                      </li>
                    );
                  })}
                </ul>
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function Legend() {
  return (
    <p class="compare-legend">
      {(['added', 'removed', 'changed', 'layout'] as const).map((k) => (
        <span class={`badge change-${k}`}>{t(`modeler.compare.kind.${k}`)}</span>
      ))}
    </p>
  );
}

type Viewbox = { x: number; y: number; width: number; height: number };

/** Panning or zooming one version moves the other along, so the same place stays in view. */
function linkViewboxes(a: NavigatedViewer, b: NavigatedViewer): void {
  let syncing = false;
  const follow = (from: NavigatedViewer, to: NavigatedViewer) =>
    from.get<{ on(event: string, cb: (e: { viewbox: Viewbox }) => void): void }>('eventBus').on('canvas.viewbox.changed', (e) => {
      if (syncing) return;
      syncing = true;
      const { x, y, width, height } = e.viewbox;
      const canvas = to.get<Canvas>('canvas');
      const now = canvas.viewbox();
      // Equal boxes end the exchange, also if diagram-js defers its change events.
      if (Math.abs(now.x - x) + Math.abs(now.y - y) + Math.abs(now.width - width) > 0.5) canvas.viewbox({ x, y, width, height });
      syncing = false;
    });
  follow(a, b);
  follow(b, a);
}
