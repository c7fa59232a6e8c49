import type { Permissions } from '../../src/contract/permissions';
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
  /** What the roles permit, decided by the server (src/domain/permissions.ts). */
  may: Permissions;
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

/** Who may do what in the UI, as the server said at sign-in; it checks every request again. */
export const can = {
  deploy: (u: Me | null | undefined) => !!u?.may.deploy,
  intake: (u: Me | null | undefined) => !!u?.may.intake,
  readHistory: (u: Me | null | undefined) => !!u?.may.readHistory,
  readDashboard: (u: Me | null | undefined) => !!u?.may.readDashboard,
  recap: (u: Me | null | undefined) => !!u?.may.recap,
  administer: (u: Me | null | undefined) => !!u?.may.administer,
  superviseLate: (u: Me | null | undefined) => !!u?.may.superviseLate,
};
