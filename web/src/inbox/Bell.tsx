import { useEffect } from 'preact/hooks';
import { t } from '../i18n';
import { useSignal } from '../signal';
import { followUnread, unread } from './unread';

/** The top bar's bell: the inbox, with the count of unread notifications beside it. */
export function Bell() {
  const n = useSignal(unread);
  useEffect(() => followUnread(), []);
  const label = n ? t('inbox.unreadCount', { n }) : t('inbox.bell');
  return (
    <a class="bell" href="#/kotak-masuk" aria-label={label} title={label} data-testid="inbox-bell">
      <span aria-hidden="true">🔔</span>
      {!!n && (
        <span class="nav-count" data-testid="inbox-unread">
          {n > 99 ? '99+' : n}
        </span>
      )}
    </a>
  );
}
