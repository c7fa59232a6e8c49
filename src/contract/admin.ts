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
  /** The roles, plus `role:OPD` for the OPD-bound ones: what tasks are offered to. */
  groups: string[];
  active: boolean;
}

/** GET /api/roles */
export interface RoleInfo {
  id: string;
  label: string;
  opdBound: boolean;
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
