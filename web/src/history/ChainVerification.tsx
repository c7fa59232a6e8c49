import { get } from '../api';
import { t } from '../i18n';
import { useAsync } from '../ui/useAsync';
import type { HistoryVerification } from './types';

/**
 * The history's hash chain as the server recomputes it (GET /api/instances/:id/history/verify):
 * green when every entry matches, red naming the first entry that does not. Readers the verify
 * route refuses (it allows what the history route allows, the audit page a little more) see
 * nothing rather than an error on an otherwise readable page.
 */
export function ChainVerification({ instanceId }: { instanceId: string }) {
  const state = useAsync(() => get<HistoryVerification>(`/api/instances/${encodeURIComponent(instanceId)}/history/verify`), [instanceId]);
  const v = state.data;
  if (!v) return null;
  return v.ok ? (
    <p class="notice" role="status" data-testid="history-verification" data-ok="true">
      {t('instance.chainOk', { n: v.entries })}
    </p>
  ) : (
    <p class="error" role="alert" data-testid="history-verification" data-ok="false">
      {t('instance.chainBroken', { id: v.brokenAt })}
    </p>
  );
}
