import bcrypt from 'bcryptjs';
import type { UserView } from '../contract/admin';
import type { Database, Queryable } from '../db/database';
import { badRequest, conflict, notFound } from '../engine/errors';
import { checkMemberships } from './groups';
import { isRoleId, roles, type RoleId } from './roles';

export type User = UserView<RoleId>;

export interface NewUser {
  username: string;
  password: string;
  email: string;
  displayName?: string;
  opd?: string | null;
  roles: string[];
  /** Groups beyond the SOP roles (GET /api/groups). */
  groups?: string[];
}

const BCRYPT_COST = 10;
export const MIN_PASSWORD_LENGTH = 8;

interface UserRow {
  id: number;
  username: string;
  email: string;
  display_name: string;
  opd: string | null;
  active: boolean;
  roles: string[] | null;
  memberships: string[] | null;
  /** The groups the user acts in, by the database's one rule (user_groups_of, migration 18). */
  groups: string[] | null;
  password_hash?: string;
}

const userSelect = `select u.id, u.username, u.email, u.display_name, u.opd, u.active,
  coalesce(array_agg(r.role order by r.role) filter (where r.role is not null), '{}') as roles,
  array(select ug.group_id from user_groups ug where ug.user_id = u.id order by ug.group_id) as memberships,
  user_groups_of(u.id) as groups
  from users u left join user_roles r on r.user_id = u.id`;

function toUser(r: UserRow): User {
  const userRoles = (r.roles ?? []).filter(isRoleId);
  return {
    id: r.id,
    username: r.username,
    email: r.email,
    displayName: r.display_name,
    opd: r.opd,
    roles: userRoles,
    memberships: r.memberships ?? [],
    // Who is offered a task is decided once, in SQL, for the worklist and the inbox alike.
    groups: r.groups ?? [],
    active: r.active,
  };
}

/** Someone with neither a role nor a group could do nothing but sign in. */
function checkSomeRoleOrGroup(userRoles: readonly string[], groups: readonly string[]): void {
  if (!userRoles.length && !groups.length) throw badRequest('give the user at least one role or group');
}

function checkRoles(list: string[], opd: string | null | undefined): RoleId[] {
  const unknown = list.filter((r) => !isRoleId(r));
  if (unknown.length) throw badRequest(`unknown role: ${unknown.join(', ')}`);
  const valid = list as RoleId[];
  const needOpd = valid.filter((r) => roles[r].opdBound);
  if (needOpd.length && !opd) throw badRequest(`role ${needOpd.join(', ')} is bound to an OPD: give the user's "opd"`);
  return valid;
}

/** Users, their roles and passwords (bcrypt). */
export class Users {
  constructor(private readonly db: Database) {}

  async create(input: NewUser): Promise<User> {
    if (input.password.length < MIN_PASSWORD_LENGTH) throw badRequest(`the password needs at least ${MIN_PASSWORD_LENGTH} characters`);
    const userRoles = checkRoles(input.roles, input.opd);
    checkSomeRoleOrGroup(userRoles, input.groups ?? []);
    const hash = await bcrypt.hash(input.password, BCRYPT_COST);
    const id = await this.db
      .transaction(async (tx) => {
      // In the transaction that adds the members, so no group is joined as it is deactivated.
      const groups = await checkMemberships(tx, input.groups ?? [], input.opd);
      const existing = await tx.query('select 1 from users where username = $1', [input.username]);
      if (existing.rows.length) throw conflict(`the username "${input.username}" is taken`);
      const { rows } = await tx.query<{ id: number }>(
        'insert into users (username, password_hash, email, display_name, opd) values ($1, $2, $3, $4, $5) returning id',
        [input.username, hash, input.email, input.displayName ?? input.username, input.opd ?? null],
      );
        await setRoles(tx, rows[0].id, userRoles);
        await setGroups(tx, rows[0].id, groups);
        return rows[0].id;
      })
      .catch((err: { code?: string }) => {
        // Two simultaneous creations of one name: the unique index decides, the loser gets 409.
        if (err.code === '23505') throw conflict(`the username "${input.username}" is taken`);
        throw err;
      });
    return this.byId(id);
  }

