import { useState } from 'preact/hooks';
import { get, post } from '../api';
import { formatDateTime, t } from '../i18n';
import { itemTitle } from './itemTitle';
import { navigate } from '../router';
import { ErrorBox, Loading } from '../ui/ErrorBox';
import { useAsync } from '../ui/useAsync';
import type { InboxItem, InboxPage as Page } from './types';
import { noteUnread, refreshUnread } from './unread';

const PAGE = 50;

/** `#/kotak-masuk`: the user's notifications, newest first; opening one marks it read and follows its link. */
export default function InboxPage() {
  const [limit, setLimit] = useState(PAGE);
  const [error, setError] = useState<unknown>();
  const page = useAsync(async () => {
    const p = await get<Page>(`/api/notifications?limit=${Math.min(limit, 100)}`);
    noteUnread(p);
    return p;
  }, [limit]);

  const open = async (item: InboxItem) => {
    try {
      if (!item.read) await post(`/api/notifications/${item.id}/read`);
      void refreshUnread();
      navigate(item.link.replace(/^#/, ''));
    } catch (err) {
      setError(err);
    }
  };
  const markAll = async () => {
    try {
      await post('/api/notifications/read-all');
      // The bell takes its count from the list's own answer (noteUnread above): both change together.
      page.reload();
    } catch (err) {
      setError(err);
    }
  };

  if (!page.data) return page.error ? <ErrorBox error={page.error} /> : <Loading />;
  const { items, unread } = page.data;
  return (
    <section class="inbox">
      <h1>{t('inbox.title')}</h1>
      {error !== undefined && <ErrorBox error={error} />}
      <p>
        <button type="button" onClick={() => void markAll()} disabled={unread === 0} data-testid="inbox-mark-all">
          {t('inbox.markAll')}
        </button>{' '}
        <a href="#/kotak-masuk/pengaturan" data-testid="inbox-settings">
          {t('prefs.title')}
        </a>
      </p>
      {items.length === 0 ? (
        <p>{t('inbox.empty')}</p>
      ) : (
        <ul class="inbox-list">
          {items.map((item) => (
            <li key={item.id} class={item.read ? 'read' : 'unread'}>
              <a href={item.link} onClick={(e) => { e.preventDefault(); void open(item); }} data-testid="inbox-item">
                <span class="inbox-kind">{t(`inbox.kind.${item.kind}`)}</span>
                {item.read ? <span>{itemTitle(item, t)}</span> : <strong>{itemTitle(item, t)}<span class="visually-hidden"> ({t('inbox.unread')})</span></strong>}
                <time dateTime={item.createdAt}>{formatDateTime(item.createdAt)}</time>
              </a>
            </li>
          ))}
        </ul>
      )}
      {items.length === limit && limit < 100 && (
        <button type="button" class="link" onClick={() => setLimit(100)}>
          {t('inbox.more')}
        </button>
      )}
    </section>
  );
}
