/**
 * An SOP step's time standard ("Waktu") in the words of the SOP sheets: "3 hari", "3–5 hari",
 * "15 menit", "7,5 jam" (English "3 days", "30 minutes" too), read into the ISO 8601 durations the
 * diagram carries: the task's `camunda:dueDate`, its late timer (the upper bound) and, for a range,
 * its reminder timer (the lower bound, as "Sudah 3 hari" reminds at 3 of "3-5 hari").
 *
 * Pure and without the app's i18n (it runs in the browser, in bpmnlint and in unit tests), so its
 * refusals carry both languages.
 */

export type TimeUnit = 'day' | 'hour' | 'minute';
type Lang = 'id' | 'en';

export interface TimeStandard {
  /** The deadline: `camunda:dueDate` and the late timer, e.g. "P5D". */
  due: string;
  /** A range's lower bound: the reminder timer, e.g. "P3D"; absent for a single value. */
  remind?: string;
  /** The standard as the SOP sheet writes it, e.g. "3-5 hari". */
  words: string;
}

export type TimeStandardError = 'empty' | 'unreadable' | 'unit' | 'zero' | 'range' | 'tooLong' | 'fractionDay';
export type TimeStandardResult = { ok: true; value: TimeStandard } | { ok: false; error: TimeStandardError; message: string };

const UNIT_WORDS: Record<string, TimeUnit> = {
  hari: 'day',
  day: 'day',
  days: 'day',
  jam: 'hour',
  hour: 'hour',
  hours: 'hour',
  menit: 'minute',
  minute: 'minute',
  minutes: 'minute',
  min: 'minute',
};

const UNIT_NAMES: Record<Lang, Record<TimeUnit, string>> = {
  id: { day: 'hari', hour: 'jam', minute: 'menit' },
  en: { day: 'days', hour: 'hours', minute: 'minutes' },
};

/** A year of working days: beyond it a "standard" is a typo, not an SOP. */
const MAX_AMOUNT: Record<TimeUnit, number> = { day: 260, hour: 260 * 7.5, minute: 260 * 7.5 * 60 };

const MESSAGES: Record<Lang, Record<TimeStandardError, string>> = {
  id: {
    empty: 'Tulis waktu standar, mis. "3 hari", "3–5 hari", "15 menit" atau "7,5 jam".',
    unreadable: 'Waktu "{text}" tidak terbaca. Tulis angka dan satuan, mis. "3 hari", "3–5 hari", "15 menit" atau "7,5 jam".',
    unit: 'Satuan "{unit}" tidak dikenal. Gunakan hari, jam atau menit.',
    zero: 'Waktu standar harus lebih dari nol.',
    range: 'Pada rentang "{text}" angka pertama harus lebih kecil dari angka kedua.',
    tooLong: 'Waktu "{text}" lebih dari satu tahun kerja; periksa angkanya.',
    fractionDay: 'Hari kerja tidak dibagi: tulis "{text}" dalam jam atau menit (satu hari kerja = 7,5 jam).',
  },
  en: {
    empty: 'Write the standard time, e.g. "3 days", "3–5 days", "15 minutes" or "7.5 hours".',
    unreadable: 'The time "{text}" cannot be read. Write a number and a unit, e.g. "3 days", "3–5 days", "15 minutes" or "7.5 hours".',
    unit: 'Unknown unit "{unit}". Use days, hours or minutes.',
    zero: 'The standard time must be more than zero.',
    range: 'In the range "{text}" the first number must be smaller than the second.',
    tooLong: 'The time "{text}" is more than a working year; check the number.',
    fractionDay: 'Working days are not split: write "{text}" in hours or minutes (a working day is 7.5 hours).',
  },
};

function refuse(error: TimeStandardError, lang: Lang, vars: Record<string, string>): TimeStandardResult {
  const message = MESSAGES[lang][error].replace(/\{(\w+)\}/g, (m, k: string) => vars[k] ?? m);
  return { ok: false, error, message };
}

const NUMBER = String.raw`(\d+(?:[.,]\d+)?)`;
const WORDS = new RegExp(String.raw`^${NUMBER}(?:\s*(?:-|–|—|s\.?\s?d\.?|sampai|hingga|to)\s*${NUMBER})?\s*([A-Za-z.]+)\s*(?:kerja|working)?$`, 'i');
const ISO = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?)?$/;

