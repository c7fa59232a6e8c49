import { useEffect, useState } from 'preact/hooks';
import { ApiError, get, post, withQuery } from '../api';
import { t } from '../i18n';
import type { PageProps } from '../router';
import { me, type Me } from '../session';
import { useSignal } from '../signal';
import { ErrorBox, fieldRuleText } from '../ui/ErrorBox';
import { FileInputs, UploadList, useUploads } from './uploads';
import { ReceiptWithCodeButton } from '../documents/StepDocumentsList';

type District = 'kapuas' | 'kapuas-hulu';
interface Opd {
  code: string;
  name: string;
  district: District;
}
interface Created {
  trackingId: string;
  /** The reporter's reply code: the server answers it this once and keeps only its hash. */
  replyCode: string;
  openTasks: { id: string; name: string | null; elementId: string; assignee: string | null; candidateGroups: string[] }[];
}
interface Form {
  district: District;
  channel: string;
  reporterName: string;
  reporterContact: string;
  anonim: boolean;
  rahasia: boolean;
  subject: string;
  description: string;
  location: string;
  category: string;
  opd: string;
}

/** The channels the server accepts. */
const serverChannels = () => get<string[]>('/api/complaint-channels');

const KPH = 'kph-';
const homeDistrict = (user: Me): District => (user.opd?.startsWith(KPH) ? 'kapuas-hulu' : 'kapuas');
/** Only the Admin Utama chooses; OPD staff enter complaints about their own OPD. */
const choosesOpd = (user: Me) => user.roles.includes('admin-utama');

/** Which form field a server problem is about (`reporter.name` → reporterName). */
const fieldOfPath: Record<string, keyof Form> = { 'reporter.name': 'reporterName', 'reporter.contact': 'reporterContact' };
/** The server's problems by form field, each worded in the user's language from its rule and real limit. */
function fieldErrors(err: unknown): Partial<Record<keyof Form, string>> {
  if (!(err instanceof ApiError) || err.status !== 400 || !err.fields?.length) return {};
  const out: Partial<Record<keyof Form, string>> = {};
  for (const problem of err.fields) {
    const field = (fieldOfPath[problem.field] ?? problem.field) as keyof Form;
    out[field] ??= fieldRuleText(problem);
  }
  return out;
}

function emptyForm(user: Me): Form {
  return {
    district: homeDistrict(user),
    channel: '',
    reporterName: '',
    reporterContact: '',
    anonim: false,
    rahasia: false,
    subject: '',
    description: '',
    location: '',
    category: '',
    opd: choosesOpd(user) ? '' : (user.opd ?? ''),
  };
}

