import type { ComplaintRecapReport, RecapComplaint, RecapOpdRow } from '../../../src/contract/recap';
import { formatDateTime, t } from '../i18n';
import { periodLabel } from './recapForm';

const opdLabel = (o: { opd: string | null; opdName: string | null }) => o.opdName ?? o.opd ?? t('recap.noOpd');

/** The recap as the SOPs hand it on: a titled sheet with counts, the OPDs' follow-up and the list. */
export function RecapReport({ report, onPage }: { report: ComplaintRecapReport; onPage?: (offset: number) => void }) {
  const title = t('recap.heading', { district: t(`complaint.district.${report.district}`), period: periodLabel(report.period) });
  const { totals } = report;
  return (
    <article class="recap-sheet" aria-labelledby="recap-heading">
      <h2 id="recap-heading" class="recap-title" data-testid="recap-title">
        {title}
      </h2>
      {report.scope.opd && <p class="recap-meta">{t('recap.opdScope', { opd: opdLabel(report.scope) })}</p>}
      <p class="recap-meta muted" data-testid="recap-generated-at">
        {t('recap.generatedAt', { at: formatDateTime(report.generatedAt) })}
      </p>

      <section aria-labelledby="recap-totals-h">
        <h3 id="recap-totals-h">{t('recap.totals')}</h3>
        <dl class="recap-totals" data-testid="recap-totals">
          {(['received', 'answered', 'finished', 'open', 'late'] as const).map((k) => (
            <div data-total={k} class={k === 'late' && totals.late > 0 ? 'recap-late' : undefined}>
              <dt>{t(`recap.totals.${k}`)}</dt>
              <dd>{totals[k]}</dd>
            </div>
          ))}
        </dl>
        <p class="muted recap-note">{t('recap.totals.note')}</p>
      </section>

      <div class="recap-grid">
        <CountTable id="channel" title={t('recap.byChannel')} head={t('recap.col.channel')} rows={report.byChannel.map((c) => [t(`complaint.channel.${c.channel}`), c.count])} total={totals.received} />
        <CountTable id="status" title={t('recap.byStatus')} head={t('recap.col.status')} rows={report.byStatus.map((s) => [t(`complaint.status.${s.status}`), s.count])} total={totals.received} />
      </div>

      <section aria-labelledby="recap-opd-h">
        <h3 id="recap-opd-h">{t('recap.byOpd')}</h3>
        {report.byOpd.length === 0 ? <p class="muted">{t('recap.empty')}</p> : <OpdTable rows={report.byOpd} />}
      </section>

      <section aria-labelledby="recap-list-h">
        <h3 id="recap-list-h">{t('recap.list')}</h3>
        {report.complaints.length === 0 ? <p class="muted">{t('recap.empty')}</p> : <ComplaintList complaints={report.complaints} first={report.page.offset + 1} />}
        {report.page.total > report.page.limit && onPage && <ListPages page={report.page} onPage={onPage} />}
      </section>

      {/* SOP 555/03: the Kasi and then the Kabid check and initial the printed report. */}
      <section class="print-only recap-initials" aria-label={t('recap.initials')}>
        {(['admin', 'kasi', 'kabid'] as const).map((who) => (
          <div>{t(`recap.initials.${who}`)}</div>
        ))}
      </section>
    </article>
  );
}

function CountTable({ id, title, head, rows, total }: { id: string; title: string; head: string; rows: [string, number][]; total: number }) {
  return (
    <section aria-labelledby={`recap-${id}-h`}>
      <h3 id={`recap-${id}-h`}>{title}</h3>
      <table class="recap-counts" data-testid={`recap-by-${id}`}>
        <thead>
          <tr>
            <th scope="col">{head}</th>
            <th scope="col" class="num">{t('recap.col.count')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([label, count]) => (
            <tr class={count === 0 ? 'recap-zero' : undefined}>
              <td>{label}</td>
              <td class="num">{count}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('recap.total')}</th>
            <td class="num">{total}</td>
          </tr>
        </tfoot>
      </table>
    </section>
  );
}

function OpdTable({ rows }: { rows: RecapOpdRow[] }) {
  const cols = ['received', 'answered', 'open', 'late'] as const;
  return (
    <div class="table-wrap">
      <table class="recap-counts" data-testid="recap-by-opd">
        <thead>
          <tr>
            <th scope="col">{t('recap.col.opd')}</th>
            {cols.map((c) => (
              <th scope="col" class="num">
                {t(`recap.col.${c}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr>
              <td>{opdLabel(r)}</td>
              {cols.map((c) => (
                <td class={`num${c === 'late' && r.late > 0 ? ' recap-late' : ''}`}>{r[c]}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A table on wide screens and on paper; each row a card below 640 px (the audit-results block in styles.css). */
/** A long period's list comes a page at a time; the CSV holds the whole period. */
function ListPages({ page, onPage }: { page: ComplaintRecapReport['page']; onPage: (offset: number) => void }) {
  const to = Math.min(page.offset + page.limit, page.total);
  return (
    <nav class="audit-pages no-print" aria-label={t('recap.pagination')}>
      <button type="button" disabled={page.offset === 0} onClick={() => onPage(Math.max(0, page.offset - page.limit))}>
        {t('recap.prev')}
      </button>
      <span aria-current="page" data-testid="recap-page">
        {t('recap.pageOf', { from: page.offset + 1, to, total: page.total })}
      </span>
      <button type="button" disabled={to >= page.total} onClick={() => onPage(page.offset + page.limit)}>
        {t('recap.next')}
      </button>
    </nav>
  );
}

function ComplaintList({ complaints, first }: { complaints: RecapComplaint[]; first: number }) {
  const col = (key: string) => t(`recap.col.${key}`);
  return (
    <div class="table-wrap">
      <table class="audit-results recap-list" data-testid="recap-list">
        <thead>
          <tr>
            {['no', 'trackingId', 'receivedAt', 'channel', 'subject', 'opd', 'status', 'answeredAt', 'closedAt', 'late'].map((k) => (
              <th scope="col" data-col={k}>
                {col(k)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {complaints.map((c, i) => (
            <tr data-tracking-id={c.trackingId}>
              <td data-label={col('no')}><div>{first + i}</div></td>
              <td data-label={col('trackingId')}><div class="tracking">{c.trackingId}</div></td>
              <td data-label={col('receivedAt')}><div>{formatDateTime(c.receivedAt)}</div></td>
              <td data-label={col('channel')}><div>{t(`complaint.channel.${c.channel}`)}</div></td>
              <td data-label={col('subject')}><div class="recap-subject">{c.subject}</div></td>
              <td data-label={col('opd')}><div>{c.opd ? opdLabel(c) : '–'}</div></td>
              <td data-label={col('status')}><div><span class={`badge status-${c.status}`}>{t(`complaint.status.${c.status}`)}</span></div></td>
              <td data-label={col('answeredAt')}><div>{formatDateTime(c.answeredAt)}</div></td>
              <td data-label={col('closedAt')}><div>{formatDateTime(c.closedAt)}</div></td>
              <td data-label={col('late')}><div class={c.late ? 'recap-late' : undefined}>{t(c.late ? 'recap.yes' : c.extended ? 'recap.extended' : 'recap.no')}</div></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
