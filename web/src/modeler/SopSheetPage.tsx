import { useRef } from 'preact/hooks';
import { formatDateTime, t } from '../i18n';
import type { PageProps } from '../router';
import { ErrorBox, Loading } from '../ui/ErrorBox';
import { useAsync } from '../ui/useAsync';
import { listVersions } from './definitions';
import './modeler.css';
import { editorHref, sopSheetApi } from './links';

/**
 * `/proses/:key/sop?v=N`: the SOP sheet (Lembar SOP) of one version. The server writes the one
 * sheet (HTML for the screen and the printer, PDF for download); the page shows that HTML in a
 * frame of our own origin and prints the frame, so what is printed is the sheet alone, with its
 * own A4-landscape print styles.
 */
export default function SopSheetPage({ params, query }: PageProps) {
  const key = params.key;
  const versions = useAsync(() => listVersions(key), [key]);
  const frame = useRef<HTMLIFrameElement>(null);
  if (versions.error) return <ErrorBox error={versions.error} />;
  if (!versions.data) return <Loading />;
  const list = versions.data;
  const wanted = query.get('v');
  const chosen = wanted && /^\d+$/.test(wanted) ? list.find((v) => v.version === Number(wanted)) : list[list.length - 1];
  const name = list[list.length - 1].name ?? key;
  if (!chosen)
    return (
      <p class="error" role="alert">
        {t('modeler.sop.sheet.noVersion')}
      </p>
    );

  // The sheet is as tall as its table: the frame grows to it, so the page scrolls, not the frame.
  const fit = () => {
    const doc = frame.current?.contentDocument;
    if (doc && frame.current) frame.current.style.height = `${doc.documentElement.scrollHeight + 4}px`;
  };
  const print = () => frame.current?.contentWindow?.print();
  return (
    <>
      <p>
        <a href="#/proses">{t('modeler.editor.back')}</a> · <a href={`#${editorHref(key, chosen.version)}`}>{t('modeler.sop.sheet.openDiagram')}</a>
      </p>
      <h1>{t('modeler.sop.sheet.title', { name: chosen.name ?? name })}</h1>
      <div class="modeler-meta sop-sheet-actions">
        <span data-testid="sop-sheet-version">{t('modeler.sop.sheet.version', { version: chosen.version, at: formatDateTime(chosen.createdAt) })}</span>
        <button type="button" class="primary" onClick={print} data-testid="sop-sheet-print">
          {t('modeler.sop.sheet.print')}
        </button>
        <a href={sopSheetApi(key, chosen.version, true)} download data-testid="sop-sheet-pdf">
          {t('modeler.sop.sheet.pdf')}
        </a>
      </div>
      <p class="muted">{t('modeler.sop.sheet.hint')}</p>
      <iframe
        key={`${key}:${chosen.version}`}
        ref={frame}
        class="sop-sheet-frame"
        src={sopSheetApi(key, chosen.version)}
        title={t('modeler.sop.sheet.frame', { name: chosen.name ?? name, version: chosen.version })}
        onLoad={fit}
        data-testid="sop-sheet-frame"
      />
    </>
  );
}
