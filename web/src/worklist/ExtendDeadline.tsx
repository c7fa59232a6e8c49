import { useState } from 'preact/hooks';
import { post } from '../api';
import { formatDateTime, t } from '../i18n';
import { ErrorBox } from '../ui/ErrorBox';

/** The answer of POST /api/tasks/:id/extensions this form reads. */
interface Extended {
  to: string;
}

/**
 * "Perpanjang tenggat" (Ditunda): a superior of the task's performers gives it more time, with a
 * reason, either as working days added or as a date and time in WIB (the districts' clock, whatever
 * the browser's zone). The server checks everything again; this form only says it in the user's words.
 */
export function ExtendDeadline({ taskId, onExtended }: { taskId: string; onExtended: () => void }) {
  const [reason, setReason] = useState('');
  const [way, setWay] = useState<'days' | 'date'>('days');
  const [days, setDays] = useState('1');
  const [dueAt, setDueAt] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [done, setDone] = useState<string>();

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    setDone(undefined);
    try {
      // datetime-local has no zone: the districts' deadlines are WIB (+07:00).
      const body = way === 'days' ? { reason, addWorkingDays: Number(days) } : { reason, dueAt: dueAt ? `${dueAt}:00+07:00` : '' };
      const res = await post<Extended>(`/api/tasks/${taskId}/extensions`, body);
      setDone(res.to);
      setReason('');
      onExtended();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const labelOf = (field: string) => ({ reason: t('extend.reason'), addWorkingDays: t('extend.days'), dueAt: t('extend.dueAt') })[field];
  return (
    <form onSubmit={(e) => void submit(e)} data-testid="extend-form">
      <p class="muted">{t('extend.intro')}</p>
      <div class="task-field">
        <label for="extend-reason">{t('extend.reason')}</label>
        <textarea id="extend-reason" required minLength={5} maxLength={1000} rows={3} value={reason} onInput={(e) => setReason((e.currentTarget as HTMLTextAreaElement).value)} />
      </div>
      <fieldset>
        <legend>{t('extend.way')}</legend>
        <label class="check" for="extend-way-days">
          <input id="extend-way-days" type="radio" name="extend-way" checked={way === 'days'} onChange={() => setWay('days')} />
          {t('extend.way.days')}
        </label>
        <label class="check" for="extend-way-date">
          <input id="extend-way-date" type="radio" name="extend-way" checked={way === 'date'} onChange={() => setWay('date')} />
          {t('extend.way.date')}
        </label>
      </fieldset>
      {way === 'days' ? (
        <div class="task-field">
          <label for="extend-days">{t('extend.days')}</label>
          <input id="extend-days" type="number" min={1} max={60} step={1} inputMode="numeric" required value={days} onInput={(e) => setDays((e.currentTarget as HTMLInputElement).value)} />
        </div>
      ) : (
        <div class="task-field">
          <label for="extend-due">{t('extend.dueAt')}</label>
          <input id="extend-due" type="datetime-local" required value={dueAt} onInput={(e) => setDueAt((e.currentTarget as HTMLInputElement).value)} />
        </div>
      )}
      <div class="actions">
        <button class="primary" type="submit" disabled={busy} data-testid="extend-submit">
          {t('extend.submit')}
        </button>
      </div>
      {done && (
        <p class="notice" role="status" data-testid="extend-done">
          {t('extend.done', { at: formatDateTime(done) })}
        </p>
      )}
      <ErrorBox error={error} labelOf={labelOf} />
    </form>
  );
}
