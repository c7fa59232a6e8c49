/**
 * The roles of the SOPs (Pelaksana), as role ids. OPD-bound roles act for one OPD: their users
 * also belong to the group `role:OPD`, and a task offered to `pejabat-penghubung:DINKES`
 * reaches only that OPD's liaison officers.
 */
export const roles = {
  'admin-utama': { label: 'Admin Utama', opdBound: false },
  'admin-penghubung': { label: 'Admin Penghubung', opdBound: true },
  'pejabat-penghubung': { label: 'Pejabat Penghubung', opdBound: true },
  'operator-opd': { label: 'Operator OPD', opdBound: true },
  kasi: { label: 'Kepala Seksi (Kasi)', opdBound: false },
  kabid: { label: 'Kepala Bidang (Kabid)', opdBound: false },
  kadis: { label: 'Kepala Dinas (Kadis)', opdBound: false },
  sekda: { label: 'Sekretaris Daerah (Sekda)', opdBound: false },
  'pimpinan-opd': { label: 'Pimpinan OPD / SKPD', opdBound: true },
  'tim-koordinasi': { label: 'Tim Koordinasi', opdBound: false },
  'tim-pengaduan': { label: 'Tim Pengaduan', opdBound: false },
  apip: { label: 'APIP', opdBound: false },
  'admin-instansi': { label: 'Admin Instansi', opdBound: false },
  'admin-pusat': { label: 'Admin Pusat', opdBound: false },
  'pemilik-proses': { label: 'Pemilik Proses', opdBound: false },
  auditor: { label: 'Auditor', opdBound: false },
  'admin-sistem': { label: 'Admin Sistem', opdBound: false },
  worker: { label: 'Worker (program tugas eksternal)', opdBound: false },
} as const;

export type RoleId = keyof typeof roles;
export const roleIds = Object.keys(roles) as RoleId[];

export function isRoleId(value: string): value is RoleId {
  return Object.hasOwn(roles, value);
}

/*
 * The groups a user acts in (each role and active custom group, then `id:OPD` for the OPD-bound
 * ones) are decided once, in SQL: user_groups_of (migration 18, src/db/migrations.ts), which reads
 * the OPD-bound flag of these roles from `role_catalogue`, kept in step with this table at start.
 */

/** Roles that may deploy diagrams. */
export const deployerRoles: RoleId[] = ['pemilik-proses', 'admin-sistem'];
/**
 * Roles that may send messages and signals to processes (POST /api/messages, /api/signals): those
 * who own the diagrams that wait for them, and the system's keepers. No staff role: a message moves
 * an instance past its wait whoever the wait's next task is for.
 */
export const eventSenderRoles: RoleId[] = ['pemilik-proses', 'admin-sistem'];
/** Roles that keep the system: users and their roles, the OPD catalogue, the holiday calendar. */
export const systemAdminRoles: RoleId[] = ['admin-sistem'];
/**
 * Roles of programs, not people: external-task workers fetch, lock and answer service tasks
 * through /api/external-tasks and call nothing else.
 */
export const workerRoles: RoleId[] = ['worker'];
/** Roles that may read every instance's history. */
export const historyReaderRoles: RoleId[] = ['auditor', 'admin-sistem', 'pemilik-proses'];

/**
 * Who is told when a role's task is late: the superior chain the SOP diagrams name on their
 * "Lewat …" timers (`notify` with reason `terlambat`; test/unit/superiors.test.ts holds each
 * diagram to it). The modeler uses it for a late timer it creates; the superiors' late-task list
 * reads it backwards (supervisedRoles).
 */
export const superiorOf: Partial<Record<RoleId, RoleId>> = {
  'admin-utama': 'kasi',
  kasi: 'kabid',
  kabid: 'kadis',
  kadis: 'sekda',
  'tim-koordinasi': 'sekda',
  'tim-pengaduan': 'kadis',
  'pejabat-penghubung': 'pimpinan-opd',
  'admin-penghubung': 'pejabat-penghubung',
  'operator-opd': 'pejabat-penghubung',
  'pimpinan-opd': 'sekda',
};

/** The roles whose late tasks a role is told of (its direct reports in superiorOf). */
export function supervisedRoles(role: string): RoleId[] {
  return roleIds.filter((r) => superiorOf[r] === role);
}
