import type { Feature } from '../router';
import { registerMessages } from '../i18n';
import { messages } from './messages';

registerMessages(messages);

export const tracking: Feature = {
  routes: [
    { pattern: '/lacak', load: () => import('../ui/Placeholder').then((m) => m.default), public: true },
  ],
  nav: [

  ],
};
