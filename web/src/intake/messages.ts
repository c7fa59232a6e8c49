import type { MessageBundle } from '../i18n';

export const messages: MessageBundle = {
  id: {
    'nav.intake': 'Pengaduan Baru',
  },
  en: {
    'nav.intake': 'New complaint',
  },
};
