import type { Queryable } from '../db/database';
import { SqlParams } from '../db/sqlParams';
import { badRequest, conflict, forbidden, notFound } from '../engine/errors';
import type { UserTask } from '../engine/userTasks';
import { assignedArmSql, involvedSql, isCandidate, offerKeys, offeredArmSql, offeredSql } from '../engine/userTasks';
import type { District } from './opds';
import { deployerRoles, historyReaderRoles, isRoleId, roleIds, roles, supervisedRoles, workerRoles, type RoleId } from './roles';
import { normalizeTrackingId } from './trackingIds';
import type { User } from './users';

/**
 * Who may read or act on what: the one access policy. Every route and every list asks here;
 * lists embed the SQL conditions below, single objects the checks. The OPD a complaint belongs to
 * comes from the complaint record (the intake's OPD and the one handling it now), never from an
 * instance's variables. Auditors read everything and change nothing.
 */

/** Roles that see every complaint. */
export const allComplaintsReaders: RoleId[] = [
  'admin-utama',
  'kasi',
  'kabid',
  'kadis',
  'sekda',
  'tim-koordinasi',
  'tim-pengaduan',
  'apip',
  'admin-instansi',
  'admin-pusat',
  'auditor',
  'admin-sistem',
  'pemilik-proses',
];
/** OPD-bound roles: they see the complaints of their own OPD. */
export const opdComplaintsReaders: RoleId[] = ['admin-penghubung', 'pejabat-penghubung', 'operator-opd', 'pimpinan-opd'];
export const complaintReaders: RoleId[] = [...allComplaintsReaders, ...opdComplaintsReaders];
/**
 * The documents of a complaint's steps (tanda terima, lembar disposisi, BA, surat jawaban): reading
 * one is reading the complaint (assertMayReadComplaint, through Complaints.get).
 */
export const stepDocumentReaders: RoleId[] = complaintReaders;
/** The letterhead and signatories the documents print: staff who print them read it; admin-sistem edits it. */
export const letterheadReaders: RoleId[] = complaintReaders;
export const letterheadEditors: RoleId[] = ['admin-sistem'];
/**
 * Who reads SOP performance (Kinerja SOP, GET /api/performance): whoever reads the recap and the
 * dashboard; OPD-bound staff their own OPD's figures only (complaintScope).
 */
export const performanceReaders: RoleId[] = complaintReaders;
/** A confidential (rahasia) complaint's reporter is shown only to these roles. */
export const identityReaders: RoleId[] = ['admin-utama', 'admin-sistem', 'auditor'];
/** Roles that may enter a complaint (which SOP it starts depends on role and district). */
export const intakeRoles: RoleId[] = ['admin-utama', 'admin-penghubung', 'operator-opd'];
/** What a worker account (only worker roles) may call besides signing out and asking who it is. */
const workerPaths = ['/api/external-tasks', '/api/auth/'];
/** A program's account: it carries worker roles and nothing else, so it reads nothing of people's work. */
export const isWorkerOnly = (user: Pick<User, 'roles'>) => user.roles.length > 0 && user.roles.every((r) => workerRoles.includes(r as RoleId));
/**
 * Who may read the SOP sheet of a deployed version: whoever may read its diagram (GET
 * /api/process-definitions/:key/versions/:version/xml), every signed-in user. The sheet is the
 * SOP a Kasi or a Pejabat Penghubung works by, and it holds nothing the diagram does not.
 */
export const sopSheetReaders = 'user' as const;
/**
 * Who may move running instances to another version of their process: those who deploy the
 * versions (the process owner, the system admin). Moving changes every instance's due dates, so
 * it is theirs, not the staff's who work the tasks.
 */
export const migratorRoles: RoleId[] = [...deployerRoles];
/** Roles that read and never write: whoever carries one changes nothing, whatever else they carry. */
export const readOnlyRoles: RoleId[] = ['auditor'];

const has = (user: Pick<User, 'roles'>, list: readonly RoleId[]) => user.roles.some((r) => list.includes(r as RoleId));

