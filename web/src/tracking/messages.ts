import type { MessageBundle } from '../i18n';

export const messages: MessageBundle = {
  id: {
    'nav.tracking': 'Lacak Pengaduan',
  },
  en: {
    'nav.tracking': 'Track a complaint',
  },
};
