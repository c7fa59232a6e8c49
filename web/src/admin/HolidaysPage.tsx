import { useState } from 'preact/hooks';
import type { Holiday } from '../../../src/contract/admin';
import { api, get, withQuery } from '../api';
import { formatDate, t } from '../i18n';
import { navigate, type PageProps } from '../router';
import { ErrorBox, Loading } from '../ui/ErrorBox';
import { useAsync } from '../ui/useAsync';
import { AdminTable } from './AdminTable';
import { useChange } from './useChange';
import './admin.css';

const thisYear = () => new Date().getFullYear();
/** A calendar day (yyyy-MM-dd) in words, read in WIB like every date of the SOPs. */
const dayLabel = (day: string) => formatDate(`${day}T00:00:00+07:00`);

/**
 * The holidays the working calendar skips (admin-sistem): national ones seeded from
 * date-holidays, cuti bersama and SKB changes added here. The year lives in the address.
 */
/** What a holiday change answers: how many running deadlines it moved. */
interface Moved {
  deadlinesMoved: { moved: number; instances: number };
}

export default function HolidaysPage({ query }: PageProps) {
  const year = Number(query.get('tahun')) || thisYear();
  const state = useAsync(() => get<Holiday[]>(withQuery('/api/calendar/holidays', { year })), [year]);
  const [date, setDate] = useState('');
  const [name, setName] = useState('');
  const { busy, error, notice, run: act } = useChange(state.reload);
  const add = async (e: Event) => {
    e.preventDefault();
    const saved = (r: Moved) => t('holidays.saved', { date: dayLabel(date), moved: r.deadlinesMoved.moved });
    if (await act(() => api<Moved>('PUT', `/api/calendar/holidays/${date}`, { name: name.trim() }), saved)) {
      setDate('');
      setName('');
    }
  };
  const remove = (h: Holiday) => {
    if (!window.confirm(t('holidays.removeConfirm', { date: dayLabel(h.date), name: h.name }))) return;
    void act(() => api<Moved>('DELETE', `/api/calendar/holidays/${h.date}`), (r) => t('holidays.removed', { date: dayLabel(h.date), moved: r.deadlinesMoved.moved }));
  };

  return (
    <section class="admin">
      <h1>{t('holidays.title')}</h1>
      <p class="muted">{t('holidays.intro')}</p>
      <div class="row admin-year">
        <div>
          <label for="holidays-year">{t('holidays.year')}</label>
          <select id="holidays-year" value={year} onChange={(e) => navigate(withQuery('/admin/hari-libur', { tahun: e.currentTarget.value }))}>
            {[-1, 0, 1, 2].map((d) => thisYear() + d).map((y) => (
              <option value={y} key={y}>
                {y}
              </option>
            ))}
          </select>
        </div>
      </div>
      <form class="card" onSubmit={add} aria-busy={busy} data-testid="holiday-form">
        <h2>{t('holidays.add')}</h2>
        <div class="row">
          <div>
            <label for="holiday-date">{t('holidays.field.date')}</label>
            <input id="holiday-date" type="date" required value={date} onInput={(e) => setDate(e.currentTarget.value)} />
          </div>
          <div>
            <label for="holiday-name">{t('holidays.field.name')}</label>
            <input id="holiday-name" required maxLength={200} value={name} onInput={(e) => setName(e.currentTarget.value)} />
          </div>
        </div>
        <div class="actions">
          <button type="submit" class="primary" disabled={busy}>
            {t('holidays.save')}
          </button>
        </div>
      </form>
      {notice && (
        <p class="notice" role="status" data-testid="holidays-notice">
          {notice}
        </p>
      )}
      <ErrorBox error={error ?? state.error} />
      {!state.data ? (
        <Loading />
      ) : state.data.length === 0 ? (
        <p class="muted">{t('holidays.empty')}</p>
      ) : (
        <AdminTable
          testId="holidays"
          columns={[t('holidays.col.date'), t('holidays.col.name'), t('holidays.col.source')]}
          actionLabel={t('holidays.remove')}
        >
          {state.data.map((h) => (
            <tr key={h.date} data-date={h.date}>
              <td data-label={t('holidays.col.date')}>{dayLabel(h.date)}</td>
              <td data-label={t('holidays.col.name')}>{h.name}</td>
              <td data-label={t('holidays.col.source')}>{t(`holidays.source.${h.source}`)}</td>
              <td>
                <button type="button" disabled={busy} onClick={() => remove(h)} aria-label={`${t('holidays.remove')} ${dayLabel(h.date)}`}>
                  {t('holidays.remove')}
                </button>
              </td>
            </tr>
          ))}
        </AdminTable>
      )}
    </section>
  );
}
