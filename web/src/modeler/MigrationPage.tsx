import { useState } from 'preact/hooks';
import { formatDateTime, t } from '../i18n';
import { type PageProps } from '../router';
import { can, me } from '../session';
import { useSignal } from '../signal';
import { ErrorBox, Loading } from '../ui/ErrorBox';
import { useAsync } from '../ui/useAsync';
import { fetchXml, listVersions } from './definitions';
import { editorHref } from './links';
import { flowElementsOf, migrate, MIGRATION_STEP, problemsOf, type DueChange, type InstanceMigrationResult, type MigrationProblem, type MigrationReport } from './migration';

/** "Sen 16 Nov 08.00 → Kam 19 Nov 08.00", or just the date when it stays. */
function dueText(d: DueChange): string {
  const from = d.from ? formatDateTime(d.from) : t('modeler.migrate.noDue');
  const to = d.to ? formatDateTime(d.to) : t('modeler.migrate.noDue');
  return d.from === d.to ? from : `${from} → ${to}`;
}

const instanceLabel = (r: Pick<InstanceMigrationResult, 'businessKey' | 'instanceId'>) => r.businessKey ?? r.instanceId.slice(0, 8);

/**
 * `/proses/:key/pindah`: moving running instances from one version to another. The preview is a
 * dry run (per instance: the steps it is at and where they go, old → new due dates); the move runs
 * in small batches so the bar advances, and lists every instance that could not move and why.
 */
