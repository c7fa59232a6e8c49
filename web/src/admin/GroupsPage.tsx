import { useState } from 'preact/hooks';
import type { GroupInfo } from '../../../src/contract/admin';
import { api, get } from '../api';
import { t } from '../i18n';
import type { PageProps } from '../router';
import { ErrorBox, Loading } from '../ui/ErrorBox';
import { useAsync } from '../ui/useAsync';
import { AdminTable } from './AdminTable';
import { useChange } from './useChange';
import './admin.css';

interface Draft {
  id: string;
  name: string;
  opdBound: boolean;
}

const emptyDraft: Draft = { id: '', name: '', opdBound: false };

/**
 * Groups beyond the SOP roles (admin-sistem), e.g. "keuangan": a diagram offers a task to one by
 * its id in camunda:candidateGroups; users are put in them on the user form. A deactivated group
 * offers its members nothing and takes no new members; they stay in it for when it comes back.
 */
export default function GroupsPage(_props: PageProps) {
  const state = useAsync(() => get<GroupInfo[]>('/api/groups'), []);
  const [draft, setDraft] = useState<Draft>(emptyDraft);
  const { busy, error, notice, run: act } = useChange(state.reload);
  const add = async (e: Event) => {
    e.preventDefault();
    const body = { id: draft.id.trim(), name: draft.name.trim(), opdBound: draft.opdBound };
    if (await act(() => api('POST', '/api/groups', body), t('groups.added', { name: body.name }))) setDraft(emptyDraft);
  };
  const toggle = (g: GroupInfo) => act(() => api('PATCH', `/api/groups/${g.id}`, { active: !g.active }), t(g.active ? 'groups.deactivated' : 'groups.activated', { name: g.name }));

  return (
    <section class="admin">
      <h1>{t('groups.title')}</h1>
      <p class="muted">{t('groups.intro')}</p>
      <form class="card" onSubmit={add} aria-busy={busy} data-testid="group-form">
        <h2>{t('groups.add')}</h2>
        <div class="row">
          <div>
            <label for="group-id">{t('groups.field.id')}</label>
            <input
              id="group-id"
              required
              maxLength={60}
              pattern="[a-z0-9]+(-[a-z0-9]+)*"
              value={draft.id}
              onInput={(e) => setDraft({ ...draft, id: e.currentTarget.value })}
              aria-describedby="group-id-hint"
            />
            <p class="muted" id="group-id-hint">{t('groups.field.id.hint')}</p>
          </div>
          <div>
            <label for="group-name">{t('groups.field.name')}</label>
            <input id="group-name" required maxLength={200} value={draft.name} onInput={(e) => setDraft({ ...draft, name: e.currentTarget.value })} />
          </div>
        </div>
        <label class="check">
          <input type="checkbox" checked={draft.opdBound} onChange={(e) => setDraft({ ...draft, opdBound: e.currentTarget.checked })} data-testid="group-opd-bound" />{' '}
          {t('groups.field.opdBound')}
        </label>
        <p class="muted">{t('groups.field.opdBound.hint', { id: draft.id.trim() || 'keuangan' })}</p>
        <div class="actions">
          <button type="submit" class="primary" disabled={busy}>
            {t('groups.save')}
          </button>
        </div>
      </form>
      {notice && (
        <p class="notice" role="status" data-testid="groups-notice">
          {notice}
        </p>
      )}
      <ErrorBox error={error ?? state.error} />
      {!state.data ? (
        <Loading />
      ) : state.data.length === 0 ? (
        <p class="muted">{t('groups.empty')}</p>
      ) : (
        <AdminTable
          testId="groups"
          columns={[t('groups.col.name'), t('groups.col.id'), t('groups.col.opdBound'), t('groups.col.members'), t('groups.col.active')]}
          actionLabel={t('groups.col.action')}
        >
          {state.data.map((g) => (
            <tr key={g.id} data-group={g.id} class={g.active ? '' : 'muted'}>
              <td data-label={t('groups.col.name')}>{g.name}</td>
              <td data-label={t('groups.col.id')}>{g.id}</td>
              <td data-label={t('groups.col.opdBound')}>{t(g.opdBound ? 'groups.yes' : 'groups.no')}</td>
              <td data-label={t('groups.col.members')}>{g.members}</td>
              <td data-label={t('groups.col.active')}>{t(g.active ? 'groups.active' : 'groups.inactive')}</td>
              <td>
                <button type="button" disabled={busy} onClick={() => void toggle(g)}>
                  {t(g.active ? 'groups.deactivate' : 'groups.activate')}
                </button>
              </td>
            </tr>
          ))}
        </AdminTable>
      )}
    </section>
  );
}