/** An amount as an ISO duration in the largest whole units, e.g. "7,5 jam" → PT7H30M. */
function isoOf(amount: number, unit: TimeUnit): string {
  if (unit === 'day') return `P${amount}D`;
  const minutes = Math.round(amount * (unit === 'hour' ? 60 : 1));
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `PT${h ? `${h}H` : ''}${m ? `${m}M` : ''}`;
}

const number = (s: string) => Number(s.replace(',', '.'));

/** Reads a time standard in words (or an ISO duration of days, hours and minutes). */
export function parseTimeStandard(input: string, lang: Lang = 'id'): TimeStandardResult {
  const text = input.trim().replace(/\s+/g, ' ');
  if (!text) return refuse('empty', lang, {});
  const iso = ISO.exec(text.toUpperCase());
  if (iso && text.length > 1 && text.toUpperCase() !== 'PT') {
    const words = wordsOf(text.toUpperCase(), lang);
    if (!words) return refuse('zero', lang, { text });
    return { ok: true, value: { due: text.toUpperCase(), words } };
  }
  const m = WORDS.exec(text);
  if (!m) return refuse('unreadable', lang, { text });
  const unitWord = m[3].toLowerCase().replace(/\.$/, '');
  const unit = UNIT_WORDS[unitWord];
  if (!unit) return refuse('unit', lang, { unit: m[3] });
  const low = number(m[1]);
  const high = m[2] !== undefined ? number(m[2]) : undefined;
  if (low <= 0 || high === 0) return refuse('zero', lang, { text });
  if (high !== undefined && high <= low) return refuse('range', lang, { text });
  // A working day is 7.5 office hours, not 24: half a day is for the author to say in hours.
  if (unit === 'day' && (!Number.isInteger(low) || (high !== undefined && !Number.isInteger(high)))) return refuse('fractionDay', lang, { text });
  if ((high ?? low) > MAX_AMOUNT[unit]) return refuse('tooLong', lang, { text });
  const name = UNIT_NAMES.id[unit];
  const shown = (n: number) => String(n).replace('.', ',');
  return {
    ok: true,
    value: {
      due: isoOf(high ?? low, unit),
      ...(high !== undefined ? { remind: isoOf(low, unit) } : {}),
      words: high !== undefined ? `${shown(low)}-${shown(high)} ${name}` : `${shown(low)} ${name}`,
    },
  };
}

/** The message for a refusal, in `lang`. */
export function timeStandardMessage(error: TimeStandardError, lang: Lang, vars: Record<string, string> = {}): string {
  return (refuse(error, lang, vars) as { message: string }).message;
}

/**
 * An ISO duration of days, hours and minutes in the SOP's words: "P3D" → "3 hari", "PT7H30M" →
 * "7,5 jam", "PT90M" → "1,5 jam"; undefined for anything else (weeks, seconds, expressions).
 */
export function wordsOf(iso: string, lang: Lang = 'id'): string | undefined {
  const m = ISO.exec(iso);
  if (!m || iso === 'P' || iso === 'PT') return undefined;
  const [days, hours, minutes] = [m[1], m[2], m[3]].map((v) => Number(v ?? 0));
  const names = UNIT_NAMES[lang];
  const shown = (n: number) => (lang === 'id' ? String(n).replace('.', ',') : String(n));
  if (days && !hours && !minutes) return `${days} ${names.day}`;
  if (days) return undefined; // "1 hari 2 jam" is no SOP wording; left to the ISO reading
  const total = hours * 60 + minutes;
  if (total === 0) return undefined;
  if (total % 60 === 0) return `${total / 60} ${names.hour}`;
  if (total > 60 && total % 30 === 0) return `${shown(total / 60)} ${names.hour}`;
  return `${total} ${names.minute}`;
}

/**
 * Whether two durations are the same time: PT90M and PT1H30M are, P1D and PT24H are not (a
 * working day is 7.5 office hours, so days are compared as days). Undefined when either is no
 * plain duration of days, hours and minutes (an expression, a date).
 */
export function sameDuration(a: string, b: string): boolean | undefined {
  const parts = (iso: string) => {
    const m = ISO.exec(iso.trim().toUpperCase());
    if (!m || /^PT?$/.test(iso.trim().toUpperCase())) return undefined;
    return { days: Number(m[1] ?? 0), minutes: Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0) };
  };
  const x = parts(a);
  const y = parts(b);
  if (!x || !y) return undefined;
  return x.days === y.days && x.minutes === y.minutes;
}
