import { useState } from 'preact/hooks';
import { apiErrorOf, fileToBase64 } from '../api';
import { t } from '../i18n';
import { errorText } from '../ui/ErrorBox';

/**
 * Data dukung uploads (JPEG, PNG, PDF) to POST /api/complaints/:trackingId/attachments, one file
 * at a time with its own progress bar and the server's own words when it refuses one (413, 400).
 */
export interface Upload {
  name: string;
  /** 0..1 of the request body sent. */
  progress: number;
  status: 'waiting' | 'uploading' | 'done' | 'error';
  message?: string;
}

export interface AttachmentMeta {
  id: string;
  filename: string;
  contentType: string;
  size: number;
  uploadedBy: string | null;
  createdAt: string;
}

export const ACCEPT = 'image/jpeg,image/png,application/pdf';

const byExtension: Record<string, string> = { jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', pdf: 'application/pdf' };

function contentTypeOf(file: File): string {
  return file.type || byExtension[file.name.split('.').pop()?.toLowerCase() ?? ''] || 'application/octet-stream';
}

/** XHR rather than fetch: only XHR reports upload progress. */
function send(trackingId: string, body: string, onProgress: (p: number) => void): Promise<AttachmentMeta> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/complaints/${encodeURIComponent(trackingId)}/attachments`);
    xhr.setRequestHeader('Content-Type', 'application/json');
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onload = () => {
      let payload: unknown;
      try {
        payload = JSON.parse(xhr.responseText);
      } catch {
        payload = { error: xhr.statusText };
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(payload as AttachmentMeta);
      else reject(apiErrorOf(xhr.status, xhr.statusText, payload));
    };
    xhr.onerror = () => reject(new Error(t('intake.upload.network')));
    xhr.send(body);
  });
}

export function useUploads() {
  const [uploads, setUploads] = useState<Upload[]>([]);
  /** Uploads the files in turn; resolves to the attachments the server accepted. */
  const start = async (trackingId: string, files: File[]): Promise<AttachmentMeta[]> => {
    const offset = uploads.length;
    const patch = (i: number, p: Partial<Upload>) => setUploads((list) => list.map((u, j) => (j === offset + i ? { ...u, ...p } : u)));
    setUploads((list) => [...list, ...files.map((f) => ({ name: f.name, progress: 0, status: 'waiting' as const }))]);
    const accepted: AttachmentMeta[] = [];
    for (const [i, file] of files.entries()) {
      patch(i, { status: 'uploading' });
      try {
        const body = JSON.stringify({ filename: file.name, contentType: contentTypeOf(file), dataBase64: await fileToBase64(file) });
        accepted.push(await send(trackingId, body, (progress) => patch(i, { progress })));
        patch(i, { status: 'done', progress: 1 });
      } catch (err) {
        patch(i, { status: 'error', message: errorText(err) });
      }
    }
    return accepted;
  };
  return { uploads, start };
}

export function UploadList({ uploads }: { uploads: Upload[] }) {
  if (!uploads.length) return null;
  return (
    <ul class="uploads" aria-live="polite" data-testid="uploads">
      {uploads.map((u) => (
        <li data-status={u.status}>
          <span class="upload-name">{u.name}</span>{' '}
          {u.status === 'error' ? (
            <span class="error" role="alert">
              {u.message}
            </span>
          ) : (
            <>
              <progress max={1} value={u.progress} aria-label={t('intake.upload.progress', { name: u.name })} />{' '}
              <span class="muted">{t(`intake.upload.status.${u.status}`)}</span>
            </>
          )}
        </li>
      ))}
    </ul>
  );
}

/**
 * Two ways to pick: files (photos, scans, PDFs), and on phones straight from the camera for the
 * BA pemeriksaan (`capture` opens the camera, which would otherwise hide the PDFs).
 */
export function FileInputs({ idPrefix, onFiles, disabled }: { idPrefix: string; onFiles: (files: File[]) => void; disabled?: boolean }) {
  const pick = (e: Event) => {
    const input = e.currentTarget as HTMLInputElement;
    const files = [...(input.files ?? [])];
    if (files.length) onFiles(files);
    input.value = '';
  };
  // The inputs are hidden behind their labels, which look like buttons: a native file input
  // speaks the browser's language ("Choose Files"), not the one the user chose here. The picked
  // files show in the UploadList, so the input's own "no file chosen" is not missed.
  return (
    <div class="file-inputs">
      <span class="file-pick">
        <input id={`${idPrefix}-files`} type="file" accept={ACCEPT} multiple disabled={disabled} onChange={pick} />
        <label for={`${idPrefix}-files`} class="button" aria-disabled={disabled}>
          {t('intake.upload.files')}
        </label>
      </span>
      <span class="file-pick">
        <input id={`${idPrefix}-camera`} type="file" accept="image/jpeg,image/png" capture="environment" multiple disabled={disabled} onChange={pick} />
        <label for={`${idPrefix}-camera`} class="button" aria-disabled={disabled}>
          {t('intake.upload.camera')}
        </label>
      </span>
    </div>
  );
}
