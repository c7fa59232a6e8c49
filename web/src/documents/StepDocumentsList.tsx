import { useState } from 'preact/hooks';
import type { StepDocumentListing } from '../../../src/contract/stepDocuments';
import { apiErrorOf, get } from '../api';
import { registerMessages, t } from '../i18n';
import { ErrorBox } from '../ui/ErrorBox';
import { useAsync } from '../ui/useAsync';
import { messages } from './messages';

registerMessages(messages);

/**
 * "Dokumen": the documents of the complaint's steps that exist now, each to open and print (HTML)
 * or download as PDF. Shows nothing to whoever may not read the complaint (the server refuses).
 */
export function StepDocumentsList({ trackingId }: { trackingId: string }) {
  const docs = useAsync(() => get<StepDocumentListing[]>(`/api/complaints/${encodeURIComponent(trackingId)}/documents`), [trackingId]);
  if (!docs.data?.length) return null;
  return (
    <section class="step-documents" aria-labelledby="documents-title" data-testid="documents">
      <h3 id="documents-title">{t('documents.title')}</h3>
      <p class="muted">{t('documents.intro')}</p>
      <ul>
        {docs.data.map((d) => (
          <li key={d.kind} data-kind={d.kind}>
            <span>{t(`documents.kind.${d.kind}`)}</span>{' '}
            <a href={d.href} target="_blank" rel="noopener">
              {t('documents.print')}
            </a>
            {' · '}
            <a href={d.pdfHref} download>
              {t('documents.pdf')}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * The receipt with the reporter's reply code, right after intake: the code is in this page's memory
 * only, so the PDF is asked for by POST (the code never sits in an address) and saved from here.
 */
export function ReceiptWithCodeButton({ trackingId, replyCode }: { trackingId: string; replyCode: string }) {
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const download = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const res = await fetch(`/api/complaints/${encodeURIComponent(trackingId)}/documents/tanda-terima.pdf`, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ replyCode }),
      });
      if (!res.ok) throw apiErrorOf(res.status, res.statusText, (res.headers.get('Content-Type') ?? '').includes('json') ? await res.json() : await res.text());
      const url = URL.createObjectURL(await res.blob());
      const a = document.createElement('a');
      a.href = url;
      a.download = `tanda-terima-${trackingId}.pdf`;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="receipt-with-code">
      <button type="button" onClick={() => void download()} disabled={busy} data-testid="receipt-with-code">
        {t('documents.receiptWithCode')}
      </button>
      <p class="muted">{t('documents.receiptWithCodeHint')}</p>
      <ErrorBox error={error} />
    </div>
  );
}
