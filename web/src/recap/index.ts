import type { Feature } from '../router';
import { can } from '../session';
import { registerMessages } from '../i18n';
import { messages } from './messages';

registerMessages(messages);

export const recap: Feature = {
  routes: [{ pattern: '/rekap', load: () => import('./RecapPage').then((m) => m.default), allowed: can.recap }],
  nav: [{ href: '/rekap', labelKey: 'nav.recap', allowed: can.recap }],
};
