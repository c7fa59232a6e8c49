import { ZodError } from 'zod';
import type { ErrorBody, ErrorCode } from '../contract/errors';
import { WorkflowError } from '../engine/errors';
import { zodProblems } from './zodProblems';

/**
 * The one place that turns an error into an HTTP answer. A caller's mistake, however it
 * surfaces (our own checks, zod, body-parser, express's path decoding, PostgreSQL refusing a
 * value), is a 4xx that says what was wrong; only what is left is a 500.
 */

/** A request refused before it reached a route's handler: the request itself is unusable. */
export class RequestRefused extends Error {
  constructor(
    readonly status: 400 | 403 | 413 | 415,
    message: string,
    readonly detail: string,
    readonly code: ErrorCode,
  ) {
    super(message);
  }
}

/** A string with U+0000: PostgreSQL cannot store it in text or jsonb (22021, 22P05). */
export class NulCharacterInInput extends RequestRefused {
  constructor(field: string) {
    super(400, 'invalid request', `${field}: must not contain the NUL character (\\u0000)`, 'request.nulCharacter');
  }
}

/** JSON nested deeper than any of our bodies needs; deeper nesting only costs stack and time. */
export class JsonTooDeep extends RequestRefused {
  /** body-parser keeps the status of an error thrown by `verify` and reports its `type`. */
  readonly type = 'entity.too.deep';
  constructor(maxDepth: number) {
    super(400, 'invalid JSON', `the body nests objects and arrays more than ${maxDepth} levels deep`, 'request.tooDeep');
  }
}

/** A body that is not JSON on a state-changing request: a plain HTML form could send it cross-site. */
export class NotJsonRequest extends RequestRefused {
  constructor(contentType: string | undefined) {
    super(415, 'unsupported media type', `send the body as application/json${contentType ? `, not ${contentType}` : ' (an empty object {} where there is nothing to send)'}`, 'request.notJson');
  }
}

/** A state-changing request a browser sent from another site's page. */
export class CrossSiteRequest extends RequestRefused {
  constructor(origin: string) {
    super(403, 'cross-site request refused', `requests that change data must come from this server's own pages, not from ${origin}`, 'request.crossSite');
  }
}

/**
 * SQLSTATEs that mean "this value cannot be stored or compared", i.e. the caller's input: bad
 * characters or encoding, unparseable or out-of-range numbers and dates, and input too complex
 * to evaluate (54001, e.g. a deeply nested value).
 */
const inputErrorStates: Record<string, string> = {
  '22021': 'a character that cannot be stored',
  '22P05': 'a character that cannot be stored',
  '22P02': 'a value of the wrong form',
  '22007': 'a date or time of the wrong form',
  '22008': 'a date or time out of range',
  '22003': 'a number out of range',
  '54001': 'a value too complex to process',
};

/** What body-parser and raw-body report, by their `type`, when a body cannot be read. */
const unreadableBodyTypes: Record<string, { status: 400 | 413 | 415; error: string; code: ErrorCode }> = {
  'entity.parse.failed': { status: 400, error: 'invalid JSON', code: 'request.badJson' },
  'entity.too.large': { status: 413, error: 'request too large', code: 'request.tooLarge' },
  'charset.unsupported': { status: 415, error: 'unsupported charset', code: 'request.badEncoding' },
  'encoding.unsupported': { status: 415, error: 'unsupported content encoding', code: 'request.badEncoding' },
  'request.aborted': { status: 400, error: 'request aborted', code: 'request.badEncoding' },
  'request.size.invalid': { status: 400, error: 'request size does not match Content-Length', code: 'request.badEncoding' },
  'stream.encoding.set': { status: 400, error: 'body could not be read', code: 'request.badEncoding' },
  'stream.not.readable': { status: 400, error: 'body could not be read', code: 'request.badEncoding' },
};

interface HttpLikeError {
  status?: number;
  type?: string;
  code?: string;
  limit?: number;
  expose?: boolean;
  message?: string;
  detail?: string;
}

export interface ErrorAnswer {
  status: number;
  body: ErrorBody;
}

/** The answer to an error; undefined for a fault of the server (logged, 500). */
export function errorAnswer(err: unknown): ErrorAnswer | undefined {
  if (err instanceof WorkflowError) {
    const body: ErrorBody = { error: err.message };
    if (err.detail !== undefined) body.detail = err.detail;
    if (err.code) body.code = err.code;
    if (err.params) body.params = err.params;
    if (err.fields) body.fields = err.fields;
    return { status: err.status, body };
  }
  if (err instanceof RequestRefused) return { status: err.status, body: { error: err.message, detail: err.detail, code: err.code } };
  if (err instanceof ZodError) {
    const detail = err.issues.map((i) => `${i.path.length ? i.path.join('.') : 'body'}: ${i.message}`).join('; ');
    return { status: 400, body: { error: 'invalid request', detail, code: 'request.invalid', fields: zodProblems(err) } };
  }
  if (typeof err !== 'object' || err === null) return undefined;
  const e = err as HttpLikeError;
  // A unique violation is a conflict with a row another request committed first (e.g. two
  // admins creating the same username at once), not a server fault.
  if (e.code === '23505') return { status: 409, body: { error: 'already exists', detail: e.detail } };
  if (e.code && e.code in inputErrorStates) {
    return { status: 400, body: { error: 'invalid request', detail: `the request holds ${inputErrorStates[e.code]}: ${e.message}`, code: 'request.invalid' } };
  }
  if (err instanceof URIError && e.status === 400) {
    // express's path decoding: "Failed to decode param '%E0%A4%A'".
    return { status: 400, body: { error: 'invalid path', detail: `${e.message}: a % must start a valid UTF-8 percent-encoding`, code: 'request.badEncoding' } };
  }
  const bodyType = e.type ? unreadableBodyTypes[e.type] : undefined;
  if (bodyType) {
    if (e.type === 'entity.too.large') {
      const maxMb = +((e.limit ?? 0) / 1024 / 1024).toFixed(1);
      return { status: bodyType.status, body: { error: bodyType.error, detail: `the body may be at most ${maxMb} MB`, code: bodyType.code, params: { maxMb } } };
    }
    return { status: bodyType.status, body: { error: bodyType.error, detail: e.message ?? '', code: bodyType.code } };
  }
  // Other errors body-parser passes on (a gzip body that is not gzip): http-errors marks the
  // ones whose message is fit to show with `expose`.
  if (e.expose === true && typeof e.status === 'number' && e.status >= 400 && e.status < 500) {
    return { status: e.status, body: { error: 'unreadable request', detail: e.message ?? '', code: 'request.badEncoding' } };
  }
  return undefined;
}
