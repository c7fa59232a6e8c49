import type { Feature } from '../router';
import { hasAnyRole, type Me } from '../session';
import { registerMessages } from '../i18n';
import { messages } from './messages';

registerMessages(messages);

/** History readers and readers of every complaint; OPD staff's own share is served by the API but not offered here. */
const dashboardUsers = [
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
];
const mayReadDashboard = (u: Me) => hasAnyRole(u, dashboardUsers);

export const dashboard: Feature = {
  routes: [{ pattern: '/dasbor', load: () => import('./DashboardPage').then((m) => m.default), allowed: mayReadDashboard }],
  nav: [{ href: '/dasbor', labelKey: 'nav.dashboard', allowed: mayReadDashboard }],
};
