/** Process variables as stored: a plain JSON object. */
export type Variables = Record<string, unknown>;

/**
 * Names that reach an object's prototype when a variable is assigned or merged by name
 * (`target[key] = value`): refused anywhere in variables a caller sends.
 */
export const reservedVariableNames: readonly string[] = ['__proto__', 'constructor', 'prototype'];

/** The path (as keys) of the first reserved name anywhere in `value`, or undefined. */
export function reservedNamePath(value: unknown): string[] | undefined {
  const pending: [unknown, string[]][] = [[value, []]];
  while (pending.length > 0) {
    const [v, path] = pending.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    for (const [key, child] of Object.entries(v)) {
      if (reservedVariableNames.includes(key)) return [...path, key];
      pending.push([child, [...path, key]]);
    }
  }
  return undefined;
}

const expressionPattern = /\$\{([^}]+)\}/g;
const pathPattern = /^\s*(?:environment\.)?(?:variables\.)?([A-Za-z_][\w]*(?:\.[A-Za-z_][\w]*)*)\s*$/;

function lookup(variables: Variables, path: string): unknown {
  let value: unknown = variables;
  for (const part of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/**
 * Resolves `${name}` placeholders in a Camunda attribute (candidateGroups, assignee, dueDate)
 * from process variables. Only property paths are allowed: attributes are data, not code.
 * `${variables.x}` and `${environment.variables.x}` (bpmn-engine style) mean the same as `${x}`.
 */
export function resolvePlaceholders(template: string, variables: Variables): string {
  return template.replace(expressionPattern, (_match, inner: string) => {
    const m = pathPattern.exec(inner);
    if (!m) throw new Error(`unsupported expression "\${${inner}}": only variable names are allowed here`);
    const value = lookup(variables, m[1]);
    if (value === undefined || value === null) throw new Error(`variable "${m[1]}" used in "${template}" is not set`);
    return String(value);
  });
}

/** A group or user name as a variable may give it: no spaces, commas or expression syntax. */
const namePattern = /^[A-Za-z0-9_][\w.@:-]*$/;

/**
 * Splits a comma-separated Camunda list, then resolves each item. An item that is one whole
 * `${variable}` takes the variable as a list, as Camunda 7 does: an array of names or a
 * comma-separated string, each item a group or user name. Within a longer item
 * (`pejabat-penghubung:${opd}`) the value stays one item: `opd = "x,kasi"` cannot smuggle in
 * the group `kasi`.
 */
export function resolveList(template: string | undefined, variables: Variables): string[] {
  if (!template) return [];
  return template
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)
    .flatMap((item) => {
      const whole = /^\$\{([^}]+)\}$/.exec(item);
      if (whole) return resolveWholeList(item, whole[1], variables);
      const value = resolvePlaceholders(item, variables).trim();
      if (value.includes(',')) throw new Error(`"${item}" resolves to "${value}", which holds a comma: one item may name one group or user`);
      return value ? [value] : [];
    });
}

function resolveWholeList(item: string, inner: string, variables: Variables): string[] {
  const m = pathPattern.exec(inner);
  if (!m) throw new Error(`unsupported expression "${item}": only variable names are allowed here`);
  const value = lookup(variables, m[1]);
  if (value === undefined || value === null) throw new Error(`variable "${m[1]}" used in "${item}" is not set`);
  const items = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [value];
  return items.flatMap((v) => {
    if (typeof v !== 'string' && typeof v !== 'number') throw new Error(`"${item}" holds ${JSON.stringify(v)}: each item must be a group or user name`);
    const name = String(v).trim();
    if (!name) return [];
    if (!namePattern.test(name)) throw new Error(`"${item}" holds "${name}", which is not a group or user name`);
    return [name];
  });
}

/** The keys whose values differ between two variable sets (for history: "which variables changed"). */
export function changedKeys(before: Variables, after: Variables): string[] {
  return Object.keys(after).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
}
