import type { ActivityPerformance, LateCompletionPage, SopPerformanceReport } from '../../../src/contract/performance';
import { get, withQuery } from '../api';
import { formatDateTime, t } from '../i18n';
import { ErrorBox, Loading } from '../ui/ErrorBox';
import { useAsync } from '../ui/useAsync';
import { periodForm } from './periodForm';
import { queryOf } from '../recap/recapForm';
import { workingDuration } from './heat';

const PAGE = 20;

/** An activity's late completions in the period, longest first, a page at a time; each links to its instance's history. */
export function LateList({ report, activity, opd, offset, onPage }: { report: SopPerformanceReport; activity: ActivityPerformance; opd?: string; offset: number; onPage: (offset: number) => void }) {
  const q = { key: report.processKey, version: String(report.version), element: activity.elementId, opd, ...queryOf(periodForm(report.period), false), limit: String(PAGE), offset: String(offset) };
  const state = useAsync(() => get<LateCompletionPage>(withQuery('/api/performance/late', q)), [JSON.stringify(q)]);
  const page = state.data;
  return (
    <section data-testid="kinerja-late">
      <h3>{t('kinerja.late.title', { name: activity.name ?? activity.elementId })}</h3>
      <ErrorBox error={state.error} />
      {!page && state.loading && <Loading />}
      {page && page.items.length === 0 && <p>{t('kinerja.late.none')}</p>}
      {page && page.items.length > 0 && (
        <>
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('kinerja.late.instance')}</th>
                  <th scope="col">{t('kinerja.late.opd')}</th>
                  <th scope="col">{t('kinerja.late.due')}</th>
                  <th scope="col">{t('kinerja.late.ended')}</th>
                  <th scope="col" class="num">{t('kinerja.late.took')}</th>
                  <th scope="col">{t('kinerja.late.by')}</th>
                </tr>
              </thead>
              <tbody>
                {page.items.map((i) => (
                  <tr>
                    <td>
                      <a href={`#/riwayat/${i.instanceId}`}>{i.businessKey ?? i.instanceId.slice(0, 8)}</a>
                    </td>
                    <td>{i.opdName ?? i.opd ?? '–'}</td>
                    <td>{formatDateTime(i.dueAt)}</td>
                    <td>{formatDateTime(i.endedAt)}</td>
                    <td class="num">{workingDuration(i.workMs)}</td>
                    <td>{i.endedBy ?? '–'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div class="actions">
            <button type="button" disabled={offset === 0} onClick={() => onPage(Math.max(0, offset - PAGE))}>
              {t('kinerja.late.prev')}
            </button>
            <span>{t('kinerja.late.page', { from: offset + 1, to: offset + page.items.length, total: page.page.total })}</span>
            <button type="button" disabled={offset + page.items.length >= page.page.total} onClick={() => onPage(offset + PAGE)}>
              {t('kinerja.late.more')}
            </button>
          </div>
        </>
      )}
    </section>
  );
}
