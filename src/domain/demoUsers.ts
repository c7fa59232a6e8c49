import { roleIds, roles } from './roles';
import type { Users } from './users';

export const DEMO_PASSWORD = 'demo12345';
/** The OPD the demo's OPD-bound users belong to. */
export const DEMO_OPD = 'dinkes';

/**
 * One user per role for trying the system: username = role id, password `demo12345`, mail at
 * kapuas.example (a reserved domain: no real mailbox is ever written to). Never in production.
 */
export async function seedDemoUsers(users: Users, nodeEnv: string): Promise<string[]> {
  if (nodeEnv === 'production') throw new Error('demo users are refused when NODE_ENV=production');
  const existing = new Set((await users.list()).map((u) => u.username));
  const created: string[] = [];
  for (const role of roleIds) {
    if (existing.has(role)) continue;
    const made = await users.create({
      username: role,
      password: DEMO_PASSWORD,
      email: `${role}@kapuas.example`,
      displayName: `Demo ${roles[role].label}`,
      opd: roles[role].opdBound ? DEMO_OPD : null,
      roles: [role],
    }).catch((err: { status?: number }) => {
      // Another app process starting on the same database created it first.
      if (err.status === 409) return undefined;
      throw err;
    });
    if (made) created.push(role);
  }
  return created;
}
