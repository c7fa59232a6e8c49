import { forbidden } from '../engine/errors';
import type { District } from './opds';
import type { RoleId } from './roles';
import type { User } from './users';

/** Who sees which complaints, who sees a reporter's identity, and who enters complaints into which SOP. */

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

/** A confidential (rahasia) complaint's reporter is shown only to these roles. */
export const identityReaders: RoleId[] = ['admin-utama', 'admin-sistem', 'auditor'];

/** Roles that may enter a complaint (which SOP it starts depends on role and district). */
export const intakeRoles: RoleId[] = ['admin-utama', 'admin-penghubung', 'operator-opd'];

export type ComplaintScope = { all: true } | { all: false; opd: string };

const has = (user: User, list: RoleId[]) => user.roles.some((r) => list.includes(r));

export function complaintScope(user: User): ComplaintScope {
  if (has(user, allComplaintsReaders)) return { all: true };
  if (has(user, opdComplaintsReaders) && user.opd) return { all: false, opd: user.opd };
  throw forbidden(`reading complaints needs one of the roles: ${complaintReaders.join(', ')}`);
}

/**
 * SQL over `complaints c`: the complaint is the OPD's, chosen at intake or disposed to it later
 * (an `opd` variable in its chain). `param` binds a value and returns its placeholder.
 */
export function complaintOfOpd(param: (value: unknown) => string, opd: string): string {
  const p = param(opd);
  return `(c.opd = ${p} or exists (select 1 from process_instances i where i.business_key = c.tracking_id and i.variables->>'opd' = ${p}))`;
}

export function mayReadIdentity(user: User): boolean {
  return has(user, identityReaders);
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
  if (district === 'kapuas') {
    if (user.roles.includes('admin-utama')) return { processKey: 'sop-555-05' };
    if (user.roles.includes('admin-penghubung') && user.opd) return { processKey: 'sop-555-06', forcedOpd: user.opd };
    throw forbidden('entering a complaint for kapuas needs the role admin-utama or admin-penghubung').as('complaint.intakeRole');
  }
  if (user.roles.includes('admin-utama')) return { processKey: 'sop-kapuas-hulu' };
  if (user.roles.includes('operator-opd') && user.opd) return { processKey: 'sop-kapuas-hulu', forcedOpd: user.opd };
  throw forbidden('entering a complaint for kapuas-hulu needs the role admin-utama or operator-opd').as('complaint.intakeRole');
}
