/**
 * The expression language of our diagrams, handed to bpmn-engine as its `expressions`.
 * Camunda modellers write `${lengkap}` and `${!lengkap}`; bpmn-engine only knows
 * `${environment.variables.lengkap}`. Both work here: a bare name is a process variable, a name
 * starting with one of bpmn-engine's roots (environment, content, …) is looked up as before.
 * Only property paths and `!`: a diagram is data, never code run on the server.
 */
const ROOTS = new Set(['environment', 'content', 'fields', 'properties', 'message']);
const WHOLE = /^\$\{\s*(!?)\s*([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)\s*\}$/;
const EMBEDDED = /\$\{\s*([^}]*?)\s*\}/g;

interface ExpressionContext {
  environment?: { variables?: Record<string, unknown> };
  [k: string]: unknown;
}

function lookup(from: unknown, path: string): unknown {
  let value = from;
  for (const part of path.split('.')) {
    if (value === null || value === undefined) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

function literal(inner: string): { value: unknown } | undefined {
  if (inner === 'true') return { value: true };
  if (inner === 'false') return { value: false };
  if (inner === 'null') return { value: null };
  if (inner !== '' && !Number.isNaN(Number(inner))) return { value: Number(inner) };
  return undefined;
}

function resolvePath(path: string, context: ExpressionContext): unknown {
  const root = path.split('.')[0];
  return ROOTS.has(root) ? lookup(context, path) : lookup(context.environment?.variables, path);
}

function resolveInner(inner: string, context: ExpressionContext): unknown {
  const lit = literal(inner);
  if (lit) return lit.value;
  const m = /^(!?)\s*([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)$/.exec(inner);
  if (!m) throw new Error(`unsupported expression "\${${inner}}": use a variable name, optionally with !`);
  const value = resolvePath(m[2], context);
  return m[1] ? !value : value;
}

export const expressions = {
  resolveExpression(expression: unknown, context: ExpressionContext): unknown {
    if (typeof expression !== 'string') return expression;
    const whole = WHOLE.exec(expression.trim());
    if (whole) return resolveInner(`${whole[1]}${whole[2]}`, context);
    const single = /^\$\{\s*([^}]*?)\s*\}$/.exec(expression.trim());
    if (single) return resolveInner(single[1], context);
    return expression.replace(EMBEDDED, (_m, inner: string) => {
      const value = resolveInner(inner, context);
      return value === undefined || value === null ? '' : String(value);
    });
  },
  isExpression(text: unknown): boolean {
    return typeof text === 'string' && /^\$\{[^}]+\}$/.test(text.trim());
  },
  hasExpression(text: unknown): boolean {
    return typeof text === 'string' && /\$\{[^}]+\}/.test(text);
  },
};
