import type { MailState, OutboxMail, OutboxPage as Page } from '../../../src/contract/mail';
import { post, get, withQuery } from '../api';
import { formatDateTime, t } from '../i18n';
import { navigate, type PageProps } from '../router';
import { ErrorBox, Loading } from '../ui/ErrorBox';
import { useAsync } from '../ui/useAsync';
import { AdminTable } from './AdminTable';
import { useChange } from './useChange';
import './admin.css';

const PAGE = 50;
const states: MailState[] = ['pending', 'sent', 'failed', 'digest', 'digested'];

/**
 * `#/admin/kotak-keluar` (admin-sistem): every mail the system wrote, newest first, a page at a
 * time, with its state, attempts and last error; a mail can be sent again. The state and the page
 * live in the address, so a filtered view can be shared.
 */
export default function OutboxPage({ query }: PageProps) {
  const state = (states as string[]).includes(query.get('status') ?? '') ? (query.get('status') as MailState) : undefined;
  const offset = Math.max(0, Number(query.get('dari')) || 0);
  const list = useAsync(() => get<Page>(withQuery('/api/admin/mails', { state, limit: PAGE, offset })), [state, offset]);
  const { busy, error, notice, run } = useChange(list.reload);
  const go = (next: { status?: string; dari?: number }) => navigate(withQuery('/admin/kotak-keluar', { status: next.status ?? state, dari: next.dari || undefined }));
  const resend = (m: OutboxMail) => void run(() => post(`/api/admin/mails/${m.id}/resend`), t('outbox.resent', { subject: m.subject }));

  return (
    <section class="admin">
      <h1>{t('outbox.title')}</h1>
      <p class="muted">{t('outbox.intro')}</p>
      <div class="row admin-year">
        <div>
          <label for="outbox-state">{t('outbox.filter')}</label>
          <select id="outbox-state" value={state ?? ''} onChange={(e) => navigate(withQuery('/admin/kotak-keluar', { status: e.currentTarget.value || undefined }))}>
            <option value="">{t('outbox.state.all')}</option>
            {states.map((s) => (
              <option value={s} key={s}>
                {t(`outbox.state.${s}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      {notice && (
        <p class="notice" role="status" data-testid="outbox-notice">
          {notice}
        </p>
      )}
      <ErrorBox error={error ?? list.error} />
      {!list.data ? (
        <Loading />
      ) : list.data.items.length === 0 ? (
        <p class="muted">{t('outbox.empty')}</p>
      ) : (
        <AdminTable
          testId="outbox"
          columns={[t('outbox.col.created'), t('outbox.col.state'), t('outbox.col.to'), t('outbox.col.subject'), t('outbox.col.attempts'), t('outbox.col.error'), t('outbox.col.sent')]}
          actionLabel={t('outbox.resend')}
        >
          {list.data.items.map((m) => (
            <tr key={m.id} data-id={m.id} data-state={m.state}>
              <td data-label={t('outbox.col.created')}>{formatDateTime(m.createdAt)}</td>
              <td data-label={t('outbox.col.state')}>{t(`outbox.state.${m.state}`)}</td>
              <td data-label={t('outbox.col.to')}>
                {m.toAddress ?? t('outbox.hidden')}
                {m.username ? ` (${m.username})` : m.confidential ? ` (${t('outbox.confidential')})` : ` (${t('outbox.reporter')})`}
              </td>
              <td data-label={t('outbox.col.subject')}>{m.subject}</td>
              <td data-label={t('outbox.col.attempts')}>{m.attempts}</td>
              <td data-label={t('outbox.col.error')}>{m.lastError ?? '—'}</td>
              <td data-label={t('outbox.col.sent')}>{m.sentAt ? formatDateTime(m.sentAt) : '—'}</td>
              <td>
                {['pending', 'sent', 'failed'].includes(m.state) && (
                  <button type="button" disabled={busy} onClick={() => resend(m)} aria-label={`${t('outbox.resend')}: ${m.subject}`}>
                    {t('outbox.resend')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </AdminTable>
      )}
      {list.data && (
        <p class="actions">
          <button type="button" disabled={offset === 0} onClick={() => go({ dari: Math.max(0, offset - PAGE) })}>
            {t('outbox.previous')}
          </button>{' '}
          <button type="button" disabled={!list.data.hasMore} onClick={() => go({ dari: offset + PAGE })} data-testid="outbox-next">
            {t('outbox.next')}
          </button>
        </p>
      )}
    </section>
  );
}
