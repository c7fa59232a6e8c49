import { useEffect, useState } from 'preact/hooks';
import type { ComplaintRecapReport } from '../../../src/contract/recap';
import { get, withQuery } from '../api';
import { t } from '../i18n';
import { navigate, type PageProps } from '../router';
import { ErrorBox, Loading } from '../ui/ErrorBox';
import { useAsync } from '../ui/useAsync';
import { RecapReport } from './RecapReport';
import { PeriodFields } from './PeriodFields';
import { formOf, initialForm, queryOf, type RecapForm } from './recapForm';
import './recap.css';

const ASKED = ['district', 'period', 'from', 'to', 'offset'] as const;
/** The list's page: a district's quarter fits on one; the CSV holds any period whole. */
const PAGE = 500;

/**
 * The periodic complaint recap (SOP 555/03, 555/04, 555/06, Kapuas Hulu 10): a period to choose,
 * then the counts, the list, its downloads (CSV, XLSX, PDF) and a print-out. What is shown lives in the address, so a
 * bookmark or Back shows the same recap; without a period the server gives the current quarter.
 */
export default function RecapPage({ query }: PageProps) {
  const asked = Object.fromEntries(ASKED.map((k) => [k, query.get(k) ?? undefined]));
  const state = useAsync(() => get<ComplaintRecapReport>(withQuery('/api/recap', { ...asked, limit: String(PAGE) })), [query.toString()]);
  const toPage = (offset: number) => navigate(withQuery('/rekap', { ...asked, offset: offset ? String(offset) : undefined }));
  const report = state.data;
  const [form, setForm] = useState<RecapForm>(initialForm);
  // The form shows what the recap below covers (also the default the server chose).
  useEffect(() => {
    if (report) setForm(formOf(report));
  }, [report]);
  // Only readers of every complaint choose a district: OPD staff's recap is their OPD's.
  const choosesDistrict = report?.scope.opd === null;

  const submit = (e: Event) => {
    e.preventDefault();
    const href = withQuery('/rekap', queryOf(form, choosesDistrict));
    // The same period again is a refresh.
    if (location.hash === `#${href}`) state.reload();
    else navigate(href);
  };

  return (
    <section class="recap">
      <h1 class="no-print">{t('recap.title')}</h1>
      <form class="card no-print" onSubmit={submit} aria-label={t('recap.form')} data-testid="recap-form">
        <PeriodFields form={form} onChange={setForm} choosesDistrict={choosesDistrict} />
        <div class="actions">
          <button type="submit" class="primary" disabled={state.loading}>
            {t('recap.show')}
          </button>
        </div>
      </form>
      <ErrorBox error={state.error} />
      {!report && state.loading && <Loading />}
      {report && (
        <div aria-busy={state.loading ? 'true' : 'false'}>
          <div class="actions no-print">
            {(['csv', 'xlsx', 'pdf'] as const).map((format) => (
              <a class="button" href={withQuery(`/api/recap.${format}`, queryOf(formOf(report), true))} download data-testid={`recap-${format}`}>
                {t(`recap.${format}`)}
              </a>
            ))}
            <button type="button" onClick={() => window.print()}>
              {t('recap.print')}
            </button>
          </div>
          <RecapReport report={report} onPage={toPage} />
        </div>
      )}
    </section>
  );
}
