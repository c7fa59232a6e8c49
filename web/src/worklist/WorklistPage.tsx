import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { get, post, withQuery } from '../api';
import { formatDateTime, t } from '../i18n';
import type { PageProps } from '../router';
import { ErrorBox, Loading } from '../ui/ErrorBox';
import { SlaBadge, SlaStandard } from './SlaBadge';
import type { Worklist, WorklistItem } from './types';
import { useMedia, usePolling } from './usePolling';
import { noteWorklistCounts } from './waitingWork';

type Tab = 'mine' | 'group';
interface Filters {
  sop: string;
  opd: string;
  status: '' | 'claimed' | 'unclaimed';
  overdue: boolean;
  q: string;
  sort: 'due' | 'created';
}
interface Option {
  value: string;
  label: string;
}

const POLL_MS = 10_000;

function useOptions() {
  const [sops, setSops] = useState<Option[]>([]);
  const [opds, setOpds] = useState<Option[]>([]);
  useEffect(() => {
    get<{ key: string; name: string | null }[]>('/api/process-definitions').then(
      (list) => setSops(list.map((p) => ({ value: p.key, label: p.name ? `${p.name} (${p.key})` : p.key }))),
      () => undefined,
    );
    get<{ code: string; name: string }[]>('/api/opds').then(
      (list) => setOpds(list.map((o) => ({ value: o.code, label: o.name }))),
      () => undefined,
    );
  }, []);
  return { sops, opds };
}

