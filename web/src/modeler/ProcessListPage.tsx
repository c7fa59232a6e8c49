import { useState } from 'preact/hooks';
import { formatDateTime, t } from '../i18n';
import type { PageProps } from '../router';
import { can, me } from '../session';
import { useSignal } from '../signal';
import { ErrorBox, Loading } from '../ui/ErrorBox';
import { useAsync } from '../ui/useAsync';
import { listLatest, listVersions, type ProcessDefinition } from './definitions';
import { compareHref, editorHref } from './links';
import './modeler.css';

/** `/proses`: every SOP diagram with its latest version; each expands to all its versions. */
export default function ProcessListPage(_props: PageProps) {
  const user = useSignal(me);
  const { data, error, loading } = useAsync(listLatest, []);
  return (
    <>
      <div class="modeler-heading">
        <h1>{t('modeler.list.title')}</h1>
        {can.deploy(user) && (
          <a class="button-link primary" href="#/proses/baru" data-testid="new-diagram">
            {t('modeler.list.new')}
          </a>
        )}
      </div>
      <ErrorBox error={error} />
      {loading && !data && <Loading />}
      {data && data.length === 0 && <p class="muted">{t('modeler.list.empty')}</p>}
      {data && (
        <ul class="process-list">
          {[...data]
            .sort((a, b) => a.key.localeCompare(b.key))
            .map((d) => (
              <ProcessCard key={d.key} definition={d} />
            ))}
        </ul>
      )}
    </>
  );
}

function ProcessCard({ definition: d }: { definition: ProcessDefinition }) {
  const [open, setOpen] = useState(false);
  const listId = `versions-${d.key}`;
  return (
    <li class="card process-card" data-testid={`process-${d.key}`}>
      <h2>
        <a href={`#${editorHref(d.key)}`}>{d.name ?? d.key}</a>
      </h2>
      <dl class="process-facts">
        <dt>{t('modeler.list.key')}</dt>
        <dd>
          <code>{d.key}</code>
        </dd>
        <dt>{t('modeler.list.latest')}</dt>
        <dd>{d.version}</dd>
        <dt>{t('modeler.list.deployedAt')}</dt>
        <dd>{formatDateTime(d.createdAt)}</dd>
      </dl>
      <div class="actions">
        <a class="button-link" href={`#${editorHref(d.key)}`}>
          {t('modeler.list.open')}
        </a>
        {d.version > 1 && (
          <a class="button-link" href={`#${compareHref(d.key, d.version - 1, d.version)}`}>
            {t('modeler.list.compareLatest')}
          </a>
        )}
        <button aria-expanded={open} aria-controls={listId} onClick={() => setOpen(!open)} data-testid={`versions-toggle-${d.key}`}>
          {t('modeler.list.versions', { count: d.version })}
        </button>
      </div>
      {open && <VersionList id={listId} processKey={d.key} />}
    </li>
  );
}

function VersionList({ id, processKey }: { id: string; processKey: string }) {
  const { data, error, loading } = useAsync(() => listVersions(processKey), [processKey]);
  return (
    <div id={id}>
      <ErrorBox error={error} />
      {loading && !data && <Loading />}
      {data && (
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">{t('modeler.list.versionsOf', { key: processKey })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('modeler.list.version')}</th>
                <th scope="col">{t('modeler.list.deployedAt')}</th>
                <th scope="col">{t('modeler.list.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {[...data].reverse().map((v) => (
                <tr key={v.version} data-testid={`version-${processKey}-${v.version}`}>
                  <td>{v.version}</td>
                  <td>{formatDateTime(v.createdAt)}</td>
                  <td>
                    <div class="version-actions">
                      <a href={`#${editorHref(processKey, v.version)}`} aria-label={t('modeler.list.openVersion', { version: v.version })}>
                        {t('modeler.list.open')}
                      </a>
                      {v.version > 1 && (
                        <a href={`#${compareHref(processKey, v.version - 1, v.version)}`}>{t('modeler.list.compare', { a: v.version - 1 })}</a>
                      )}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