/** Binds a value and returns its placeholder. */
export type Param = (value: unknown) => string;

// ---- complaints ---------------------------------------------------------------------------

export type ComplaintScope = { all: true } | { all: false; opd: string };

export function complaintScope(user: User): ComplaintScope {
  if (has(user, allComplaintsReaders)) return { all: true };
  if (has(user, opdComplaintsReaders) && user.opd) return { all: false, opd: user.opd };
  throw forbidden(`reading complaints needs one of the roles: ${complaintReaders.join(', ')}`);
}

/** The OPDs a complaint record belongs to. */
export interface ComplaintOpds {
  opd: string | null;
  currentOpd: string | null;
}

export function complaintInScope(scope: ComplaintScope, c: ComplaintOpds): boolean {
  return scope.all || c.opd === scope.opd || c.currentOpd === scope.opd;
}

export function assertMayReadComplaint(user: User, trackingId: string, c: ComplaintOpds): void {
  const scope = complaintScope(user);
  if (!complaintInScope(scope, c)) throw forbidden(`complaint ${trackingId} is not one of OPD ${(scope as { opd: string }).opd}`).as('opd.otherOpd');
}

/** SQL over `complaints c`: the complaint is the OPD's (chosen at intake, or handling it now). */
export function complaintOfOpd(param: Param, opd: string): string {
  const p = param(opd);
  return `(c.opd = ${p} or c.current_opd = ${p})`;
}

/** The same over the aggregates `complaint_month_counts` and `complaint_totals` as `k` (their OPD columns hold '' for none). */
export function complaintCountsOfOpd(param: Param, opd: string): string {
  const p = param(opd);
  return `(k.opd = ${p} or k.current_opd = ${p})`;
}

/** SQL over `complaints c` for the user's scope; undefined when every complaint is in it. */
export function complaintScopeSql(scope: ComplaintScope, param: Param): string | undefined {
  return scope.all ? undefined : complaintOfOpd(param, scope.opd);
}

export function mayReadIdentity(user: User): boolean {
  return has(user, identityReaders);
}

/** Who reads the outbox of every mail (Kotak keluar) and resends from it. */
export const outboxReaders: RoleId[] = ['admin-sistem'];

/**
 * A confidential (rahasia) reporter's mail address, in the outbox: admin-sistem only, narrower
 * than identityReaders (the outbox is a system keeper's tool, not a complaint handler's).
 */
export function maySeeConfidentialAddress(user: Pick<User, 'roles'>): boolean {
  return has(user, ['admin-sistem']);
}

export interface IntakeProcess {
  processKey: 'sop-555-05' | 'sop-555-06' | 'sop-kapuas-hulu';
  /** The OPD the complaint is about whatever the body says (an Admin Penghubung enters for their own OPD). */
  forcedOpd?: string;
}

/**
 * The SOP an intake starts: in Kapuas, SOP 555/05 when the Admin Utama enters it and 555/06
 * when an OPD's Admin Penghubung does; in Kapuas Hulu, its one SOP (Admin Utama or Operator OPD).
 * OPD-bound staff enter complaints about their own OPD, so they can follow what they entered.
 */
export function intakeProcessFor(user: User, district: District): IntakeProcess {
  assertMayChange(user);
  if (district === 'kapuas') {
    if (user.roles.includes('admin-utama')) return { processKey: 'sop-555-05' };
    if (user.roles.includes('admin-penghubung') && user.opd) return { processKey: 'sop-555-06', forcedOpd: user.opd };
    throw forbidden('entering a complaint for kapuas needs the role admin-utama or admin-penghubung').as('complaint.intakeRole');
  }
  if (user.roles.includes('admin-utama')) return { processKey: 'sop-kapuas-hulu' };
  if (user.roles.includes('operator-opd') && user.opd) return { processKey: 'sop-kapuas-hulu', forcedOpd: user.opd };
  throw forbidden('entering a complaint for kapuas-hulu needs the role admin-utama or operator-opd').as('complaint.intakeRole');
}

