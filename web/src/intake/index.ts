import type { Feature } from '../router';
import { can } from '../session';
import { registerMessages } from '../i18n';
import { messages } from './messages';

registerMessages(messages);

export const intake: Feature = {
  routes: [
    { pattern: '/pengaduan/baru', load: () => import('./IntakePage').then((m) => m.default), allowed: can.intake },
  ],
  nav: [
    { href: '/pengaduan/baru', labelKey: 'nav.intake', allowed: can.intake },
  ],
};
