import type { Feature } from '../router';
import { can } from '../session';
import { registerMessages } from '../i18n';
import { messages } from './messages';

registerMessages(messages);

/** Kinerja SOP: who reads the recap reads how the SOP's activities performed (the server scopes OPD staff). */
export const kinerja: Feature = {
  routes: [{ pattern: '/kinerja', load: () => import('./KinerjaPage').then((m) => m.default), allowed: can.recap }],
  nav: [{ href: '/kinerja', labelKey: 'nav.kinerja', allowed: can.recap }],
};
