import type { Feature } from '../router';
import { can } from '../session';
import { registerMessages } from '../i18n';
import { messages } from './messages';
import { migrationMessages } from './migrationMessages';

registerMessages(messages);
registerMessages(migrationMessages);

export const modeler: Feature = {
  routes: [
    { pattern: '/proses', load: () => import('./ProcessListPage').then((m) => m.default) },
    { pattern: '/proses/baru', load: () => import('./NewDiagramPage').then((m) => m.default), allowed: can.deploy },
    { pattern: '/proses/:key', load: () => import('./EditorPage').then((m) => m.default) },
    { pattern: '/proses/:key/pindah', load: () => import('./MigrationPage').then((m) => m.default) },
    { pattern: '/proses/:key/banding', load: () => import('./ComparePage').then((m) => m.default) },
    { pattern: '/proses/:key/sop', load: () => import('./SopSheetPage').then((m) => m.default) },
  ],
  nav: [{ href: '/proses', labelKey: 'nav.modeler', allowed: () => true }],
};
