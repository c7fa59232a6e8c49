import type { Feature } from '../router';
import { registerMessages } from '../i18n';
import { Bell } from './Bell';
import { messages } from './messages';

registerMessages(messages);

/** Each user's notifications: a bell in the top bar and the inbox page (a worker program has none). */
export const inbox: Feature = {
  routes: [
    { pattern: '/kotak-masuk', load: () => import('./InboxPage').then((m) => m.default) },
    { pattern: '/kotak-masuk/pengaturan', load: () => import('./PreferencesPage').then((m) => m.default) },
  ],
  tools: [{ component: Bell, allowed: (user) => !(user.roles.length > 0 && user.roles.every((r) => r === 'worker')) }],
};
