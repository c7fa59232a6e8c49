import type { MessageBundle } from '../i18n';

export const messages: MessageBundle = {
  id: {
    'nav.modeler': 'Diagram SOP',
  },
  en: {
    'nav.modeler': 'SOP diagrams',
  },
};
