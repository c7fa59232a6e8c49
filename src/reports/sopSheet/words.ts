import { DateTime } from 'luxon';
import { defaultWorkingCalendarOptions } from '../../engine/workingCalendar';

const ZONE = defaultWorkingCalendarOptions.zone;

/**
 * The words the sheets use for times and dates: "15 menit", "1 hari", "7,5 jam", "07 Desember 2023".
 */

const ISO = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?)?$/;

/**
 * A task's `camunda:dueDate` as the SOP writes a time standard: "P3D" → "3 hari", "PT15M" →
 * "15 menit", "PT7H30M" → "7,5 jam"; "" for anything else (an expression, a date, weeks).
 * Days, hours and minutes are working time, as the SOP's "Waktu" is.
 */
export function durationWords(iso: string | undefined): string {
  const m = ISO.exec((iso ?? '').trim().toUpperCase());
  if (!m || /^PT?$/.test((iso ?? '').trim())) return '';
  const [days, hours, minutes] = [m[1], m[2], m[3]].map((v) => Number(v ?? 0));
  const parts: string[] = [];
  if (days) parts.push(`${days} hari`);
  const total = hours * 60 + minutes;
  if (total && total % 60 === 0) parts.push(`${total / 60} jam`);
  else if (total > 60 && total % 30 === 0) parts.push(`${String(total / 60).replace('.', ',')} jam`);
  else if (total) parts.push(`${total} menit`);
  return parts.join(' ');
}

const MONTHS = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];

/** "2023-12-07" → "07 Desember 2023", as the sheets print it; other text is kept ("-", ""). */
export function dateWords(value: string | undefined): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec((value ?? '').trim());
  if (!m) return (value ?? '').trim();
  return `${m[3]} ${MONTHS[Number(m[2]) - 1]} ${m[1]}`;
}

/** An instant in WIB: "05 Desember 2026 10.00 WIB". */
export function instantWords(iso: string): string {
  const at = DateTime.fromISO(iso, { zone: ZONE });
  return `${dateWords(at.toISODate() ?? '')} ${at.toFormat('HH.mm')} WIB`;
}
