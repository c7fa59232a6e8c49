import { DateTime } from 'luxon';
import { z } from 'zod';
import { WIB } from '../domain/auditInstances';

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
