import { useEffect, useState } from 'preact/hooks';
import { districts, type District } from '../../../src/contract/complaints';
import { signatoryRoles, type Letterhead, type LetterheadInput, type SignatoryRole } from '../../../src/contract/stepDocuments';
import { get, put } from '../api';
import { formatDateTime, t } from '../i18n';
import { navigate, type PageProps } from '../router';
import { ErrorBox, Loading } from '../ui/ErrorBox';
import { useAsync } from '../ui/useAsync';
import { useChange } from './useChange';
import './admin.css';

type KopField = Exclude<keyof LetterheadInput, 'signatories'>;
const kopFields: { id: KopField; max: number; required?: boolean }[] = [
  { id: 'government', max: 200, required: true },
  { id: 'agency', max: 200, required: true },
  { id: 'address', max: 300 },
  { id: 'phone', max: 100 },
  { id: 'email', max: 200 },
  { id: 'logoText', max: 40 },
  { id: 'city', max: 100 },
];
const signatoryFields = [
  { id: 'name', max: 200 },
  { id: 'nip', max: 40 },
  { id: 'position', max: 200 },
] as const;

const inputOf = ({ district: _d, updatedAt: _a, updatedBy: _b, ...input }: Letterhead): LetterheadInput => input;

/**
 * The letterhead (kop surat) and signatories of each district's documents (admin-sistem). The
 * district lives in the address (?kabupaten=kapuas-hulu).
 */
export default function LetterheadPage({ query }: PageProps) {
  const asked = query.get('kabupaten');
  const district: District = districts.includes(asked as District) ? (asked as District) : 'kapuas';
  const state = useAsync(() => get<Letterhead[]>('/api/settings/letterhead'), []);
  const current = state.data?.find((l) => l.district === district);
  const [form, setForm] = useState<LetterheadInput>();
  useEffect(() => setForm(current && inputOf(current)), [current]);
  const { busy, error, notice, run } = useChange(state.reload);

  const setKop = (id: KopField, value: string) => setForm((f) => f && { ...f, [id]: value });
  const setSignatory = (role: SignatoryRole, id: (typeof signatoryFields)[number]['id'], value: string) =>
    setForm((f) => f && { ...f, signatories: { ...f.signatories, [role]: { ...f.signatories[role], [id]: value } } });
  const save = (e: Event) => {
    e.preventDefault();
    if (!form) return;
    void run(() => put<Letterhead>(`/api/settings/letterhead/${district}`, form), t('letterhead.saved', { district: t(`complaint.district.${district}`) }));
  };

  return (
    <section class="admin">
      <h1>{t('letterhead.title')}</h1>
      <p class="muted">{t('letterhead.intro')}</p>
      <div class="row admin-year">
        <div>
          <label for="letterhead-district">{t('letterhead.district')}</label>
          <select id="letterhead-district" value={district} onChange={(e) => navigate(`/admin/kop-surat?kabupaten=${e.currentTarget.value}`)}>
            {districts.map((d) => (
              <option value={d} key={d}>
                {t(`complaint.district.${d}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      {notice && (
        <p class="notice" role="status" data-testid="letterhead-notice">
          {notice}
        </p>
      )}
      <ErrorBox error={error ?? state.error} />
      {!form || !current ? (
        <Loading />
      ) : (
        <form class="card" onSubmit={save} aria-busy={busy} data-testid="letterhead-form">
          <p class="muted">{current.updatedAt ? t('letterhead.updated', { at: formatDateTime(current.updatedAt), by: current.updatedBy ?? '-' }) : t('letterhead.defaults')}</p>
          <h2>{t('letterhead.kop')}</h2>
          {kopFields.map((f) => (
            <div key={f.id}>
              <label for={`letterhead-${f.id}`}>{t(`letterhead.field.${f.id}`)}</label>
              <input id={`letterhead-${f.id}`} required={f.required} maxLength={f.max} value={form[f.id]} onInput={(e) => setKop(f.id, e.currentTarget.value)} />
            </div>
          ))}
          <h2>{t('letterhead.signatories')}</h2>
          {signatoryRoles.map((role) => (
            <fieldset key={role} data-role={role}>
              <legend>{t(`letterhead.role.${role}`)}</legend>
              <div class="row">
                {signatoryFields.map((f) => (
                  <div key={f.id}>
                    <label for={`letterhead-${role}-${f.id}`}>{t(`letterhead.field.${f.id}`)}</label>
                    <input
                      id={`letterhead-${role}-${f.id}`}
                      maxLength={f.max}
                      value={form.signatories[role][f.id]}
                      onInput={(e) => setSignatory(role, f.id, e.currentTarget.value)}
                    />
                  </div>
                ))}
              </div>
            </fieldset>
          ))}
          <div class="actions">
            <button type="submit" class="primary" disabled={busy}>
              {t('letterhead.save')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
