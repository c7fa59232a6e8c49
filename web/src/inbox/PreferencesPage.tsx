import { useState } from 'preact/hooks';
import type { MailChoice, NotificationPreference } from '../../../src/contract/mail';
import { get, put } from '../api';
import { t } from '../i18n';
import { ErrorBox, Loading } from '../ui/ErrorBox';
import { useAsync } from '../ui/useAsync';

const choices: MailChoice[] = ['segera', 'ringkasan', 'mati'];

/**
 * `#/kotak-masuk/pengaturan`: the user's own choice per notification kind: a mail at once, in the
 * daily digest (07:30 WIB on working days) or none; and for a task newly claimable by their group,
 * whether it appears in the inbox at all. Each change is saved at once.
 */
export default function PreferencesPage() {
  const state = useAsync(() => get<NotificationPreference[]>('/api/me/notification-preferences'), []);
  const [saved, setSaved] = useState<NotificationPreference[]>();
  const [error, setError] = useState<unknown>();
  const [notice, setNotice] = useState<string>();
  const [busy, setBusy] = useState(false);
  const list = saved ?? state.data;

  const change = async (p: NotificationPreference, next: { mail?: MailChoice; inApp?: boolean }) => {
    setBusy(true);
    setError(undefined);
    setNotice(undefined);
    const before = list;
    const wanted = { ...p, mail: next.mail ?? p.mail, inApp: next.inApp ?? p.inApp };
    // Shown as chosen at once (a controlled control would otherwise spring back until the answer).
    setSaved(before?.map((x) => (x.kind === p.kind ? wanted : x)));
    try {
      const body = { preferences: [{ kind: p.kind, mail: wanted.mail, ...(p.inAppOptional && { inApp: wanted.inApp }) }] };
      setSaved(await put<NotificationPreference[]>('/api/me/notification-preferences', body));
      setNotice(t('prefs.saved', { kind: t(`inbox.kind.${p.kind}`) }));
    } catch (err) {
      setSaved(before);
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  if (!list) return state.error ? <ErrorBox error={state.error} /> : <Loading />;
  return (
    <section class="inbox-prefs">
      <p>
        <a href="#/kotak-masuk">{t('prefs.back')}</a>
      </p>
      <h1>{t('prefs.title')}</h1>
      <p class="muted">{t('prefs.intro')}</p>
      {notice && (
        <p class="notice" role="status" data-testid="prefs-notice">
          {notice}
        </p>
      )}
      <ErrorBox error={error} />
      <div class="table-wrap">
        <table data-testid="prefs" aria-busy={busy}>
          <thead>
            <tr>
              <th scope="col">{t('prefs.col.kind')}</th>
              <th scope="col">{t('prefs.col.mail')}</th>
              <th scope="col">{t('prefs.col.inApp')}</th>
            </tr>
          </thead>
          <tbody>
            {list.map((p) => (
              <tr key={p.kind} data-kind={p.kind}>
                <th scope="row">{t(`inbox.kind.${p.kind}`)}</th>
                <td data-label={t('prefs.col.mail')}>
                  <select
                    aria-label={`${t('prefs.col.mail')}: ${t(`inbox.kind.${p.kind}`)}`}
                    value={p.mail}
                    disabled={busy}
                    onChange={(e) => void change(p, { mail: e.currentTarget.value as MailChoice })}
                  >
                    {choices.map((c) => (
                      <option value={c} key={c}>
                        {t(`prefs.mail.${c}`)}
                        {c === p.defaultMail ? ` (${t('prefs.default')})` : ''}
                      </option>
                    ))}
                  </select>
                </td>
                <td data-label={t('prefs.col.inApp')}>
                  {p.inAppOptional ? (
                    <label>
                      <input type="checkbox" checked={p.inApp} disabled={busy} onChange={(e) => void change(p, { inApp: e.currentTarget.checked })} />{' '}
                      {t('prefs.inApp.show')}
                    </label>
                  ) : (
                    <span class="muted">{t('prefs.inApp.always')}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
