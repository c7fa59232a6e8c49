import { get, post } from './api';
import { signal } from './signal';

/** The signed-in user as `GET /api/auth/me` returns it. */
export interface Me {
  id: string;
  username: string;
  displayName?: string | null;
  email: string;
  roles: string[];
  groups: string[];
  opd: string | null;
}

/** undefined while loading, null when signed out. */
export const me = signal<Me | null | undefined>(undefined);

export async function loadMe(): Promise<void> {
  try {
    me.set(await get<Me>('/api/auth/me'));
  } catch {
    me.set(null);
  }
}

export async function login(username: string, password: string): Promise<void> {
  await post('/api/auth/login', { username, password });
  await loadMe();
}

export async function logout(): Promise<void> {
  try {
    await post('/api/auth/logout');
  } finally {
    me.set(null);
  }
}

export const hasAnyRole = (user: Me | null | undefined, roles: readonly string[]): boolean =>
  !!user && user.roles.some((r) => roles.includes(r));

/** Who may do what in the UI; the server checks the same again on every request. */
export const can = {
  deploy: (u: Me | null | undefined) => hasAnyRole(u, ['pemilik-proses', 'admin-sistem']),
  readAllHistory: (u: Me | null | undefined) => hasAnyRole(u, ['auditor', 'admin-sistem', 'pemilik-proses']),
  intake: (u: Me | null | undefined) => hasAnyRole(u, ['admin-utama', 'admin-penghubung', 'operator-opd']),
};
