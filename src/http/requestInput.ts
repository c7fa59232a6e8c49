import type { IncomingMessage } from 'node:http';
import { JsonTooDeep, NulCharacterInInput } from './requestErrors';

/**
 * Checks on what a request carries, made once for every route before its handler (and before
 * zod, the engine or PostgreSQL) sees any of it.
 */

/** No body of ours nests this deep; a form's variables are a few levels at most. */
export const MAX_JSON_DEPTH = 32;

const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * express.json's `verify`: counts nesting in the raw bytes, so a body nested 10,000 deep is
 * refused before JSON.parse, zod or a recursive walk could spend stack on it. Brackets inside
 * strings are text. Malformed JSON is left for the parser to report.
 */
export function refuseDeepJson(_req: IncomingMessage, _res: unknown, raw: Buffer): void {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < raw.length; i++) {
    const byte = raw[i];
    if (inString) {
      if (byte === BACKSLASH) i++;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) {
      inString = true;
    } else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
      if (++depth > MAX_JSON_DEPTH) throw new JsonTooDeep(MAX_JSON_DEPTH);
    } else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
      depth--;
    }
  }
}

/**
 * Refuses a NUL character in any string or key of the parsed body, the query or the path
 * parameters, naming where it was (`variables.pelapor.nama.1`). PostgreSQL stores no NUL in
 * text or jsonb, so without this the request would fail as a 500 deep inside a transaction.
 * Iterative: the body's depth is bounded above, the query parser's is not ours to trust.
 */
export function refuseNulCharacters(input: unknown): void {
  const pending: [unknown, string][] = [[input, '']];
  while (pending.length > 0) {
    const [value, path] = pending.pop()!;
    if (typeof value === 'string') {
      if (value.includes('\u0000')) throw new NulCharacterInInput(path || 'body');
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, child] of Object.entries(value)) {
        const childPath = path ? `${path}.${key}` : key;
        if (key.includes('\u0000')) throw new NulCharacterInInput(childPath.replace(/\u0000/g, '\\u0000'));
        pending.push([child, childPath]);
      }
    }
  }
}
