import { ApiError } from '../api';
import { t } from '../i18n';

/** Codes whose `detail` says which field or element, worth showing after the sentence. */
const detailed = new Set(['form.invalid', 'bpmn.invalid', 'request.invalid']);

/**
 * What went wrong, for a person: a coded server error in the user's language (the contract's
 * codes, web/src/shell/errorMessages.ts), else a summary of the status and the server's own words.
 */
export function errorText(error: unknown): string {
  if (!(error instanceof ApiError)) return String((error as Error)?.message ?? error);
  if (error.code) {
    const key = `apiError.${error.code}`;
    const text = t(key, error.params);
    if (text !== key) return detailed.has(error.code) && error.detail ? `${text} ${error.detail}` : text;
  }
  const summary = t(`error.${error.status}`);
  return summary !== `error.${error.status}` ? `${summary} — ${error.message}` : error.message;
}

export function ErrorBox({ error }: { error: unknown }) {
  if (!error) return null;
  return (
    <p class="error" role="alert">
      {errorText(error)}
    </p>
  );
}

export function Loading() {
  return <p class="muted" aria-busy="true">{t('common.loading')}</p>;
}
