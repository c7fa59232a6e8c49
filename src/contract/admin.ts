/**
 * What the system's keepers (admin-sistem) read and change: users and their roles, the OPD
 * catalogue, the holiday calendar. Free of imports outside src/contract (see tasks.ts).
 */
import type { District } from './complaints';

/** A user as GET /api/users and /api/auth/me show it (never a password or its hash). */
export interface UserView<Role extends string = string> {
  id: number;
  username: string;
  email: string;
  displayName: string;
  /** The OPD of the OPD-bound roles (pejabat-penghubung, admin-penghubung, …); null for the rest. */
  opd: string | null;
  roles: Role[];
  /** The groups beyond the SOP roles the user is put in (GET /api/groups), active or not. */
  memberships: string[];
  /**
   * What tasks are offered to: the roles and the active groups of `memberships`, plus `id:OPD`
   * (the user's OPD) for each OPD-bound one.
   */
  groups: string[];
  active: boolean;
}

/** GET /api/roles */
export interface RoleInfo {
  id: string;
  label: string;
  opdBound: boolean;
}

/** GET /api/groups: a group an admin added beyond the SOP roles (e.g. keuangan). */
export interface GroupInfo {
  /** A lowercase slug, never an SOP role id; diagrams name it in camunda:candidateGroups. */
  id: string;
  name: string;
  /** Its members act for their OPD: a task offered to `id:OPD` reaches that OPD's members only. */
  opdBound: boolean;
  /** An inactive group offers its members nothing and takes no new members. */
  active: boolean;
  /** How many users are in it. */
  members: number;
}

/** GET /api/opds */
export interface Opd {
  code: string;
  name: string;
  district: District;
  active: boolean;
}

/** GET /api/calendar/holidays: a day off in the working calendar. */
export interface Holiday {
  /** yyyy-MM-dd */
  date: string;
  name: string;
  /** `date-holidays` for the seeded national holidays, `manual` for what an admin added. */
  source: string;
}
