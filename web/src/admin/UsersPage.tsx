import { useState } from 'preact/hooks';
import type { GroupInfo, Opd, RoleInfo, UserView } from '../../../src/contract/admin';
import { get } from '../api';
import { t } from '../i18n';
import type { PageProps } from '../router';
import { ErrorBox, Loading } from '../ui/ErrorBox';
import { useAsync } from '../ui/useAsync';
import { AdminTable } from './AdminTable';
import { UserForm } from './UserForm';
import './admin.css';

/** Users, their roles and groups (admin-sistem): who works which SOP step, for which OPD. */
export default function UsersPage(_props: PageProps) {
  const state = useAsync(
    () => Promise.all([get<UserView[]>('/api/users'), get<RoleInfo[]>('/api/roles'), get<Opd[]>('/api/opds'), get<GroupInfo[]>('/api/groups')]),
    [],
  );
  // undefined: no form open; null: the new-user form; a user: that user's form.
  const [editing, setEditing] = useState<UserView | null | undefined>(undefined);
  const [notice, setNotice] = useState<string>();
  if (!state.data) return state.error ? <ErrorBox error={state.error} /> : <Loading />;
  const [users, roles, opds, groups] = state.data;
  const roleLabel = new Map(roles.map((r) => [r.id, r.label]));
  const groupName = new Map(groups.map((g) => [g.id, g.name]));
  const opdName = new Map(opds.map((o) => [o.code, o.name]));

  const saved = (u: UserView) => {
    setNotice(t(editing ? 'users.saved' : 'users.created', { username: u.username }));
    setEditing(undefined);
    state.reload();
  };

  return (
    <section class="admin">
      <h1>{t('users.title')}</h1>
      {notice && (
        <p class="notice" role="status" data-testid="users-notice">
          {notice}
        </p>
      )}
      {editing === undefined ? (
        <div class="actions">
          <button type="button" class="primary" onClick={() => (setNotice(undefined), setEditing(null))} data-testid="user-new">
            {t('users.new')}
          </button>
        </div>
      ) : (
        <UserForm key={editing?.id ?? 'new'} user={editing ?? undefined} roles={roles} groups={groups} opds={opds} onSaved={saved} onCancel={() => setEditing(undefined)} />
      )}
      <AdminTable
        testId="users"
        columns={[t('users.col.username'), t('users.col.name'), t('users.col.roles'), t('users.col.groups'), t('users.col.opd'), t('users.col.active')]}
        actionLabel={t('users.change')}
      >
        {users.map((u) => (
          <tr key={u.id} data-username={u.username} class={u.active ? '' : 'muted'}>
            <td data-label={t('users.col.username')}>{u.username}</td>
            <td data-label={t('users.col.name')}>
              {u.displayName}
              <div class="muted">{u.email}</div>
            </td>
            <td data-label={t('users.col.roles')}>{u.roles.map((r) => roleLabel.get(r) ?? r).join(', ') || '–'}</td>
            <td data-label={t('users.col.groups')}>{u.memberships.map((g) => groupName.get(g) ?? g).join(', ') || '–'}</td>
            <td data-label={t('users.col.opd')}>{u.opd ? (opdName.get(u.opd) ?? u.opd) : '–'}</td>
            <td data-label={t('users.col.active')}>{t(u.active ? 'users.active' : 'users.inactive')}</td>
            <td>
              <button type="button" onClick={() => (setNotice(undefined), setEditing(u))} aria-label={t('users.edit', { username: u.username })}>
                {t('users.change')}
              </button>
            </td>
          </tr>
        ))}
      </AdminTable>
    </section>
  );
}
