import { useEffect, useState } from 'preact/hooks';
import { ApiError, get } from '../api';
import { formatDateTime, t } from '../i18n';
import { navigate, type PageProps } from '../router';
import { ErrorBox } from '../ui/ErrorBox';
import { ReplyForm } from './ReplyForm';
import type { PublicComplaintView } from '../../../src/contract/complaints';

/** GET /api/public/complaints/:trackingId: a confidential complaint shows its status only. */
type PublicComplaint = PublicComplaintView;

/**
 * The reporter's page: where a complaint stands, by its tracking ID, without signing in.
 * It asks the server for nothing but the public view, which never holds an identity.
 */
export default function TrackingPage({ query }: PageProps) {
  const initial = query.get('id') ?? '';
  const [input, setInput] = useState(initial);
  const [result, setResult] = useState<PublicComplaint | undefined>();
  const [notFound, setNotFound] = useState(false);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [replied, setReplied] = useState(false);

  const lookUp = async (id: string, keepNotice = false) => {
    setBusy(true);
    if (!keepNotice) setReplied(false);
    setResult(undefined);
    setNotFound(false);
    setError(undefined);
    try {
      setResult(await get<PublicComplaint>(`/api/public/complaints/${encodeURIComponent(id.trim())}`));
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) setNotFound(true);
      else setError(err);
    } finally {
      setBusy(false);
    }
  };
  useEffect(() => {
    if (initial.trim()) void lookUp(initial);
  }, [initial]);

  return (
    <section aria-labelledby="track-title" class="tracking-page">
      <h1 id="track-title">{t('track.title')}</h1>
      <form
        class="card"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          if (!input.trim()) return;
          // The ID in the address: a reporter can bookmark the status page.
          if (input.trim() !== initial) navigate(`/lacak?id=${encodeURIComponent(input.trim())}`);
          else void lookUp(input);
        }}
      >
        <label for="track-id">{t('track.input')}</label>
        <input id="track-id" name="trackingId" required autoComplete="off" placeholder="KPS-2026-000123" value={input} onInput={(e) => setInput(e.currentTarget.value)} />
        <p class="muted">{t('track.hint')}</p>
        <div class="actions">
          <button type="submit" class="primary" disabled={busy}>
            {t('track.submit')}
          </button>
        </div>
      </form>
      <div aria-live="polite">
        {notFound && (
          <p class="error" role="alert" data-testid="track-not-found">
            {t('track.notFound', { id: input.trim() })}
          </p>
        )}
        <ErrorBox error={error} />
        {result && (
          <section class="card" aria-labelledby="track-result-title" data-testid="track-result">
            <h2 id="track-result-title">
              {t('track.result')} <span class="tracking">{result.trackingId}</span>
            </h2>
            <dl class="facts">
              {result.subject && (
                <>
                  <dt>{t('track.subject')}</dt>
                  <dd data-testid="track-subject">{result.subject}</dd>
                </>
              )}
              <dt>{t('track.status')}</dt>
              <dd>
                <span class={`badge status-${result.status}`} data-testid="track-status">
                  {t(`complaint.status.${result.status}`)}
                </span>
              </dd>
              {result.createdAt && (
                <>
                  <dt>{t('track.createdAt')}</dt>
                  <dd>{formatDateTime(result.createdAt)}</dd>
                </>
              )}
              {result.answeredAt && (
                <>
                  <dt>{t('track.answeredAt')}</dt>
                  <dd>{formatDateTime(result.answeredAt)}</dd>
                </>
              )}
              {result.closedAt && (
                <>
                  <dt>{t('track.closedAt')}</dt>
                  <dd>{formatDateTime(result.closedAt)}</dd>
                </>
              )}
              {result.channel && (
                <>
                  <dt>{t('track.channel')}</dt>
                  <dd>{t(`complaint.channel.${result.channel}`)}</dd>
                </>
              )}
              {result.createdAt && (
                <>
                  <dt>{t('track.opd')}</dt>
                  <dd>{result.opdName ?? t('track.opdPending')}</dd>
                </>
              )}
            </dl>
            {result.answers === undefined ? (
              <p class="muted">{t('track.confidential')}</p>
            ) : (
              <>
                <h3>{t('track.answers')}</h3>
                {result.answers.length === 0 ? (
                  <p class="muted">{t('track.noAnswers')}</p>
                ) : (
                  <ol class="answers" data-testid="track-answers">
                    {(result.answerLog ?? result.answers.map((text) => ({ text, at: '' }))).map((a) => (
                      <li>
                        {a.at && <p class="muted">{formatDateTime(a.at)}</p>}
                        <p class="prewrap">{a.text}</p>
                      </li>
                    ))}
                  </ol>
                )}
              </>
            )}
          </section>
        )}
        {replied && (
          <p class="notice" role="status" data-testid="reply-sent">
            {t('reply.sent')}
          </p>
        )}
        {result?.awaitingReply && (
          <ReplyForm
            trackingId={result.trackingId}
            onSent={() => {
              setReplied(true);
              void lookUp(result.trackingId, true);
            }}
          />
        )}
      </div>
      <p>
        <a href="#/">{t('track.toLogin')}</a>
      </p>
    </section>
  );
}
