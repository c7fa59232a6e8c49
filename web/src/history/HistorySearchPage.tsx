import { useEffect, useState } from 'preact/hooks';
import { get, withQuery } from '../api';
import { formatDateTime, t } from '../i18n';
import { navigate, type PageProps } from '../router';
import { ErrorBox, Loading } from '../ui/ErrorBox';
import { useAsync } from '../ui/useAsync';
import { instanceStatuses, type AuditListItem, type AuditPage, type Opd, type ProcessDefinition } from './types';

export const PAGE_SIZE = 25;

const FIELDS = ['trackingId', 'key', 'status', 'opd', 'from', 'to', 'overdue'] as const;
type Field = (typeof FIELDS)[number];
type Filters = Record<Field, string>;

function filtersOf(query: URLSearchParams): Filters {
  return Object.fromEntries(FIELDS.map((f) => [f, query.get(f) ?? ''])) as Filters;
}

function hrefOf(filters: Filters, page: number): string {
  return withQuery('/riwayat', { ...filters, page: page > 1 ? page : undefined });
}

/** Search every instance the reader may audit; the filters live in the address, so Back and bookmarks work. */
export default function HistorySearchPage({ query }: PageProps) {
  const applied = filtersOf(query);
  const page = Math.max(1, Number(query.get('page')) || 1);
  const [form, setForm] = useState<Filters>(applied);
  // Back/forward change the address: the form shows what the results are for.
  useEffect(() => setForm(filtersOf(query)), [query.toString()]);
  const options = useAsync(
    () => Promise.all([get<ProcessDefinition[]>('/api/process-definitions'), get<Opd[]>('/api/opds')]),
    [],
  );
  // The page travels with its rows: while the next page loads, the indicator still tells what is shown.
  const results = useAsync(
    async () => ({
      page,
      ...(await get<AuditPage>(withQuery('/api/audit/instances', { ...applied, overdue: applied.overdue === 'true' ? 'true' : undefined, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }))),
    }),
    [query.toString()],
  );
  const set = (f: Field) => (e: Event) => {
    const el = e.currentTarget as HTMLInputElement;
    setForm({ ...form, [f]: el.type === 'checkbox' ? (el.checked ? 'true' : '') : el.value });
  };
  const submit = (e: Event) => {
    e.preventDefault();
    navigate(hrefOf(form, 1));
  };
  const reset = () => {
    const empty = filtersOf(new URLSearchParams());
    setForm(empty);
    navigate('/riwayat');
  };
  const [definitions, opds] = options.data ?? [[], []];
  const sops = [...new Map(definitions.map((d) => [d.key, d])).values()].sort((a, b) => (a.name ?? a.key).localeCompare(b.name ?? b.key));
  const pages = results.data ? Math.max(1, Math.ceil(results.data.total / PAGE_SIZE)) : 1;
  const shownPage = results.data?.page ?? page;

  return (
    <section class="audit">
      <h1>{t('history.title')}</h1>
      <form class="card" role="search" onSubmit={submit} aria-label={t('history.title')}>
        <div class="row">
          <div>
            <label for="h-tracking">{t('history.trackingId')}</label>
            <input id="h-tracking" name="trackingId" value={form.trackingId} onInput={set('trackingId')} placeholder="KPS-2026-000001" autocomplete="off" />
          </div>
          <div>
            <label for="h-sop">{t('history.sop')}</label>
            <select id="h-sop" name="key" value={form.key} onChange={set('key')}>
              <option value="">{t('history.any')}</option>
              {sops.map((d) => (
                <option value={d.key}>{d.name ? `${d.name} (${d.key})` : d.key}</option>
              ))}
            </select>
          </div>
          <div>
            <label for="h-status">{t('history.status')}</label>
            <select id="h-status" name="status" value={form.status} onChange={set('status')}>
              <option value="">{t('history.any')}</option>
              {instanceStatuses.map((s) => (
                <option value={s}>{t(`status.${s}`)}</option>
              ))}
            </select>
          </div>
          <div>
            <label for="h-opd">{t('history.opd')}</label>
            <select id="h-opd" name="opd" value={form.opd} onChange={set('opd')}>
              <option value="">{t('history.any')}</option>
              {opds.map((o) => (
                <option value={o.code}>{o.name}</option>
              ))}
            </select>
          </div>
          <div>
            <label for="h-from">{t('history.from')}</label>
            <input id="h-from" name="from" type="date" value={form.from} onInput={set('from')} />
          </div>
          <div>
            <label for="h-to">{t('history.to')}</label>
            <input id="h-to" name="to" type="date" value={form.to} onInput={set('to')} />
          </div>
        </div>
        <label class="check" for="h-overdue">
          <input id="h-overdue" name="overdue" type="checkbox" checked={form.overdue === 'true'} onChange={set('overdue')} />
          {t('history.overdue')}
        </label>
        <div class="actions">
          <button type="submit" class="primary">
            {t('history.search')}
          </button>
          <button type="button" onClick={reset}>
            {t('history.reset')}
          </button>
        </div>
        <ErrorBox error={options.error} />
      </form>

      <ErrorBox error={results.error} />
      {results.loading && !results.data && <Loading />}
      {results.data && (
        <div aria-busy={results.loading ? 'true' : 'false'}>
          <p class="muted" role="status" data-testid="history-total">
            {t('history.results', { total: `${results.data.total}${results.data.totalCapped ? '+' : ''}` })}
          </p>
          {results.data.items.length === 0 ? (
            <p>{t('history.noResults')}</p>
          ) : (
            <ResultTable items={results.data.items} opdNames={new Map(opds.map((o) => [o.code, o.name]))} />
          )}
          {pages > 1 && (
            <nav class="audit-pages" aria-label={t('history.pagination')}>
              <button type="button" disabled={shownPage <= 1 || results.loading} onClick={() => navigate(hrefOf(applied, shownPage - 1))}>
                {t('history.prev')}
              </button>
              <span aria-current="page" data-testid="history-page">
                {t('history.page', { page: shownPage, pages })}
              </span>
              <button type="button" disabled={shownPage >= pages || results.loading} onClick={() => navigate(hrefOf(applied, shownPage + 1))}>
                {t('history.next')}
              </button>
            </nav>
          )}
        </div>
      )}
    </section>
  );
}