export default function MigrationPage({ params, query }: PageProps) {
  const key = params.key;
  const user = useSignal(me);
  const versions = useAsync(() => listVersions(key), [key]);
  const [pick, setPick] = useState<{ from?: number; to?: number }>({});
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [preview, setPreview] = useState<MigrationReport | undefined>();
  const [problems, setProblems] = useState<MigrationProblem[] | undefined>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<{ done: number; total: number } | undefined>();
  const [outcome, setOutcome] = useState<InstanceMigrationResult[] | undefined>();

  const list = versions.data;
  const latest = list?.[list.length - 1]?.version ?? 1;
  const num = (v: string | null) => (v && /^\d+$/.test(v) ? Number(v) : undefined);
  const to = pick.to ?? num(query.get('ke')) ?? latest;
  const from = pick.from ?? num(query.get('dari')) ?? Math.max(1, to - 1);
  const targets = useAsync(() => fetchXml(key, to).then(flowElementsOf), [key, to]);

  if (versions.error) return <ErrorBox error={versions.error} />;
  if (!list) return <Loading />;
  const name = list[list.length - 1].name ?? key;

  const reset = () => {
    setPreview(undefined);
    setProblems(undefined);
    setError(undefined);
    setOutcome(undefined);
    setProgress(undefined);
  };
  const choose = (which: 'from' | 'to', value: number) => {
    reset();
    setMapping({});
    setPick({ from, to, [which]: value });
  };

  const runPreview = async () => {
    reset();
    setBusy(true);
    try {
      setPreview(await migrate(key, { from, to, instances: 'all', mapping, dryRun: true }));
    } catch (err) {
      const listed = problemsOf(err);
      if (listed) setProblems(listed);
      else setError(err);
    } finally {
      setBusy(false);
    }
  };

  const runMove = async () => {
    if (!preview) return;
    const ids = preview.results.filter((r) => r.status === 'planned').map((r) => r.instanceId);
    setBusy(true);
    setOutcome(undefined);
    setError(undefined);
    const done: InstanceMigrationResult[] = [];
    setProgress({ done: 0, total: ids.length });
    try {
      for (let i = 0; i < ids.length; i += MIGRATION_STEP) {
        const report = await migrate(key, { from, to, instances: ids.slice(i, i + MIGRATION_STEP), mapping, dryRun: false });
        done.push(...report.results);
        setProgress({ done: done.length, total: ids.length });
      }
    } catch (err) {
      setError(err);
    } finally {
      setOutcome(done);
      setBusy(false);
    }
  };

  const moved = outcome?.filter((r) => r.status === 'moved').length ?? 0;
  const failed = outcome?.filter((r) => r.status === 'failed') ?? [];
  const elementName = (id: string) => targets.data?.find((e) => e.id === id)?.name || id;

  return (
    <>
      <p>
        <a href="#/proses">{t('modeler.editor.back')}</a> · <a href={`#${editorHref(key)}`}>{t('modeler.compare.openEditor')}</a>
      </p>
      <h1>{t('modeler.migrate.title', { name })}</h1>
      <p class="muted">{t('modeler.migrate.intro')}</p>
      {!can.deploy(user) && <p class="notice-warn">{t('modeler.migrate.ownersOnly')}</p>}
      <div class="row compare-pick">
        {(['from', 'to'] as const).map((which) => (
          <div>
            <label for={`migrate-${which}`}>{t(`modeler.migrate.${which}`)}</label>
            <select
              id={`migrate-${which}`}
              value={String(which === 'from' ? from : to)}
              disabled={busy}
              onChange={(e) => choose(which, Number((e.target as HTMLSelectElement).value))}
              data-testid={`migrate-${which}`}
            >
              {list.map((v) => (
                <option value={String(v.version)}>{t('modeler.editor.versionN', { version: v.version })}</option>
              ))}
            </select>
          </div>
        ))}
      </div>
      <p>
        <button type="button" onClick={runPreview} disabled={busy || from === to} data-testid="migrate-preview">
          {t('modeler.migrate.preview')}
        </button>
      </p>
      {from === to && <p class="muted">{t('apiError.migration.sameVersion')}</p>}
      <ErrorBox error={error} />

      {problems && (
        <section data-testid="migrate-problems">
          <p class="error" role="alert">
            {t('apiError.migration.unmappable', { count: problems.length })}
          </p>
          <datalist id="migrate-targets">
            {(targets.data ?? []).map((e) => (
              <option value={e.id}>{e.name}</option>
            ))}
          </datalist>
          <table>
            <thead>
              <tr>
                <th>{t('modeler.migrate.instance')}</th>
                <th>{t('modeler.migrate.element')}</th>
                <th>{t('modeler.migrate.why')}</th>
                <th>{t('modeler.migrate.mapTo')}</th>
              </tr>
            </thead>
            <tbody>
              {problems.map((p) => (
                <tr>
                  <td>{p.instanceId.slice(0, 8)}</td>
                  <td>
                    <code>{p.elementId}</code>
                  </td>
                  <td>{t(`modeler.migrate.reason.${p.reason}`, { target: p.target ?? '' })}</td>
                  <td>
                    <input
                      list="migrate-targets"
                      value={mapping[p.elementId] ?? ''}
                      aria-label={t('modeler.migrate.mapToOf', { element: p.elementId })}
                      onInput={(e) => setMapping({ ...mapping, [p.elementId]: (e.target as HTMLInputElement).value.trim() })}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}

      {preview && (
        <section data-testid="migrate-preview-list">
          <h2>{t('modeler.migrate.previewTitle', { count: preview.results.length, from: preview.from, to: preview.to })}</h2>
          {preview.remaining > preview.results.length && <p class="muted">{t('modeler.migrate.more', { shown: preview.results.length, total: preview.remaining })}</p>}
          {preview.results.length === 0 ? (
            <p>{t('modeler.migrate.none', { from })}</p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th>{t('modeler.migrate.instance')}</th>
                  <th>{t('modeler.migrate.steps')}</th>
                  <th>{t('modeler.migrate.taskDue')}</th>
                  <th>{t('modeler.migrate.timers')}</th>
                </tr>
              </thead>
              <tbody>
                {preview.results.map((r) => (
                  <tr data-testid="migrate-row">
                    <td>{instanceLabel(r)}</td>
                    <td>
                      {r.elements.map((e) => (
                        <div>{e.from === e.to ? elementName(e.to) : `${e.from} → ${elementName(e.to)}`}</div>
                      ))}
                    </td>
                    <td>
                      {r.tasks.map((x) => (
                        <div>
                          {x.name ?? x.elementId}: {dueText(x.dueAt)}
                        </div>
                      ))}
                    </td>
                    <td>
                      {r.timers.map((x) => (
                        <div>
                          {elementName(x.elementId)}: {dueText(x.dueAt)}
                        </div>
                      ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {preview.results.length > 0 && can.deploy(user) && !outcome && (
            <p>
              <button type="button" class="primary" onClick={runMove} disabled={busy} data-testid="migrate-run">
                {t('modeler.migrate.run', { count: preview.results.length, to })}
              </button>
            </p>
          )}
        </section>
      )}

      {progress && (
        <p>
          <label for="migrate-progress">{t('modeler.migrate.progress', { done: progress.done, total: progress.total })}</label>
          <progress id="migrate-progress" value={progress.done} max={progress.total} data-testid="migrate-progress" />
        </p>
      )}
      {outcome && (
        <section data-testid="migrate-outcome">
          <p role="status">{t('modeler.migrate.done', { moved, failed: failed.length, to })}</p>
          {failed.length > 0 && (
            <ul data-testid="migrate-failures">
              {failed.map((r) => {
                const worded = r.code ? t(`apiError.${r.code}`) : '';
                return (
                  <li>
                    {instanceLabel(r)}: {worded && worded !== `apiError.${r.code}` ? worded : r.reason}
                  </li>
                );
              })}
            </ul>
          )}
        </section>
      )}
    </>
  );
}