// ---- writes ---------------------------------------------------------------------------------

export function mayChange(user: Pick<User, 'roles'>): boolean {
  return !has(user, readOnlyRoles);
}

export function assertMayChange(user: Pick<User, 'roles'>): void {
  if (!mayChange(user)) throw forbidden('auditors read and change nothing').as('access.readOnly');
}

/**
 * Writes every signed-in user may make, auditors included: they touch only the caller's own
 * session, inbox or notification preferences, never the system's records. Marking one's own notifications read is reading
 * them, as signing out is leaving.
 */
const ownBookkeepingRoutes: readonly string[] = [
  '/api/auth/logout',
  '/api/notifications/:id/read',
  '/api/notifications/read-all',
  // One's own notification preferences, like one's own inbox.
  '/api/me/notification-preferences',
];

/**
 * Every request that changes something (any method but GET) passes here before its route, so a
 * new route cannot forget it. Signing out, one's own inbox and the manual test clock change
 * nothing of the system's records. `path` is the route's pattern (`/api/notifications/:id/read`).
 */
export function assertMayCall(user: Pick<User, 'roles'>, method: string, path: string): void {
  if (isWorkerOnly(user) && !workerPaths.some((p) => path.startsWith(p))) {
    throw forbidden('a worker account calls only the external-task API (/api/external-tasks)').as('access.workerOnly');
  }
  if (method === 'get' || ownBookkeepingRoutes.includes(path) || path.startsWith('/api/_clock/')) return;
  assertMayChange(user);
}

/**
 * Starting an instance by hand. A complaint's SOP instances are started only by intake and by
 * call activities, so a business key that is (or could become) a tracking ID is refused: a new
 * instance would join that complaint's chain. The diagram's candidateStarterGroups/Users still
 * apply (the engine checks them).
 */
export function assertMayStartByHand(user: User, businessKey: string | undefined): void {
  assertMayChange(user);
  if (businessKey !== undefined && normalizeTrackingId(businessKey)) {
    throw badRequest(`"${businessKey}" is a complaint's tracking ID: its SOPs start only through intake (POST /api/complaints)`).as('process.trackingIdKey');
  }
}

// ---- instances and tasks --------------------------------------------------------------------

export const readsAllInstances = (user: Pick<User, 'roles'>) => has(user, historyReaderRoles);

/** The OPD an OPD-bound-only user is confined to (null: none set); undefined for everyone else. */
export function opdOnly(user: User): string | null | undefined {
  if (has(user, historyReaderRoles) || has(user, allComplaintsReaders)) return undefined;
  if (!has(user, opdComplaintsReaders)) return undefined;
  return user.opd ?? null;
}

/** The FROM every instance condition below is written over. */
export const instanceFrom = 'process_instances i left join complaints c on c.tracking_id = i.business_key';

/** SQL: the user started the instance or one of its tasks was ever offered or assigned to them. */
function userInvolvedSql(user: User, param: Param): string {
  return involvedSql(param(user.username), param(user.groups));
}

/**
 * SQL over `instanceFrom` (`i`, `c`): OPD-bound staff act only on their OPD's complaints, and on
 * instances of no complaint only when no other OPD's `opd` is set on them. 'true' for everyone else.
 */
export function opdConfinementSql(user: User, param: Param): string {
  const opd = opdOnly(user);
  if (opd === undefined) return 'true';
  if (opd === null) return `(c.tracking_id is null and i.variables->>'opd' is null)`;
  const p = param(opd);
  return `(case when c.tracking_id is not null then (c.opd = ${p} or c.current_opd = ${p}) else coalesce(i.variables->>'opd', ${p}) = ${p} end)`;
}

/**
 * SQL over `instanceFrom`: the instances the user may read. History readers read all; readers
 * of complaints the chains of the complaints in their scope; everyone the instances they are
 * involved in, within their OPD.
 */
