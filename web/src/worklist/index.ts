import type { Feature } from '../router';
import { registerMessages } from '../i18n';
import { messages } from './messages';

registerMessages(messages);

export const worklist: Feature = {
  routes: [
    { pattern: '/tugas', load: () => import('./WorklistPage').then((m) => m.default) },
    { pattern: '/tugas/:id', load: () => import('./TaskPage').then((m) => m.default) },
  ],
  nav: [
    { href: '/tugas', labelKey: 'nav.worklist', allowed: () => true },
  ],
};
