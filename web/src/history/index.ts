import type { Feature } from '../router';
import { can } from '../session';
import { registerMessages } from '../i18n';
import { messages } from './messages';

registerMessages(messages);

export const history: Feature = {
  routes: [
    { pattern: '/riwayat', load: () => import('./HistorySearchPage').then((m) => m.default), allowed: can.readHistory },
    { pattern: '/riwayat/:id', load: () => import('./InstancePage').then((m) => m.default), allowed: can.readHistory },
  ],
  nav: [{ href: '/riwayat', labelKey: 'nav.history', allowed: can.readHistory }],
};