export function instanceReadSql(user: User, param: Param): string {
  if (readsAllInstances(user)) return 'true';
  const involved = userInvolvedSql(user, param);
  const confined = opdConfinementSql(user, param);
  if (has(user, allComplaintsReaders)) return `(c.tracking_id is not null or ${involved})`;
  if (has(user, opdComplaintsReaders)) return `(${confined} and (c.tracking_id is not null or ${involved}))`;
  return `(${involved} and ${confined})`;
}

/** SQL over tasks `t` with `instanceFrom`: open tasks assigned to the user, or unassigned and offered to them. */
export function taskOfferedSql(user: User, param: Param): string {
  return offeredSql(param(user.username), param(offerKeys(user)));
}

/**
 * taskOfferedSql as its two disjoint arms, each built (and its parameters bound) only when asked
 * for: a query may read one arm alone.
 */
export function taskOfferedArms(user: User, param: Param): { assigned: () => string; offered: () => string } {
  let me: string | undefined;
  const myName = () => (me ??= param(user.username));
  return { assigned: () => assignedArmSql(myName()), offered: () => offeredArmSql(param(offerKeys(user))) };
}

// ---- superiors ------------------------------------------------------------------------------

/** Roles told of someone's late task (superiorOf in roles.ts): they may open the list of them. */
export const superiorRoles: RoleId[] = roleIds.filter((r) => supervisedRoles(r).length > 0);

/**
 * Whose late tasks a superior reads: the roles their non-OPD-bound superior roles supervise, in
 * every OPD (a Kasi over every Admin Utama task, a Sekda over every Pimpinan OPD); and those their
 * OPD-bound ones supervise, in their own OPD only (a Pimpinan OPD over its Pejabat Penghubung).
 */
export interface SupervisionScope {
  everywhere: RoleId[];
  inOpd: { roles: RoleId[]; opd: string } | null;
}

export function supervisionScope(user: Pick<User, 'roles' | 'opd'>): SupervisionScope {
  const mine = user.roles.filter(isRoleId);
  const everywhere = [...new Set(mine.filter((r) => !roles[r].opdBound).flatMap(supervisedRoles))];
  const bound = [...new Set(mine.filter((r) => roles[r].opdBound).flatMap(supervisedRoles))].filter((r) => !everywhere.includes(r));
  return { everywhere, inOpd: bound.length && user.opd ? { roles: bound, opd: user.opd } : null };
}

/** A superior may read (never act on) a task offered to a role they supervise, within the scope above. */
export function supervisesTask(user: Pick<User, 'roles' | 'opd'>, task: Pick<UserTask, 'candidateGroups'>): boolean {
  const scope = supervisionScope(user);
  return task.candidateGroups.some((g) => {
    const [role, opd] = g.split(':');
    if (scope.everywhere.includes(role as RoleId)) return true;
    return !!scope.inOpd && scope.inOpd.roles.includes(role as RoleId) && (opd === undefined || opd === scope.inOpd.opd);
  });
}

/**
 * The act rule "may extend" (POST /api/tasks/:id/extensions), apart from the OPD of the task's
 * complaint (AccessPolicy.assertMayExtendTask checks that): a superior who may change things.
 */
export function mayExtendTask(user: Pick<User, 'roles' | 'opd'>, task: Pick<UserTask, 'candidateGroups'>): boolean {
  return mayChange(user) && supervisesTask(user, task);
}

/**
 * SQL over open tasks `t`: offered to a role the user supervises, within the scope. Written as
 * overlaps of `candidate_groups` with the exact group names (the role, and `role:OPD` for each OPD
 * of the catalogue, or the user's own), so the open tasks' GIN index answers it.
 */