/** The worklist: my tasks and my groups' claimable tasks, refreshed every 10 s while visible. */
export default function WorklistPage({ query }: PageProps) {
  const asked = query.get('tab');
  const [tab, setTab] = useState<Tab>(asked === 'group' ? 'group' : 'mine');
  // Without a tab in the address, the page opens on the one that has work: "Tugas saya (0)" with
  // a claimable task next door is how a Kasi missed hers.
  const chosen = useRef(asked === 'group' || asked === 'mine');
  const [filters, setFilters] = useState<Filters>({ sop: '', opd: '', status: '', overdue: false, q: query.get('q') ?? '', sort: 'due' });
  const [search, setSearch] = useState(filters.q);
  const [data, setData] = useState<Worklist | undefined>();
  const [error, setError] = useState<unknown>();
  const [announcement, setAnnouncement] = useState('');
  const [actionError, setActionError] = useState<unknown>();
  const [claimed, setClaimed] = useState<WorklistItem | undefined>();
  const [busy, setBusy] = useState<string | undefined>();
  const wide = useMedia('(min-width: 800px)');
  const { sops, opds } = useOptions();
  const opdName = (code: string | null) => (code ? (opds.find((o) => o.value === code)?.label ?? code) : '–');
  const finished = query.get('selesai');

  const key = JSON.stringify([tab, filters]);
  const previous = useRef<{ key: string; ids: Set<string>; counts: Worklist['counts'] } | undefined>();
  const currentKey = useRef(key);
  currentKey.current = key;
  const refresh = useCallback(async () => {
    try {
      const next = await get<Worklist>(
        withQuery('/api/worklist', {
          scope: tab,
          sop: filters.sop,
          opd: filters.opd,
          status: filters.status,
          overdue: filters.overdue ? 'true' : undefined,
          q: filters.q.trim(),
          sort: filters.sort,
        }),
      );
      // An answer to filters the user has since changed is no longer what they look at.
      if (currentKey.current !== key) return;
      const before = previous.current;
      if (before && before.key === key) {
        const fresh = next.items.filter((i) => !before.ids.has(i.id));
        const other: Tab = tab === 'mine' ? 'group' : 'mine';
        const otherNew = next.counts[other] - before.counts[other];
        const parts: string[] = [];
        if (fresh.length) parts.push(t('worklist.newHere', { n: fresh.length, names: fresh.map((i) => i.name ?? i.elementId).join(', ') }));
        if (otherNew > 0) parts.push(t('worklist.newThere', { n: otherNew, tab: t(`worklist.tab.${other}`) }));
        if (parts.length) setAnnouncement(parts.join(' '));
      }
      noteWorklistCounts(next);
      if (!chosen.current) {
        chosen.current = true;
        const better: Tab | undefined = tab === 'mine' && next.counts.mine === 0 && next.counts.group > 0 ? 'group' : undefined;
        if (better) {
          setTab(better);
          return;
        }
      }
      previous.current = { key, ids: new Set(next.items.map((i) => i.id)), counts: next.counts };
      setData(next);
      setError(undefined);
    } catch (err) {
      setError(err);
    }
  }, [key]);

  useEffect(() => {
    void refresh();
  }, [refresh]);
  usePolling(() => void refresh(), POLL_MS);

  const claim = async (item: WorklistItem) => {
    setBusy(item.id);
    setActionError(undefined);
    setClaimed(undefined);
    try {
      await post(`/api/tasks/${item.id}/claim`);
      setClaimed(item);
    } catch (err) {
      setActionError(err);
    } finally {
      setBusy(undefined);
      // One's own claim is no news: start the comparison afresh.
      previous.current = undefined;
      void refresh();
    }
  };

  const set = <K extends keyof Filters>(k: K, v: Filters[K]) => setFilters((f) => ({ ...f, [k]: v }));
  const counts = data?.counts;
  const tabs: Tab[] = ['mine', 'group'];

  return (
    <section aria-labelledby="worklist-title">
      <div class="title-row">
        <h1 id="worklist-title">{t('worklist.title')}</h1>
        {counts && counts.overdue > 0 && (
          <span class="badge sla-red" data-testid="overdue-count">
            {t('worklist.overdueCount', { n: `${counts.overdue}${data?.countsCapped?.overdue ? '+' : ''}` })}
          </span>
        )}
      </div>
      {finished !== null && (
        <p class="notice" role="status" data-testid="completed-notice">
          {finished ? t('worklist.completedNamed', { name: finished }) : t('worklist.completed')}
        </p>
      )}
      <div aria-live="polite" role="status" class="live-region" data-testid="worklist-live">
        {announcement}
      </div>
      <div role="tablist" aria-label={t('worklist.title')} class="tabs">
        {tabs.map((k) => (
          <button
            role="tab"
            id={`tab-${k}`}
            aria-selected={tab === k}
            aria-controls="worklist-panel"
            tabIndex={tab === k ? 0 : -1}
            onClick={() => {
              chosen.current = true;
              setTab(k);
            }}
            onKeyDown={(e) => {
              if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
                const next = k === 'mine' ? 'group' : 'mine';
                chosen.current = true;
                setTab(next);
                document.getElementById(`tab-${next}`)?.focus();
              }
            }}
          >
            {t(`worklist.tab.${k}`)} <span class="count">({counts ? `${counts[k]}${data?.countsCapped?.[k] ? '+' : ''}` : '…'})</span>
          </button>
        ))}
      </div>

      <form
        class="filters"
        role="search"
        aria-label={t('worklist.filters')}
        onSubmit={(e) => {
          e.preventDefault();
          set('q', search);
        }}
      >
        <label for="wl-q">{t('worklist.search')}</label>
        <div class="search-row">
          <input id="wl-q" type="search" value={search} placeholder="KPS-2026-000001" onInput={(e) => setSearch(e.currentTarget.value)} />
          <button type="submit">{t('worklist.searchButton')}</button>
        </div>
        <details open={wide} class="filter-box">
          <summary>{t('worklist.filterToggle')}</summary>
          <div class="row">
            <div>
              <label for="wl-sop">{t('worklist.sop')}</label>
              <select id="wl-sop" value={filters.sop} onChange={(e) => set('sop', e.currentTarget.value)}>
                <option value="">{t('worklist.all')}</option>
                {sops.map((o) => (
                  <option value={o.value}>{o.label}</option>
                ))}
              </select>
            </div>
            <div>
              <label for="wl-opd">{t('worklist.opd')}</label>
              <select id="wl-opd" value={filters.opd} onChange={(e) => set('opd', e.currentTarget.value)}>
                <option value="">{t('worklist.all')}</option>
                {opds.map((o) => (
                  <option value={o.value}>{o.label}</option>
                ))}
              </select>
            </div>
            <div>
              <label for="wl-status">{t('worklist.status')}</label>
              <select id="wl-status" value={filters.status} onChange={(e) => set('status', e.currentTarget.value as Filters['status'])}>
                <option value="">{t('worklist.all')}</option>
                <option value="claimed">{t('worklist.status.claimed')}</option>
                <option value="unclaimed">{t('worklist.status.unclaimed')}</option>
              </select>
            </div>
            <div>
              <label for="wl-sort">{t('worklist.sort')}</label>
              <select id="wl-sort" value={filters.sort} onChange={(e) => set('sort', e.currentTarget.value as Filters['sort'])}>
                <option value="due">{t('worklist.sort.due')}</option>
                <option value="created">{t('worklist.sort.created')}</option>
              </select>
            </div>
            <div>
              <label class="check" for="wl-overdue">
                <input id="wl-overdue" type="checkbox" checked={filters.overdue} onChange={(e) => set('overdue', e.currentTarget.checked)} />
                {t('worklist.overdueOnly')}
              </label>
            </div>
          </div>
        </details>
      </form>

      <ErrorBox error={actionError} />
      {claimed && (
        <p class="notice" role="status">
          {t('worklist.claimed', { name: claimed.name ?? claimed.elementId })} <a href={`#/tugas/${claimed.id}`}>{t('worklist.open')}</a>
        </p>
      )}
      <ErrorBox error={error} />

      <div id="worklist-panel" role="tabpanel" aria-labelledby={`tab-${tab}`}>
        {!data ? (
          <Loading />
        ) : data.items.length === 0 ? (
          <p class="muted" data-testid="worklist-empty">
            {t(tab === 'mine' ? 'worklist.emptyMine' : 'worklist.emptyGroup')}
          </p>
        ) : wide ? (
          <WorklistTable items={data.items} tab={tab} busy={busy} onClaim={claim} opdName={opdName} />
        ) : (
          <ul class="worklist-cards">
            {data.items.map((item) => (
              <li class="card" data-testid={`task-${item.id}`}>
                <h2 class="task-name">
                  <a href={`#/tugas/${item.id}`}>{item.name ?? item.elementId}</a>
                </h2>
                <p class="muted">{item.processName ?? item.processKey}</p>
                {item.trackingId && (
                  <p>
                    <span class="tracking">{item.trackingId}</span> {item.complaintSubject && <span>· {item.complaintSubject}</span>}
                  </p>
                )}
                <p>
                  <SlaBadge sla={item.sla} testId={`sla-${item.id}`} /> <SlaStandard sla={item.sla} />
                </p>
                <p class="muted">
                  {t('worklist.col.opd')}: {opdName(item.opd)} · {t('worklist.col.due')}: {formatDateTime(item.dueAt)}
                </p>
                {tab === 'group' && <ClaimButton item={item} busy={busy} onClaim={claim} />}
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}

function ClaimButton({ item, busy, onClaim }: { item: WorklistItem; busy?: string; onClaim: (i: WorklistItem) => void }) {
  return (
    <button
      class="primary"
      data-testid={`claim-${item.id}`}
      aria-label={t('worklist.claimLabel', { name: item.name ?? item.elementId, id: item.trackingId ?? '' }).trim()}
      disabled={busy === item.id}
      onClick={() => onClaim(item)}
    >
      {t('worklist.claim')}
    </button>
  );
}

function WorklistTable(props: {
  items: WorklistItem[];
  tab: Tab;
  busy?: string;
  onClaim: (i: WorklistItem) => void;
  opdName: (code: string | null) => string;
}) {
  return (
    <div class="table-wrap">
      <table class="worklist-table">
        <thead>
          <tr>
            <th scope="col">{t('worklist.col.task')}</th>
            <th scope="col">{t('worklist.col.sop')}</th>
            <th scope="col">{t('worklist.col.tracking')}</th>
            <th scope="col">{t('worklist.col.opd')}</th>
            <th scope="col">{t('worklist.col.sla')}</th>
            <th scope="col">{t('worklist.col.due')}</th>
            {props.tab === 'group' && <th scope="col">{t('worklist.col.action')}</th>}
          </tr>
        </thead>
        <tbody>
          {props.items.map((item) => (
            <tr data-testid={`task-${item.id}`}>
              <td>
                <a href={`#/tugas/${item.id}`} class="task-name">
                  {item.name ?? item.elementId}
                </a>
                {item.complaintSubject && <div class="muted">{item.complaintSubject}</div>}
              </td>
              <td>{item.processName ?? item.processKey}</td>
              <td class="tracking">{item.trackingId ?? '–'}</td>
              <td>{props.opdName(item.opd)}</td>
              <td>
                <SlaBadge sla={item.sla} testId={`sla-${item.id}`} />
                <div>
                  <SlaStandard sla={item.sla} />
                </div>
              </td>
              <td>{formatDateTime(item.dueAt)}</td>
              {props.tab === 'group' && (
                <td>
                  <ClaimButton item={item} busy={props.busy} onClaim={props.onClaim} />
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