/** A table on wide screens; each row becomes a card below 640 px (see the audit block in styles.css). */
function ResultTable({ items, opdNames }: { items: AuditListItem[]; opdNames: Map<string, string> }) {
  return (
    <div class="table-wrap">
      <table class="audit-results" data-testid="history-results">
        <thead>
          <tr>
            <th scope="col">{t('history.col.instance')}</th>
            <th scope="col">{t('history.col.process')}</th>
            <th scope="col">{t('history.col.status')}</th>
            <th scope="col">{t('history.col.opd')}</th>
            <th scope="col">{t('history.col.started')}</th>
            <th scope="col">{t('history.col.ended')}</th>
            <th scope="col">{t('history.col.tasks')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((i) => (
            <tr data-instance-id={i.id}>
              <td data-label={t('history.col.instance')}><div>
                <a href={`#/riwayat/${i.id}`}>{i.businessKey ?? i.id.slice(0, 8)}</a>
                {i.parentId && <span class="muted"> · {t('history.subInstance')}</span>}
              </div></td>
              <td data-label={t('history.col.process')}><div>
                {i.processName ?? i.key} <span class="muted">v{i.version}</span>
              </div></td>
              <td data-label={t('history.col.status')}><div>
                <span class={`badge audit-status-${i.status}`}>{t(`status.${i.status}`)}</span>
              </div></td>
              <td data-label={t('history.col.opd')}><div>{i.opd ? (opdNames.get(i.opd) ?? i.opd) : '–'}</div></td>
              <td data-label={t('history.col.started')}><div>{formatDateTime(i.startedAt)}</div></td>
              <td data-label={t('history.col.ended')}><div>{formatDateTime(i.endedAt)}</div></td>
              <td data-label={t('history.col.tasks')}><div>
                {t('history.tasksSummary', { open: i.openTasks })}
                {i.overdueTasks > 0 && <span class="badge sla-red"> {t('history.overdueCount', { n: i.overdueTasks })}</span>}
                {i.lateTasks > 0 && <span class="badge sla-amber"> {t('history.lateCount', { n: i.lateTasks })}</span>}
              </div></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
