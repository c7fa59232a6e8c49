import { ApiError } from '../api';
import { t } from '../i18n';

/** Shows what went wrong in the server's own words (its `detail` names the problem). */
export function ErrorBox({ error }: { error: unknown }) {
  if (!error) return null;
  const text =
    error instanceof ApiError ? `${t(`error.${error.status}`) !== `error.${error.status}` ? t(`error.${error.status}`) + ' — ' : ''}${error.message}` : String((error as Error).message ?? error);
  return (
    <p class="error" role="alert">
      {text}
    </p>
  );
}

export function Loading() {
  return <p class="muted" aria-busy="true">{t('common.loading')}</p>;
}
