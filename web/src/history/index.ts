import type { Feature } from '../router';
import { hasAnyRole, type Me } from '../session';
import { registerMessages } from '../i18n';
import { messages } from './messages';

registerMessages(messages);

/** Auditors, admins and process owners read every instance; complaint readers the chains they may read (the server decides). */
const historyUsers = [
  'auditor',
  'admin-sistem',
  'pemilik-proses',
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
  'admin-penghubung',
  'pejabat-penghubung',
  'operator-opd',
  'pimpinan-opd',
];
const mayReadHistory = (u: Me) => hasAnyRole(u, historyUsers);

export const history: Feature = {
  routes: [
    { pattern: '/riwayat', load: () => import('./HistorySearchPage').then((m) => m.default), allowed: mayReadHistory },
    { pattern: '/riwayat/:id', load: () => import('./InstancePage').then((m) => m.default), allowed: mayReadHistory },
  ],
  nav: [{ href: '/riwayat', labelKey: 'nav.history', allowed: mayReadHistory }],
};