/** Intake of a complaint that arrived outside LAPOR! (or for an OPD): starts its SOP. */
export default function IntakePage(_props: PageProps) {
  const user = useSignal(me)!;
  const [form, setForm] = useState<Form>(() => emptyForm(user));
  const [channels, setChannels] = useState<string[]>([]);
  const [opds, setOpds] = useState<Opd[]>([]);
  const [files, setFiles] = useState<File[]>([]);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<Created | undefined>();
  const { uploads, start } = useUploads();

  useEffect(() => {
    serverChannels().then(setChannels, setError);
  }, []);
  useEffect(() => {
    get<Opd[]>(withQuery('/api/opds', { district: form.district, active: 'true' })).then(setOpds, setError);
  }, [form.district]);

  const set = <K extends keyof Form>(k: K, v: Form[K]) => setForm((f) => ({ ...f, [k]: v }));
  const errors = fieldErrors(error);
  const described = (k: keyof Form) => (errors[k] ? `intake-${k}-error` : undefined);
  const FieldError = ({ k }: { k: keyof Form }) =>
    errors[k] ? (
      <p class="error field-error" id={`intake-${k}-error`}>
        {errors[k]}
      </p>
    ) : null;

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const body = {
        ...(choosesOpd(user) && { district: form.district }),
        channel: form.channel,
        ...(!form.anonim && (form.reporterName || form.reporterContact) && { reporter: { name: form.reporterName, contact: form.reporterContact } }),
        anonim: form.anonim,
        rahasia: form.rahasia,
        subject: form.subject,
        description: form.description,
        location: form.location,
        category: form.category,
        ...(choosesOpd(user) && form.opd && { opd: form.opd }),
      };
      const result = await post<Created>('/api/complaints', body);
      setCreated(result);
      window.scrollTo(0, 0);
      if (files.length) await start(result.trackingId, files);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  if (created) {
    const firstTask = created.openTasks.find((x) => x.assignee === user.username || (!x.assignee && x.candidateGroups.some((g) => user.groups.includes(g))));
    return (
      <section aria-labelledby="intake-done-title">
        <h1 id="intake-done-title">{t('intake.done.title')}</h1>
        <div class="card tracking-result" role="status">
          <p>{t('intake.done.trackingId')}</p>
          <p class="tracking-id" data-testid="tracking-id">
            {created.trackingId}
          </p>
          <p class="muted">{t('intake.done.hint')}</p>
          <p>{t('intake.done.replyCode')}</p>
          <p class="tracking-id" data-testid="reply-code">
            {created.replyCode}
          </p>
          <p class="muted" data-testid="reply-code-hint">
            {t('intake.done.replyCodeHint')}
          </p>
          <ReceiptWithCodeButton trackingId={created.trackingId} replyCode={created.replyCode} />
        </div>
        <UploadList uploads={uploads} />
        <div class="actions">
          {firstTask && (
            <a class="button primary" href={`#/tugas/${firstTask.id}`} data-testid="first-task">
              {t('intake.done.firstTask', { name: firstTask.name ?? firstTask.elementId })}
            </a>
          )}
          <button
            onClick={() => {
              setCreated(undefined);
              setFiles([]);
              setForm(emptyForm(user));
            }}
          >
            {t('intake.done.another')}
          </button>
        </div>
      </section>
    );
  }

  const opdLocked = !choosesOpd(user);
  return (
    <section aria-labelledby="intake-title">
      <h1 id="intake-title">{t('intake.title')}</h1>
      <form class="card intake-form" onSubmit={submit} noValidate>
        {Object.keys(errors).length ? (
          <p class="error" role="alert">
            {t('intake.checkFields')}
          </p>
        ) : (
          <ErrorBox error={error} labelOf={intakeLabel} />
        )}
        {choosesOpd(user) && (
          <>
            <label for="intake-district">{t('intake.district')}</label>
            <select id="intake-district" value={form.district} onChange={(e) => setForm((f) => ({ ...f, district: e.currentTarget.value as District, opd: '' }))}>
              <option value="kapuas">Kabupaten Kapuas</option>
              <option value="kapuas-hulu">Kabupaten Kapuas Hulu</option>
            </select>
          </>
        )}
        <label for="intake-channel">{t('intake.channel')}</label>
        <select id="intake-channel" required value={form.channel} aria-describedby={described('channel')} onChange={(e) => set('channel', e.currentTarget.value)}>
          <option value="">{t('intake.choose')}</option>
          {channels.map((c) => (
            <option value={c}>{t(`complaint.channel.${c}`)}</option>
          ))}
        </select>
        <FieldError k="channel" />

        <fieldset>
          <legend>{t('intake.reporter')}</legend>
          <label class="check" for="intake-anonim">
            <input id="intake-anonim" type="checkbox" checked={form.anonim} onChange={(e) => setForm((f) => ({ ...f, anonim: e.currentTarget.checked, ...(e.currentTarget.checked && { reporterName: '', reporterContact: '' }) }))} />
            {t('intake.anonim')}
          </label>
          <label class="check" for="intake-rahasia">
            <input id="intake-rahasia" type="checkbox" checked={form.rahasia} onChange={(e) => set('rahasia', e.currentTarget.checked)} />
            {t('intake.rahasia')}
          </label>
          <div class="row">
            <div>
              <label for="intake-reporter-name">{t('intake.reporterName')}</label>
              <input id="intake-reporter-name" autoComplete="off" disabled={form.anonim} value={form.reporterName} aria-describedby={described('reporterName')} onInput={(e) => set('reporterName', e.currentTarget.value)} />
              <FieldError k="reporterName" />
            </div>
            <div>
              <label for="intake-reporter-contact">{t('intake.reporterContact')}</label>
              <input id="intake-reporter-contact" autoComplete="off" disabled={form.anonim} value={form.reporterContact} aria-describedby={described('reporterContact')} onInput={(e) => set('reporterContact', e.currentTarget.value)} />
              <FieldError k="reporterContact" />
            </div>
          </div>
        </fieldset>

        <label for="intake-subject">{t('intake.subject')}</label>
        <input id="intake-subject" required maxLength={300} value={form.subject} aria-describedby={described('subject')} onInput={(e) => set('subject', e.currentTarget.value)} />
        <FieldError k="subject" />
        <label for="intake-description">{t('intake.description')}</label>
        <textarea id="intake-description" required rows={6} value={form.description} aria-describedby={described('description')} onInput={(e) => set('description', e.currentTarget.value)} />
        <FieldError k="description" />
        <div class="row">
          <div>
            <label for="intake-location">{t('intake.location')}</label>
            <input id="intake-location" value={form.location} aria-describedby={described('location')} onInput={(e) => set('location', e.currentTarget.value)} />
            <FieldError k="location" />
          </div>
          <div>
            <label for="intake-category">{t('intake.category')}</label>
            <input id="intake-category" value={form.category} aria-describedby={described('category')} onInput={(e) => set('category', e.currentTarget.value)} />
            <FieldError k="category" />
          </div>
        </div>
        <label for="intake-opd">{t('intake.opd')}</label>
        <select id="intake-opd" value={form.opd} disabled={opdLocked} aria-describedby={described('opd')} onChange={(e) => set('opd', e.currentTarget.value)}>
          {!opdLocked && <option value="">{t('intake.opdLater')}</option>}
          {opdLocked && !opds.some((o) => o.code === form.opd) && <option value={form.opd}>{form.opd}</option>}
          {opds.map((o) => (
            <option value={o.code}>{o.name}</option>
          ))}
        </select>
        {opdLocked && <p class="muted">{t('intake.opdOwn')}</p>}
        <FieldError k="opd" />

        <h2>{t('intake.attachments')}</h2>
        <p class="muted">{t('intake.upload.hint')}</p>
        <FileInputs idPrefix="intake-upload" onFiles={(picked) => setFiles((list) => [...list, ...picked])} disabled={busy} />
        {files.length > 0 && (
          <ul class="pending-files" data-testid="pending-files">
            {files.map((f, i) => (
              <li>
                {f.name}{' '}
                <button type="button" class="link" aria-label={t('intake.removeFile', { name: f.name })} onClick={() => setFiles((list) => list.filter((_, j) => j !== i))}>
                  {t('intake.remove')}
                </button>
              </li>
            ))}
          </ul>
        )}
        <div class="actions">
          <button type="submit" class="primary" disabled={busy}>
            {t('intake.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}

/** The intake form's label of a field of POST /api/complaints, for its errors. */
function intakeLabel(field: string): string | undefined {
  const keys: Record<string, string> = {
    channel: 'intake.channel',
    'reporter.name': 'intake.reporterName',
    'reporter.contact': 'intake.reporterContact',
    subject: 'intake.subject',
    description: 'intake.description',
    location: 'intake.location',
    category: 'intake.category',
    opd: 'intake.opd',
  };
  return keys[field] ? t(keys[field]) : undefined;
}
