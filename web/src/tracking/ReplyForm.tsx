import { useState } from 'preact/hooks';
import { fileToBase64, post } from '../api';
import { t } from '../i18n';
import { ErrorBox } from '../ui/ErrorBox';

/** The limits the server holds (src/domain/complaintReplies.ts, attachments): said before sending. */
const TEXT_MAX = 2000;
const PHOTO_MAX_BYTES = 5 * 1024 * 1024;

const labelOf = (field: string) =>
  ({ code: t('reply.code'), puas: t('reply.puas'), text: t('reply.text'), photo: t('reply.photo') })[field.split('.')[0]];

/**
 * The reporter's reply, shown only while a step waits for it: the reply code from the receipt,
 * satisfied or not, why, and optionally a photo. The server checks the code and throttles guessing.
 */
export function ReplyForm({ trackingId, onSent }: { trackingId: string; onSent: () => void }) {
  const [code, setCode] = useState('');
  const [puas, setPuas] = useState<boolean | undefined>();
  const [text, setText] = useState('');
  const [photo, setPhoto] = useState<File | undefined>();
  const [problem, setProblem] = useState<string | undefined>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    setError(undefined);
    if (!code.trim()) return setProblem(t('reply.needCode'));
    if (puas === undefined) return setProblem(t('reply.needChoice'));
    if (!puas && !text.trim()) return setProblem(t('reply.needText'));
    if (photo && photo.size > PHOTO_MAX_BYTES) return setProblem(t('reply.photoTooLarge', { maxMb: 5 }));
    setProblem(undefined);
    setBusy(true);
    try {
      const body: Record<string, unknown> = { code: code.trim(), puas, text: text.trim() };
      if (photo) body.photo = { filename: photo.name, dataBase64: await fileToBase64(photo) };
      await post(`/api/public/complaints/${encodeURIComponent(trackingId)}/replies`, body);
      onSent();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="card reply-form" onSubmit={submit} noValidate aria-labelledby="reply-title" data-testid="reply-form">
      <h3 id="reply-title">{t('reply.title')}</h3>
      <p class="muted">{t('reply.intro')}</p>
      {problem ? (
        <p class="error" role="alert">
          {problem}
        </p>
      ) : (
        <ErrorBox error={error} labelOf={labelOf} />
      )}
      <label for="reply-code">{t('reply.code')}</label>
      <input id="reply-code" name="code" autoComplete="off" autoCapitalize="characters" placeholder="K7QM4-XW2PD" maxLength={40} value={code} onInput={(e) => setCode(e.currentTarget.value)} />
      <fieldset>
        <legend>{t('reply.puas')}</legend>
        <label>
          <input type="radio" name="puas" value="ya" checked={puas === true} onChange={() => setPuas(true)} /> {t('reply.puasYes')}
        </label>
        <label>
          <input type="radio" name="puas" value="tidak" checked={puas === false} onChange={() => setPuas(false)} /> {t('reply.puasNo')}
        </label>
      </fieldset>
      <label for="reply-text">{t('reply.text')}</label>
      <textarea id="reply-text" name="text" rows={4} maxLength={TEXT_MAX} value={text} onInput={(e) => setText(e.currentTarget.value)} />
      <p class="muted">{t('reply.textHint', { max: TEXT_MAX })}</p>
      <label for="reply-photo">{t('reply.photo')}</label>
      <input id="reply-photo" type="file" accept="image/jpeg,image/png" capture="environment" onChange={(e) => setPhoto(e.currentTarget.files?.[0])} />
      <p class="muted">{t('reply.photoHint', { maxMb: 5 })}</p>
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>
          {t('reply.submit')}
        </button>
      </div>
    </form>
  );
}
