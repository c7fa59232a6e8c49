import { DateTime } from 'luxon';
import { z } from 'zod';
import { WIB } from '../domain/auditInstances';
import { reservedNamePath } from '../engine/variables';

/** Validators of request fields whose errors name the field and the value refused. */

/** An enum whose error names the value it refused and the values it takes. */
export const oneOf = <T extends readonly [string, ...string[]]>(what: string, values: T) =>
  z.enum(values, {
    error: (iss) =>
      iss.input === undefined ? `${what} is required: one of ${values.join(', ')}` : `unknown ${what} ${JSON.stringify(iss.input)}: use one of ${values.join(', ')}`,
  });

/** A WIB calendar day; a 31 February is refused by name, not read as 3 March. */
export const wibDay = (what: string) =>
  z.string().refine((v) => /^\d{4}-\d{2}-\d{2}$/.test(v) && DateTime.fromISO(v, { zone: WIB }).isValid, {
    error: (iss) => `${what} must be a date yyyy-MM-dd, not ${JSON.stringify(iss.input)}`,
  });

/** A WIB calendar day (that whole day) or an ISO instant with its offset; impossible dates are refused. */
export const wibDayOrInstant = (what: string) =>
  z.union([wibDay(what), z.iso.datetime({ offset: true })], {
    error: (iss) => `${what} must be a date yyyy-MM-dd or an ISO date-time with offset, not ${JSON.stringify(iss.input)}`,
  });

/**
 * Process variables a caller sends (start, complete): a JSON object without a reserved name
 * (`__proto__`, `constructor`, `prototype`) at any depth. Checked on the input as parsed,
 * before zod copies it into a new object, where `__proto__` would already be gone.
 */
export const processVariables = z
  .unknown()
  .superRefine((value, ctx) => {
    const path = reservedNamePath(value);
    if (path) ctx.addIssue({ code: 'custom', path, message: `"${path[path.length - 1]}" is not allowed as a variable name` });
  })
  .pipe(z.record(z.string(), z.unknown()));
