import type { MessageBundle } from '../i18n';

export const messages: MessageBundle = {
  id: {
    'nav.history': 'Riwayat',
  },
  en: {
    'nav.history': 'History',
  },
};
