import { useEffect, useState } from 'preact/hooks';
import type { SopPerformanceReport } from '../../../src/contract/performance';
import { api, get, withQuery } from '../api';
import { t } from '../i18n';
import { navigate, type PageProps } from '../router';
import { ErrorBox, Loading } from '../ui/ErrorBox';
import { useAsync } from '../ui/useAsync';
import type { Opd, ProcessDefinition } from '../history/types';
import { PeriodFields } from '../recap/PeriodFields';
import { initialForm, periodLabel, queryOf, type RecapForm } from '../recap/recapForm';
import { HeatLegend, HeatmapDiagram } from './HeatmapDiagram';
import { LateList } from './LateList';
import { PerformanceTable } from './PerformanceTable';
import { periodForm } from './periodForm';
import '../recap/recap.css';
import './kinerja.css';

const ASKED = ['key', 'version', 'period', 'from', 'to', 'opd'] as const;

interface Choice {
  key: string;
  version: string;
  opd: string;
  period: RecapForm;
}

/**
 * Kinerja SOP: per activity of one SOP version, over a period (and an OPD), how many were done,
 * the share on time and the durations in working time, on the diagram as a heatmap and in a
 * table; an activity chosen (on the diagram or in the table) lists its late completions. What is
 * shown lives in the address, so a bookmark or Back shows the same figures.
 */
export default function KinerjaPage({ query }: PageProps) {
  const asked = Object.fromEntries(ASKED.map((k) => [k, query.get(k) ?? undefined])) as Record<(typeof ASKED)[number], string | undefined>;
  const element = query.get('element');
  const offset = Number(query.get('offset')) || 0;
  const options = useAsync(() => Promise.all([get<ProcessDefinition[]>('/api/process-definitions'), get<Opd[]>('/api/opds')]), []);
  const definitions = options.data?.[0] ?? [];
  const key = asked.key ?? (definitions.find((d) => d.key.startsWith('sop-')) ?? definitions[0])?.key;
  const report = useAsync(
    async () => (key ? get<SopPerformanceReport>(withQuery('/api/performance', { ...asked, key })) : undefined),
    [query.toString(), key],
  );
  const r = report.data;
  const xml = useAsync(
    async () => (r ? api<string>('GET', `/api/process-definitions/${encodeURIComponent(r.processKey)}/versions/${r.version}/xml`) : undefined),
    [r?.processKey, r?.version],
  );
  const [form, setForm] = useState<Choice>({ key: '', version: '', opd: '', period: initialForm() });
  // The versions of the SOP in the picker, as soon as another one is picked (before Tampilkan).
  const pickedKey = form.key || key;
  const versions = useAsync(async () => (pickedKey ? get<ProcessDefinition[]>(`/api/process-definitions/${encodeURIComponent(pickedKey)}/versions`) : []), [pickedKey]);
  const pickedVersions = (versions.data ?? []).filter((v) => v.key === pickedKey);
  useEffect(() => {
    if (r) setForm({ key: r.processKey, version: asked.version ?? '', opd: r.opd ?? '', period: periodForm(r.period) });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [r]);
  // OPD staff get their own OPD whatever is asked: no choice to offer them.
  const choosesOpd = !!r && !(r.opd && !asked.opd);
  const current = (more: Record<string, string | undefined>) => withQuery('/kinerja', { ...asked, key, ...more });
  const choose = (id: string) => navigate(current({ element: id, offset: undefined }));

  const submit = (e: Event) => {
    e.preventDefault();
    const href = withQuery('/kinerja', { key: form.key || key, version: form.version || undefined, opd: choosesOpd ? form.opd || undefined : undefined, ...queryOf(form.period, false) });
    if (location.hash === `#${href}`) report.reload();
    else navigate(href);
  };
  const fileQuery = r ? { key: r.processKey, version: String(r.version), opd: asked.opd, ...queryOf(periodForm(r.period), false) } : {};
  const selected = r?.activities.find((a) => a.elementId === element) ?? null;

  return (
    <section class="kinerja recap">
      <h1>{t('kinerja.title')}</h1>
      <ErrorBox error={options.error} />
      {options.data && definitions.length === 0 && <p>{t('kinerja.noSop')}</p>}
      {definitions.length > 0 && (
        <form class="card" onSubmit={submit} aria-label={t('kinerja.form')} data-testid="kinerja-form">
          <div class="row">
            <div>
              <label for="k-key">{t('kinerja.sop')}</label>
              <select id="k-key" name="key" value={form.key || key} onChange={(e) => setForm({ ...form, key: (e.currentTarget as HTMLSelectElement).value, version: '' })}>
                {definitions.map((d) => (
                  <option value={d.key}>{d.name ? `${d.name} (${d.key})` : d.key}</option>
                ))}
              </select>
            </div>
            <div>
              <label for="k-version">{t('kinerja.version')}</label>
              <select id="k-version" name="version" value={form.version} onChange={(e) => setForm({ ...form, version: (e.currentTarget as HTMLSelectElement).value })}>
                <option value="">{pickedVersions.length ? t('kinerja.newest', { version: pickedVersions[pickedVersions.length - 1].version }) : '–'}</option>
                {pickedVersions.map((v) => (
                  <option value={String(v.version)}>{v.version}</option>
                ))}
              </select>
            </div>
            {choosesOpd && (
              <div>
                <label for="k-opd">{t('kinerja.opd')}</label>
                <select id="k-opd" name="opd" value={form.opd} onChange={(e) => setForm({ ...form, opd: (e.currentTarget as HTMLSelectElement).value })}>
                  <option value="">{t('kinerja.allOpds')}</option>
                  {(options.data?.[1] ?? []).map((o) => (
                    <option value={o.code}>{o.name}</option>
                  ))}
                </select>
              </div>
            )}
          </div>
          <PeriodFields form={form.period} onChange={(period) => setForm({ ...form, period })} choosesDistrict={false} />
          <div class="actions">
            <button type="submit" class="primary" disabled={report.loading}>
              {t('kinerja.show')}
            </button>
          </div>
        </form>
      )}
      <ErrorBox error={report.error} />
      {!r && report.loading && key && <Loading />}
      {r && (
        <div aria-busy={report.loading ? 'true' : 'false'}>
          <h2 class="recap-title" data-testid="kinerja-heading">
            {t('kinerja.heading', { sop: r.processName ?? r.processKey, version: r.version, period: periodLabel(r.period) })}
            {r.opd ? ` — ${r.opdName ?? r.opd}` : ''}
          </h2>
          <div class="actions">
            {(['xlsx', 'pdf'] as const).map((format) => (
              <a class="button" href={withQuery(`/api/performance.${format}`, fileQuery)} download data-testid={`kinerja-${format}`}>
                {t(`kinerja.${format}`)}
              </a>
            ))}
          </div>
          <ErrorBox error={xml.error} />
          {xml.data && <HeatmapDiagram xml={xml.data} activities={r.activities} selected={element} onSelect={choose} />}
          <HeatLegend />
          <PerformanceTable activities={r.activities} selected={element} onSelect={choose} />
          <p class="kinerja-note">{t('kinerja.note')}</p>
          {selected ? (
            <LateList
              report={r}
              activity={selected}
              opd={asked.opd}
              offset={offset}
              onPage={(o) => navigate(current({ element: selected.elementId, offset: o ? String(o) : undefined }))}
            />
          ) : (
            <p>{t('kinerja.pick')}</p>
          )}
        </div>
      )}
    </section>
  );
}
