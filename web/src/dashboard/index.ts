import type { Feature } from '../router';
import { can } from '../session';
import { registerMessages } from '../i18n';
import { messages } from './messages';

registerMessages(messages);

export const dashboard: Feature = {
  routes: [
    { pattern: '/dasbor', load: () => import('./DashboardPage').then((m) => m.default), allowed: can.readDashboard },
    { pattern: '/dasbor/terlambat', load: () => import('./LateTasksPage').then((m) => m.default), allowed: can.superviseLate },
  ],
  nav: [
    { href: '/dasbor', labelKey: 'nav.dashboard', allowed: can.readDashboard },
    // A superior without the dashboard (a Pimpinan OPD, a Pejabat Penghubung) reaches the list from the menu.
    { href: '/dasbor/terlambat', labelKey: 'nav.lateTasks', allowed: (u) => can.superviseLate(u) && !can.readDashboard(u) },
  ],
};
