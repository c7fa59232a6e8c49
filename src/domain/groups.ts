import type { GroupInfo } from '../contract/admin';
import type { Database, Queryable } from '../db/database';
import { badRequest, conflict, notFound } from '../engine/errors';
import { isRoleId } from './roles';

export type { GroupInfo };

/** Like an OPD code: lowercase words joined by "-", so never shaped like `role:OPD`. */
export const groupIdPattern = /^[a-z0-9]+(-[a-z0-9]+)*$/;

interface GroupRow {
  id: string;
  name: string;
  opd_bound: boolean;
  active: boolean;
  members: number;
}

const groupSelect = `select g.id, g.name, g.opd_bound, g.active,
  (select count(*)::int from user_groups ug where ug.group_id = g.id) as members from groups g`;

const toGroup = (r: GroupRow): GroupInfo => ({ id: r.id, name: r.name, opdBound: r.opd_bound, active: r.active, members: r.members });

/**
 * Groups beyond the SOP roles (e.g. `keuangan`), added by admin-sistem. A diagram offers a task
 * to one by its id in camunda:candidateGroups, exactly as to a role. They grant no reading: their
 * members see the tasks offered to them, and the instances those tasks belong to.
 */
export class Groups {
  constructor(private readonly db: Database) {}

  async list(): Promise<GroupInfo[]> {
    const { rows } = await this.db.query<GroupRow>(`${groupSelect} order by g.id`);
    return rows.map(toGroup);
  }

  async get(id: string, db: Queryable = this.db): Promise<GroupInfo> {
    const { rows } = await db.query<GroupRow>(`${groupSelect} where g.id = $1`, [id]);
    if (!rows[0]) throw notFound(`no group "${id}"`);
    return toGroup(rows[0]);
  }

  async create(input: { id: string; name: string; opdBound?: boolean; active?: boolean }): Promise<GroupInfo> {
    // The SOP roles stay built in: a group of the same id would make "kasi" mean two things.
    if (isRoleId(input.id)) throw badRequest(`"${input.id}" is an SOP role id: choose another group id`).as('group.roleId', { group: input.id });
    try {
      await this.db.query('insert into groups (id, name, opd_bound, active) values ($1, $2, $3, $4)', [input.id, input.name, input.opdBound ?? false, input.active ?? true]);
    } catch (err) {
      if ((err as { code?: string }).code === '23505') throw conflict(`the group "${input.id}" exists`).as('group.taken', { group: input.id });
      throw err;
    }
    return this.get(input.id);
  }

  /** Renames or (de)activates a group. Its id and OPD binding stay: diagrams and tasks name them. */
  async update(id: string, patch: { name?: string; active?: boolean }): Promise<GroupInfo> {
    const { rowCount } = await this.db.query('update groups set name = coalesce($2, name), active = coalesce($3, active) where id = $1', [
      id,
      patch.name ?? null,
      patch.active ?? null,
    ]);
    if (!rowCount) throw notFound(`no group "${id}"`);
    return this.get(id);
  }

  /** Of `ids`, those that name neither an SOP role nor an active group: what a diagram may not offer tasks to. */
  async unknownAmong(ids: readonly string[], db: Queryable = this.db): Promise<string[]> {
    const custom = [...new Set(ids.filter((id) => !isRoleId(id)))];
    if (!custom.length) return [];
    const { rows } = await db.query<{ id: string }>('select id from groups where id = any($1::text[]) and active order by id for share', [custom]);
    const known = new Set(rows.map((r) => r.id));
    return custom.filter((id) => !known.has(id));
  }
}

/**
 * The groups a user is put in, checked: each must exist and be active (400 naming it), and an
 * OPD-bound one needs the user's OPD. Returns them sorted, without repeats.
 */
export async function checkMemberships(db: Queryable, ids: readonly string[], opd: string | null | undefined, keep: readonly string[] = []): Promise<string[]> {
  const wanted = [...new Set(ids)].sort();
  if (!wanted.length) return [];
  // FOR SHARE: a deactivation running at the same time waits for this transaction, or is seen.
  const { rows } = await db.query<{ id: string; active: boolean; opd_bound: boolean }>('select id, active, opd_bound from groups where id = any($1::text[]) order by id for share', [
    wanted,
  ]);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const unknown = wanted.find((id) => !byId.has(id));
  if (unknown !== undefined) throw badRequest(`unknown group: ${unknown}`, 'see GET /api/groups').as('group.unknown', { group: unknown });
  // A user keeps the memberships of a group deactivated after they joined; none are added to it.
  const inactive = wanted.find((id) => !byId.get(id)!.active && !keep.includes(id));
  if (inactive !== undefined) throw badRequest(`the group "${inactive}" is inactive`).as('group.inactive', { group: inactive });
  const needOpd = wanted.filter((id) => byId.get(id)!.opd_bound);
  if (needOpd.length && !opd) throw badRequest(`group ${needOpd.join(', ')} is bound to an OPD: give the user's "opd"`);
  return wanted;
}
