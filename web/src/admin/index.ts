import type { Feature } from '../router';
import { can } from '../session';
import { registerMessages } from '../i18n';
import { letterheadMessages } from './letterheadMessages';
import { messages } from './messages';

registerMessages(messages);
registerMessages(letterheadMessages);

/** The system's keeping (admin-sistem): users, their roles and groups, the holiday calendar, the OPD catalogue, the outbox of every mail. */
export const admin: Feature = {
  routes: [
    { pattern: '/admin/pengguna', load: () => import('./UsersPage').then((m) => m.default), allowed: can.administer },
    { pattern: '/admin/hari-libur', load: () => import('./HolidaysPage').then((m) => m.default), allowed: can.administer },
    { pattern: '/admin/opd', load: () => import('./OpdsPage').then((m) => m.default), allowed: can.administer },
    { pattern: '/admin/grup', load: () => import('./GroupsPage').then((m) => m.default), allowed: can.administer },
    { pattern: '/admin/kotak-keluar', load: () => import('./OutboxPage').then((m) => m.default), allowed: can.administer },
    { pattern: '/admin/kop-surat', load: () => import('./LetterheadPage').then((m) => m.default), allowed: can.administer },
  ],
  nav: [
    { href: '/admin/pengguna', labelKey: 'nav.users', allowed: can.administer },
    { href: '/admin/hari-libur', labelKey: 'nav.holidays', allowed: can.administer },
    { href: '/admin/opd', labelKey: 'nav.opds', allowed: can.administer },
    { href: '/admin/grup', labelKey: 'nav.groups', allowed: can.administer },
    { href: '/admin/kotak-keluar', labelKey: 'nav.outbox', allowed: can.administer },
    { href: '/admin/kop-surat', labelKey: 'nav.letterhead', allowed: can.administer },
  ],
};
