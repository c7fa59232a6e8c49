import type { Feature } from '../router';
import { can } from '../session';
import { registerMessages } from '../i18n';
import { messages } from './messages';

registerMessages(messages);

export const dashboard: Feature = {
  routes: [{ pattern: '/dasbor', load: () => import('./DashboardPage').then((m) => m.default), allowed: can.readDashboard }],
  nav: [{ href: '/dasbor', labelKey: 'nav.dashboard', allowed: can.readDashboard }],
};
