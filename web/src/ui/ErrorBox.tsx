import type { FieldProblem } from '../../../src/contract/errors';
import { ApiError } from '../api';
import { t } from '../i18n';

/** Codes whose `detail` says which field or element, worth showing after the sentence. */
const detailed = new Set(['form.invalid', 'bpmn.invalid', 'request.invalid']);

/** What a field's problem is in the user's language, without its name: "paling sedikit 5 karakter". */
export function fieldRuleText(p: FieldProblem): string {
  return t(`fieldRule.${p.rule}`, { limit: p.limit ?? '', expected: p.expected ?? '' });
}

/** One field's problem in the user's language: "Subjek: paling sedikit 5 karakter". */
export function fieldProblemText(p: FieldProblem, labelOf?: (field: string) => string | undefined): string {
  const name = p.label ?? labelOf?.(p.field) ?? p.field;
  return `${name}: ${fieldRuleText(p)}`;
}

/**
 * What went wrong, for a person: a coded server error in the user's language (the contract's
 * codes, web/src/shell/errorMessages.ts), else a summary of the status and the server's own words.
 */
export function errorText(error: unknown, labelOf?: (field: string) => string | undefined): string {
  if (!(error instanceof ApiError)) return String((error as Error)?.message ?? error);
  if (error.code) {
    const key = `apiError.${error.code}`;
    const text = t(key, error.params);
    // The fields at fault in the user's words; the server's English detail only without them.
    if (text !== key && error.fields?.length) return `${text} ${error.fields.map((f) => fieldProblemText(f, labelOf)).join('; ')}.`;
    if (text !== key) return detailed.has(error.code) && error.detail ? `${text} ${error.detail}` : text;
  }
  const summary = t(`error.${error.status}`);
  return summary !== `error.${error.status}` ? `${summary} — ${error.message}` : error.message;
}

/** `labelOf` names a request's fields as the screen labels them ("reporter.name" → "Nama pelapor"). */
export function ErrorBox({ error, labelOf }: { error: unknown; labelOf?: (field: string) => string | undefined }) {
  if (!error) return null;
  return (
    <p class="error" role="alert">
      {errorText(error, labelOf)}
    </p>
  );
}

export function Loading() {
  return <p class="muted" aria-busy="true">{t('common.loading')}</p>;
}
