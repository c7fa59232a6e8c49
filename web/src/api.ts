import type { ErrorBody, ErrorCode, ErrorParams, FieldProblem } from '../../src/contract/errors';

/**
 * The one way the browser talks to the server: JSON over fetch with the session cookie.
 * Errors carry the server's `{error, detail, code, params}`: screens word a coded error in the
 * user's language and show the server's own words for the rest.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly detail?: string,
    readonly code?: ErrorCode,
    readonly params?: ErrorParams,
    /** The fields at fault (request.invalid, form.invalid), to be worded in the user's language. */
    readonly fields?: FieldProblem[],
  ) {
    super(detail ? `${error}: ${detail}` : error);
  }
}

/** The error of a refused request, from its status and its body (the contract's ErrorBody, or text). */
export function apiErrorOf(status: number, statusText: string, payload: unknown): ApiError {
  const p = (typeof payload === 'object' && payload !== null ? payload : { error: String(payload) }) as Partial<ErrorBody>;
  const detail = p.detail === undefined ? undefined : typeof p.detail === 'string' ? p.detail : JSON.stringify(p.detail);
  return new ApiError(status, p.error || statusText, detail, p.code, p.params, Array.isArray(p.fields) ? p.fields : undefined);
}

type Listener = () => void;
const signedOutListeners = new Set<Listener>();

/** Called when any request answers 401: the session ended (expired or logged out elsewhere). */
export function onSignedOut(l: Listener): () => void {
  signedOutListeners.add(l);
  return () => signedOutListeners.delete(l);
}

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  // The server takes a request that changes something only as JSON (its guard against
  // cross-site forms), so one with nothing to say sends {}.
  const sent = body ?? (method === 'GET' ? undefined : {});
  const res = await fetch(path, {
    method,
    credentials: 'same-origin',
    headers: sent === undefined ? {} : { 'Content-Type': 'application/json' },
    body: sent === undefined ? undefined : JSON.stringify(sent),
  });
  if (res.status === 401 && path !== '/api/auth/login') signedOutListeners.forEach((l) => l());
  if (res.status === 204) return undefined as T;
  const type = res.headers.get('Content-Type') ?? '';
  const payload: unknown = type.includes('json') ? await res.json() : await res.text();
  if (!res.ok) {
    throw apiErrorOf(res.status, res.statusText, payload);
  }
  return payload as T;
}

export const get = <T>(path: string) => api<T>('GET', path);
export const post = <T>(path: string, body?: unknown) => api<T>('POST', path, body ?? {});
export const put = <T>(path: string, body?: unknown) => api<T>('PUT', path, body ?? {});

/** Builds `path?k=v&…`, leaving out empty values. */
export function withQuery(path: string, query: Record<string, string | number | boolean | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

/** Reads a File as base64 (without the data: prefix) for the attachment upload endpoint. */
export function fileToBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}