  async update(
    id: number,
    patch: { email?: string; displayName?: string; opd?: string | null; roles?: string[]; groups?: string[]; active?: boolean; password?: string },
  ): Promise<User> {
    const current = await this.byId(id);
    const opd = patch.opd !== undefined ? patch.opd : current.opd;
    const userRoles = checkRoles(patch.roles ?? current.roles, opd);
    checkSomeRoleOrGroup(userRoles, patch.groups ?? current.memberships);
    if (patch.password !== undefined && patch.password.length < MIN_PASSWORD_LENGTH) {
      throw badRequest(`the password needs at least ${MIN_PASSWORD_LENGTH} characters`);
    }
    const hash = patch.password !== undefined ? await bcrypt.hash(patch.password, BCRYPT_COST) : null;
    await this.db.transaction(async (tx) => {
      // Checked also when only the OPD changes: an OPD-bound group needs one.
      const groups = await checkMemberships(tx, patch.groups ?? current.memberships, opd, current.memberships);
      await tx.query(
        `update users set email = coalesce($2, email), display_name = coalesce($3, display_name), opd = $4,
                active = coalesce($5, active), password_hash = coalesce($6, password_hash) where id = $1`,
        [id, patch.email ?? null, patch.displayName ?? null, opd, patch.active ?? null, hash],
      );
      await setRoles(tx, id, userRoles);
      await setGroups(tx, id, groups);
      // Deactivating a user or changing a password ends their sessions.
      if (patch.active === false || hash) await tx.query('delete from sessions where user_id = $1', [id]);
    });
    return this.byId(id);
  }

  async list(): Promise<User[]> {
    const { rows } = await this.db.query<UserRow>(`${userSelect} group by u.id order by u.username`);
    return rows.map(toUser);
  }

  async byId(id: number): Promise<User> {
    const { rows } = await this.db.query<UserRow>(`${userSelect} where u.id = $1 group by u.id`, [id]);
    if (!rows[0]) throw notFound(`no user ${id}`);
    return toUser(rows[0]);
  }

  async count(): Promise<number> {
    const { rows } = await this.db.query<{ n: number }>('select count(*)::int as n from users');
    return rows[0].n;
  }

  /** The active user with these credentials, or undefined; time spent does not reveal which part was wrong. */
  async verify(username: string, password: string): Promise<User | undefined> {
    const { rows } = await this.db.query<UserRow>(`${userSelect.replace('u.active,', 'u.active, u.password_hash,')} where u.username = $1 group by u.id`, [username]);
    const row = rows[0];
    const ok = await bcrypt.compare(password, row?.password_hash ?? DUMMY_HASH);
    return row && ok && row.active ? toUser(row) : undefined;
  }
}

// Compared against when the username is unknown, so a wrong username costs as long as a wrong password.
const DUMMY_HASH = '$2b$10$CwTycUXWue0Thq9StjUM0uJ8.E3pIqSgiH5bN7vvHPLe7Hdy1fLOu';

async function setRoles(tx: Queryable, userId: number, userRoles: RoleId[]): Promise<void> {
  await tx.query('delete from user_roles where user_id = $1', [userId]);
  if (userRoles.length) {
    await tx.query('insert into user_roles (user_id, role) select $1, unnest($2::text[])', [userId, userRoles]);
  }
}

async function setGroups(tx: Queryable, userId: number, groups: string[]): Promise<void> {
  await tx.query('delete from user_groups where user_id = $1', [userId]);
  if (groups.length) {
    await tx.query('insert into user_groups (user_id, group_id) select $1, unnest($2::text[])', [userId, groups]);
  }
}
