import type { MessageBundle } from '../i18n';

export const messages: MessageBundle = {
  id: {
    'nav.worklist': 'Daftar Tugas',
  },
  en: {
    'nav.worklist': 'Worklist',
  },
};