export function supervisedTasksSql(user: Pick<User, 'roles' | 'opd'>, param: Param): string {
  const scope = supervisionScope(user);
  const groupsOf = (r: string, opdSql: string) => `select ${param(r)}::text union all select ${param(r)} || ':' || ${opdSql}`;
  const arms: string[] = [];
  if (scope.everywhere.length) {
    const all = scope.everywhere.map((r) => (roles[r].opdBound ? `${groupsOf(r, 'o.code')} from opds o` : `select ${param(r)}::text`));
    arms.push(`t.candidate_groups && array(${all.join(' union all ')})`);
  }
  if (scope.inOpd) {
    const opd = param(scope.inOpd.opd);
    const own = scope.inOpd.roles.map((r) => groupsOf(r, opd));
    arms.push(`(t.candidate_groups && array(${own.join(' union all ')}) and t.opd = ${opd})`);
  }
  return arms.length ? `(${arms.join(' or ')})` : 'false';
}

/** Checks on single instances and tasks, with the conditions above. */
export class AccessPolicy {
  constructor(private readonly db: Queryable) {}

  private async instanceMatches(instanceId: string, condition: (param: Param) => string): Promise<boolean | undefined> {
    const sql = new SqlParams([instanceId]);
    const { rows } = await this.db.query<{ ok: boolean }>(`select (${condition(sql.bind)}) as ok from ${instanceFrom} where i.id = $1`, sql.values);
    return rows[0]?.ok;
  }

  async assertMayReadInstance(user: User, instanceId: string): Promise<void> {
    const ok = await this.instanceMatches(instanceId, (param) => instanceReadSql(user, param));
    if (ok === undefined) throw notFound(`no process instance ${instanceId}`);
    if (!ok) throw forbidden('you may not read this instance (no task in it, or another OPD\'s complaint)').as('opd.otherOpd');
  }

  /** Reading a task: its candidates and assignee, and history readers; within the OPD. */
  async assertMayReadTask(user: User, task: UserTask): Promise<void> {
    await this.assertWithinOpd(user, task.instanceId);
    if (!readsAllInstances(user) && !isCandidate(task, user) && !supervisesTask(user, task)) throw forbidden('you are not a candidate for this task').as('task.notCandidate');
  }

  /** Claiming, releasing, completing: never an auditor, only within the OPD (the engine checks the candidacy). */
  async assertMayActOnTask(user: User, task: Pick<UserTask, 'instanceId'>): Promise<void> {
    assertMayChange(user);
    await this.assertWithinOpd(user, task.instanceId);
  }

  /**
   * Extending an open task's deadline (Ditunda): a superior of the task's role (supervisesTask,
   * an OPD-bound superior only for their own OPD's group), within the OPD of the task's complaint,
   * never an auditor. The task's own performers are not superiors: they ask theirs.
   */
  async assertMayExtendTask(user: User, task: Pick<UserTask, 'instanceId' | 'candidateGroups'>): Promise<void> {
    assertMayChange(user);
    await this.assertWithinOpd(user, task.instanceId);
    if (!mayExtendTask(user, task)) throw forbidden('only a superior of the task\'s role may extend its deadline').as('task.notSuperior');
  }

  private async assertWithinOpd(user: User, instanceId: string): Promise<void> {
    if (opdOnly(user) === undefined) return;
    if (!(await this.instanceMatches(instanceId, (param) => opdConfinementSql(user, param)))) {
      throw forbidden('this belongs to a complaint of another OPD').as('opd.otherOpd');
    }
  }

  /**
   * A business key that belongs to a complaint cannot be used by hand, also when not shaped like
   * one; OPD-bound staff start nothing that names another OPD (its tasks would reach that OPD).
   */
  async assertMayStart(user: User, businessKey: string | undefined, variables: Record<string, unknown> = {}): Promise<void> {
    assertMayStartByHand(user, businessKey);
    const opd = opdOnly(user);
    if (opd !== undefined && variables.opd !== undefined && variables.opd !== null && variables.opd !== opd) {
      throw forbidden(`staff of OPD ${opd ?? '(none)'} may not start an instance for another OPD`).as('opd.otherOpd');
    }
    if (businessKey === undefined) return;
    const { rows } = await this.db.query('select 1 from complaints where tracking_id = $1', [businessKey]);
    if (rows.length) throw conflict(`"${businessKey}" belongs to a complaint: its SOPs start only through intake`).as('process.trackingIdKey');
  }
}
