import { t } from '../i18n';

const DURATION = /^P(?!$)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;
/** `${variable}` placeholders: the engine reads variable names only. */
const PLACEHOLDER = /^\$\{[A-Za-z_][\w.]*\}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/;

/** What the engine accepts as a user task's `camunda:dueDate`. */
export function isValidDueDate(value: string): boolean {
  return DURATION.test(value) || PLACEHOLDER.test(value) || (DATE_TIME.test(value) && !Number.isNaN(Date.parse(value)));
}

/** "P3DT4H" → "3 hari 4 jam kerja" (or "… kalender" when the process counts calendar time). */
export function describeDuration(value: string, working: boolean): string | undefined {
  const m = DURATION.exec(value);
  if (!m) return undefined;
  const units = ['year', 'month', 'week', 'day', 'hour', 'minute', 'second'];
  const parts = units.flatMap((u, i) => (m[i + 1] && Number(m[i + 1]) > 0 ? [t(`modeler.duration.${u}`, { n: Number(m[i + 1]) })] : []));
  if (parts.length === 0) return undefined;
  return t(working ? 'modeler.duration.working' : 'modeler.duration.calendar', { parts: parts.join(' ') });
}
