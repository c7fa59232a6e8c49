import { useState } from 'preact/hooks';
import type { Opd } from '../../../src/contract/admin';
import { districts, type District } from '../../../src/contract/complaints';
import { api, get } from '../api';
import { t } from '../i18n';
import type { PageProps } from '../router';
import { ErrorBox, Loading } from '../ui/ErrorBox';
import { useAsync } from '../ui/useAsync';
import { AdminTable } from './AdminTable';
import { useChange } from './useChange';
import './admin.css';

/**
 * The OPD catalogue (admin-sistem): the agencies a complaint can be about and staff can belong
 * to, per district. An inactive OPD takes no new complaints; its running ones go on.
 */
export default function OpdsPage(_props: PageProps) {
  const state = useAsync(() => get<Opd[]>('/api/opds'), []);
  const [draft, setDraft] = useState<{ code: string; name: string; district: District }>({ code: '', name: '', district: 'kapuas' });
  const { busy, error, notice, run: act } = useChange(state.reload);
  const add = async (e: Event) => {
    e.preventDefault();
    const body = { code: draft.code.trim(), name: draft.name.trim(), district: draft.district };
    if (await act(() => api('POST', '/api/opds', body), t('opds.added', { name: body.name }))) setDraft({ ...draft, code: '', name: '' });
  };
  const toggle = (o: Opd) => act(() => api('PATCH', `/api/opds/${o.code}`, { active: !o.active }), t(o.active ? 'opds.deactivated' : 'opds.activated', { name: o.name }));

  return (
    <section class="admin">
      <h1>{t('opds.title')}</h1>
      <p class="muted">{t('opds.intro')}</p>
      <form class="card" onSubmit={add} aria-busy={busy} data-testid="opd-form">
        <h2>{t('opds.add')}</h2>
        <div class="row">
          <div>
            <label for="opd-district">{t('opds.field.district')}</label>
            <select id="opd-district" value={draft.district} onChange={(e) => setDraft({ ...draft, district: e.currentTarget.value as District })}>
              {districts.map((d) => (
                <option value={d} key={d}>
                  {t(`complaint.district.${d}`)}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label for="opd-code">{t('opds.field.code')}</label>
            <input id="opd-code" required maxLength={60} value={draft.code} onInput={(e) => setDraft({ ...draft, code: e.currentTarget.value })} aria-describedby="opd-code-hint" />
            <p class="muted" id="opd-code-hint">{t('opds.field.code.hint')}</p>
          </div>
          <div>
            <label for="opd-name">{t('opds.field.name')}</label>
            <input id="opd-name" required maxLength={200} value={draft.name} onInput={(e) => setDraft({ ...draft, name: e.currentTarget.value })} />
          </div>
        </div>
        <div class="actions">
          <button type="submit" class="primary" disabled={busy}>
            {t('opds.save')}
          </button>
        </div>
      </form>
      {notice && (
        <p class="notice" role="status" data-testid="opds-notice">
          {notice}
        </p>
      )}
      <ErrorBox error={error ?? state.error} />
      {!state.data ? (
        <Loading />
      ) : (
        <AdminTable testId="opds" columns={[t('opds.col.name'), t('opds.col.code'), t('opds.col.district'), t('opds.col.active')]} actionLabel={t('opds.col.action')}>
          {state.data.map((o) => (
            <tr key={o.code} data-code={o.code} class={o.active ? '' : 'muted'}>
              <td data-label={t('opds.col.name')}>{o.name}</td>
              <td data-label={t('opds.col.code')}>{o.code}</td>
              <td data-label={t('opds.col.district')}>{t(`complaint.district.${o.district}`)}</td>
              <td data-label={t('opds.col.active')}>{t(o.active ? 'opds.active' : 'opds.inactive')}</td>
              <td>
                <button type="button" disabled={busy} onClick={() => void toggle(o)}>
                  {t(o.active ? 'opds.deactivate' : 'opds.activate')}
                </button>
              </td>
            </tr>
          ))}
        </AdminTable>
      )}
    </section>
  );
}
