import { get } from '../api';
import { formatDateTime, t } from '../i18n';
import { ErrorBox, Loading } from '../ui/ErrorBox';
import { useAsync } from '../ui/useAsync';
import { FileInputs, UploadList, useUploads, type AttachmentMeta } from '../intake/uploads';
import { StepDocumentsList } from '../documents/StepDocumentsList';

interface Complaint {
  trackingId: string;
  channel: string;
  status: string;
  subject: string;
  description: string;
  location: string | null;
  category: string | null;
  opdName: string | null;
  anonim: boolean;
  rahasia: boolean;
  reporter: { name: string | null; contact: string | null } | null;
  createdAt: string;
  attachments: AttachmentMeta[];
}

const isImage = (type: string) => type === 'image/jpeg' || type === 'image/png';
const downloadUrl = (trackingId: string, id: string) => `/api/complaints/${encodeURIComponent(trackingId)}/attachments/${id}`;

/** The complaint a task is about: what was reported, by whom when allowed, and its data dukung. */
export function ComplaintPanel({ trackingId }: { trackingId: string }) {
  const complaint = useAsync(() => get<Complaint>(`/api/complaints/${encodeURIComponent(trackingId)}`), [trackingId]);
  const { uploads, start } = useUploads();
  if (complaint.loading && !complaint.data) return <Loading />;
  if (!complaint.data) return <ErrorBox error={complaint.error} />;
  const c = complaint.data;
  const reporter = c.reporter
    ? [c.reporter.name, c.reporter.contact].filter(Boolean).join(' · ')
    : t(c.anonim ? 'taskComplaint.anonymous' : c.rahasia ? 'taskComplaint.confidential' : 'taskComplaint.noReporter');
  const upload = async (files: File[]) => {
    const accepted = await start(c.trackingId, files);
    if (accepted.length) complaint.reload();
  };
  return (
    <section class="card" aria-labelledby="complaint-title" data-testid="complaint">
      <h2 id="complaint-title">
        {t('taskComplaint.title')} <span class="tracking">{c.trackingId}</span>
      </h2>
      <dl class="facts">
        <dt>{t('taskComplaint.subject')}</dt>
        <dd>{c.subject}</dd>
        <dt>{t('taskComplaint.description')}</dt>
        <dd class="prewrap">{c.description}</dd>
        <dt>{t('taskComplaint.channel')}</dt>
        <dd>{t(`complaint.channel.${c.channel}`)}</dd>
        <dt>{t('taskComplaint.location')}</dt>
        <dd>{c.location ?? '–'}</dd>
        {c.category && (
          <>
            <dt>{t('taskComplaint.category')}</dt>
            <dd>{c.category}</dd>
          </>
        )}
        <dt>{t('taskComplaint.opd')}</dt>
        <dd>{c.opdName ?? '–'}</dd>
        <dt>{t('taskComplaint.reporter')}</dt>
        <dd data-testid="reporter">{reporter}</dd>
        <dt>{t('taskComplaint.createdAt')}</dt>
        <dd>{formatDateTime(c.createdAt)}</dd>
      </dl>
      <h3>{t('taskComplaint.attachments')}</h3>
      {c.attachments.length === 0 ? (
        <p class="muted">{t('taskComplaint.noAttachments')}</p>
      ) : (
        <ul class="attachments" data-testid="attachments">
          {c.attachments.map((a) => (
            <li>
              {isImage(a.contentType) ? (
                <a href={downloadUrl(c.trackingId, a.id)} target="_blank" rel="noopener">
                  <img src={downloadUrl(c.trackingId, a.id)} alt={a.filename} loading="lazy" />
                  <span>{a.filename}</span>
                </a>
              ) : (
                <a href={downloadUrl(c.trackingId, a.id)} target="_blank" rel="noopener">
                  {t('taskComplaint.pdf', { name: a.filename })}
                </a>
              )}
              <span class="muted"> {t('taskComplaint.uploadedBy', { who: a.uploadedBy ?? '–', at: formatDateTime(a.createdAt) })}</span>
            </li>
          ))}
        </ul>
      )}
      <h3>{t('taskComplaint.addAttachments')}</h3>
      <p class="muted">{t('intake.upload.hint')}</p>
      <FileInputs idPrefix="task-upload" onFiles={(files) => void upload(files)} />
      <UploadList uploads={uploads} />
      <StepDocumentsList trackingId={c.trackingId} />
    </section>
  );
}
