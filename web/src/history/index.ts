import type { Feature } from '../router';
import { registerMessages } from '../i18n';
import { messages } from './messages';

registerMessages(messages);

export const history: Feature = {
  routes: [
    { pattern: '/riwayat', load: () => import('../ui/Placeholder').then((m) => m.default) },
    { pattern: '/riwayat/:id', load: () => import('../ui/Placeholder').then((m) => m.default) },
  ],
  nav: [
    { href: '/riwayat', labelKey: 'nav.history', allowed: () => true },
  ],
};
