import type { Feature } from '../router';
import { registerMessages } from '../i18n';
import { messages } from './messages';
import { followWaitingWork, waitingBadge } from './waitingWork';

registerMessages(messages);

export const worklist: Feature = {
  routes: [
    { pattern: '/tugas', load: () => import('./WorklistPage').then((m) => m.default) },
    { pattern: '/tugas/:id', load: () => import('./TaskPage').then((m) => m.default) },
  ],
  nav: [
    {
      href: '/tugas',
      labelKey: 'nav.worklist',
      allowed: () => true,
      badge: { label: waitingBadge, follow: followWaitingWork, describeKey: 'worklist.waitingCount' },
    },
  ],
};
