import type { ZodError } from 'zod';
import type { FieldProblem } from '../contract/errors';

type Issue = ZodError['issues'][number];

const pathOf = (path: readonly PropertyKey[]): string => (path.length ? path.map(String).join('.') : 'body');

/** The length-like unit of a zod size issue: characters, items, or a number. */
function sizeRule(issue: Issue & { origin?: string }, bound: 'min' | 'max'): FieldProblem['rule'] {
  if (issue.origin === 'string') return bound === 'min' ? 'minLength' : 'maxLength';
  if (issue.origin === 'array' || issue.origin === 'set') return bound === 'min' ? 'minItems' : 'maxItems';
  if (issue.origin === 'date') return bound === 'min' ? 'notBefore' : 'notAfter';
  return bound;
}

/**
 * A zod error as the fields at fault, each with its rule and real bound, so the web app words
 * them in the user's language ("Subjek: paling sedikit 5 karakter") instead of showing zod's
 * English. `message` keeps zod's own words for API users.
 */
export function zodProblems(error: ZodError): FieldProblem[] {
  return error.issues.flatMap((issue): FieldProblem[] => {
    const field = pathOf(issue.path);
    const message = issue.message;
    switch (issue.code) {
      case 'too_small': {
        const limit = Number(issue.minimum);
        // An empty text where one is needed is, to a person, a missing one.
        if (issue.origin === 'string' && limit === 1) return [{ field, rule: 'required', message }];
        return [{ field, rule: sizeRule(issue, 'min'), limit, message }];
      }
      case 'too_big':
        return [{ field, rule: sizeRule(issue, 'max'), limit: Number(issue.maximum), message }];
      case 'invalid_type':
        return [issue.input === undefined ? { field, rule: 'required', message } : { field, rule: 'type', expected: String(issue.expected), message }];
      case 'invalid_value':
        return [{ field, rule: 'choice', expected: issue.values.map(String).join(', '), message }];
      case 'invalid_format':
        return [{ field, rule: 'format', expected: issue.format, message }];
      case 'unrecognized_keys':
        return issue.keys.map((key) => ({ field: pathOf([...issue.path, key]), rule: 'notAField', message: `unknown field "${key}"` }));
      default:
        return [{ field, rule: 'other', message }];
    }
  });
}
