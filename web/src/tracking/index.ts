import type { Feature } from '../router';
import { registerMessages } from '../i18n';
import { messages } from './messages';

registerMessages(messages);

/** Public: reached from the login page, no nav item. */
export const tracking: Feature = {
  routes: [
    { pattern: '/lacak', load: () => import('./TrackingPage').then((m) => m.default), public: true },
  ],
};
