import { useState } from 'preact/hooks';
import type { GroupInfo, Opd, RoleInfo, UserView } from '../../../src/contract/admin';
import { api } from '../api';
import { t } from '../i18n';
import { ErrorBox } from '../ui/ErrorBox';

interface Draft {
  username: string;
  displayName: string;
  email: string;
  password: string;
  roles: string[];
  groups: string[];
  opd: string;
  active: boolean;
}

const draftOf = (u: UserView | undefined): Draft => ({
  username: u?.username ?? '',
  displayName: u?.displayName ?? '',
  email: u?.email ?? '',
  password: '',
  roles: u?.roles ?? [],
  groups: u?.memberships ?? [],
  opd: u?.opd ?? '',
  active: u?.active ?? true,
});

/**
 * Creates a user (POST /api/users) or changes one (PATCH /api/users/:id). The roles come from the
 * SOPs' list; an OPD-bound role (pejabat-penghubung, …) needs the user's OPD, so tasks for that
 * OPD reach them. Groups beyond the roles (GET /api/groups) are ticked the same way; an inactive
 * one can be kept but not joined. The server checks all of it again and names what it refuses.
 */
export function UserForm(props: { user?: UserView; roles: RoleInfo[]; groups: GroupInfo[]; opds: Opd[]; onSaved: (u: UserView) => void; onCancel: () => void }) {
  const { user, roles, groups, opds } = props;
  const [d, setD] = useState<Draft>(() => draftOf(user));
  const [problem, setProblem] = useState<string>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setD((x) => ({ ...x, [k]: v }));
  const bound = roles.filter((r) => r.opdBound);
  const boundChosen = [
    ...bound.filter((r) => d.roles.includes(r.id)).map((r) => r.label),
    ...groups.filter((g) => g.opdBound && d.groups.includes(g.id)).map((g) => g.name),
  ];
  const member = new Set(user?.memberships ?? []);
  const id = (name: string) => `user-${user?.id ?? 'new'}-${name}`;

  const submit = async (e: Event) => {
    e.preventDefault();
    setProblem(undefined);
    if (d.roles.length === 0 && d.groups.length === 0) return setProblem(t('users.need.roles'));
    if (boundChosen.length && !d.opd) return setProblem(t('users.need.opd', { roles: boundChosen.join(', ') }));
    setBusy(true);
    setError(undefined);
    try {
      const common = { displayName: d.displayName.trim() || undefined, email: d.email.trim(), roles: d.roles, groups: d.groups, opd: d.opd || null };
      const saved = user
        ? await api<UserView>('PATCH', `/api/users/${user.id}`, { ...common, active: d.active, ...(d.password && { password: d.password }) })
        : await api<UserView>('POST', '/api/users', { ...common, username: d.username.trim(), password: d.password });
      props.onSaved(saved);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="card admin-user-form" onSubmit={submit} aria-busy={busy} data-testid="user-form">
      <h2>{user ? t('users.edit', { username: user.username }) : t('users.new')}</h2>
      <div class="row">
        {!user && (
          <div>
            <label for={id('username')}>{t('users.field.username')}</label>
            <input id={id('username')} required pattern="[a-z0-9._\-]{3,50}" autoComplete="off" value={d.username} onInput={(e) => set('username', e.currentTarget.value)} aria-describedby={id('username-hint')} />
            <p class="muted" id={id('username-hint')}>{t('users.field.username.hint')}</p>
          </div>
        )}
        <div>
          <label for={id('name')}>{t('users.field.name')}</label>
          <input id={id('name')} value={d.displayName} onInput={(e) => set('displayName', e.currentTarget.value)} />
        </div>
        <div>
          <label for={id('email')}>{t('users.field.email')}</label>
          <input id={id('email')} type="email" required value={d.email} onInput={(e) => set('email', e.currentTarget.value)} />
        </div>
        <div>
          <label for={id('password')}>{t(user ? 'users.field.newPassword' : 'users.field.password')}</label>
          <input
            id={id('password')}
            type="password"
            autoComplete="new-password"
            required={!user}
            minLength={8}
            value={d.password}
            onInput={(e) => set('password', e.currentTarget.value)}
            aria-describedby={id('password-hint')}
          />
          <p class="muted" id={id('password-hint')}>{t('users.field.password.hint')}</p>
        </div>
      </div>
      <fieldset class="admin-roles">
        <legend>{t('users.field.roles')}</legend>
        {roles.map((r) => (
          <label class="check" key={r.id}>
            <input
              type="checkbox"
              value={r.id}
              checked={d.roles.includes(r.id)}
              onChange={(e) => set('roles', e.currentTarget.checked ? [...d.roles, r.id] : d.roles.filter((x) => x !== r.id))}
              data-testid={`role-${r.id}`}
            />{' '}
            {r.label}
            {r.opdBound && <span class="muted"> ({t('users.opdBound')})</span>}
          </label>
        ))}
      </fieldset>
      <fieldset class="admin-roles" data-testid="user-groups">
        <legend>{t('users.field.groups')}</legend>
        {groups.length === 0 && <p class="muted">{t('users.field.groups.none')}</p>}
        {groups.map((g) => (
          <label class="check" key={g.id}>
            <input
              type="checkbox"
              value={g.id}
              checked={d.groups.includes(g.id)}
              disabled={!g.active && !member.has(g.id)}
              onChange={(e) => set('groups', e.currentTarget.checked ? [...d.groups, g.id] : d.groups.filter((x) => x !== g.id))}
              data-testid={`group-${g.id}`}
            />{' '}
            {g.name} <span class="muted">({g.id}{g.opdBound ? `, ${t('users.opdBound')}` : ''}{g.active ? '' : `, ${t('users.group.inactive')}`})</span>
          </label>
        ))}
      </fieldset>
      <label for={id('opd')}>{t('users.field.opd')}</label>
      <select id={id('opd')} value={d.opd} onChange={(e) => set('opd', e.currentTarget.value)} aria-describedby={id('opd-hint')}>
        <option value="">{t('users.field.opd.none')}</option>
        {opds.map((o) => (
          <option value={o.code} key={o.code} disabled={!o.active && o.code !== d.opd}>
            {o.name} ({o.code})
          </option>
        ))}
      </select>
      <p class="muted" id={id('opd-hint')}>{t('users.field.opd.hint', { roles: bound.map((r) => r.label).join(', ') })}</p>
      {user && (
        <label class="check">
          <input type="checkbox" checked={d.active} onChange={(e) => set('active', e.currentTarget.checked)} /> {t('users.field.active')}
        </label>
      )}
      {problem && (
        <p class="error" role="alert">
          {problem}
        </p>
      )}
      <ErrorBox error={error} />
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>
          {user ? t('users.save') : t('users.create')}
        </button>
        <button type="button" onClick={props.onCancel} disabled={busy}>
          {t('users.cancel')}
        </button>
      </div>
    </form>
  );
}
