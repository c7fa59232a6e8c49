import type { MessageBundle } from '../i18n';

export const messages: MessageBundle = {
  id: {
    'nav.dashboard': 'Dasbor',
  },
  en: {
    'nav.dashboard': 'Dashboard',
  },
};
