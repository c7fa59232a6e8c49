import { notFound } from '../engine/errors';

/** Path parameters: a value of the wrong shape names nothing that exists, so it is a 404. */
export function uuidParam(value: string): string {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)) throw notFound(`no such id "${value}"`);
  return value;
}

export function positiveIntParam(value: string, what: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n <= 0) throw notFound(`no ${what} "${value}"`);
  return n;
}
