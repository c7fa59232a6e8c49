import { signal } from './signal';

/**
 * Bahasa Indonesia first, English as a switch. Each feature folder keeps its own
 * `messages.ts` ({ id: {...}, en: {...} }) and registers it here, so features stay separable.
 * A key missing in English falls back to Indonesian; a key missing everywhere shows itself.
 */
export type Lang = 'id' | 'en';
export type Messages = Record<string, string>;
export interface MessageBundle {
  id: Messages;
  en: Partial<Messages>;
}

const STORAGE_KEY = 'lapor.lang';
const bundles: MessageBundle[] = [];

export const lang = signal<Lang>((localStorage.getItem(STORAGE_KEY) as Lang | null) === 'en' ? 'en' : 'id');
document.documentElement.lang = lang.get();

export function setLang(l: Lang): void {
  localStorage.setItem(STORAGE_KEY, l);
  document.documentElement.lang = l;
  lang.set(l);
}

export function registerMessages(bundle: MessageBundle): void {
  bundles.push(bundle);
}

/** Translates `key`, replacing `{name}` with `vars.name`. */
export function t(key: string, vars?: Record<string, string | number>): string {
  let text: string | undefined;
  for (const b of bundles) {
    text = (lang.get() === 'en' ? b.en[key] : undefined) ?? b.id[key];
    if (text !== undefined) break;
  }
  if (text === undefined) return key;
  return vars ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m)) : text;
}

const locales: Record<Lang, string> = { id: 'id-ID', en: 'en-GB' };

/** Date and time in WIB (Asia/Pontianak), the SOP's zone, whatever the browser's zone. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '–';
  return new Intl.DateTimeFormat(locales[lang.get()], {
    timeZone: 'Asia/Pontianak',
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(new Date(iso));
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '–';
  return new Intl.DateTimeFormat(locales[lang.get()], { timeZone: 'Asia/Pontianak', dateStyle: 'medium' }).format(new Date(iso));
}

/** A month's name (1 = January) in the user's language, e.g. for a monthly recap. */
export function monthName(month: number): string {
  return new Intl.DateTimeFormat(locales[lang.get()], { month: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2000, month - 1, 1)));
}
