/**
 * The expression language of our diagrams, handed to bpmn-engine as its `expressions`.
 * Camunda modellers write `${lengkap}`, `${!lengkap}` or `${jumlah > 10 && !lengkap}`;
 * bpmn-engine only knows `${environment.variables.lengkap}`. Both work here: a bare name is a
 * process variable, a name starting with one of bpmn-engine's roots (environment, content, …) is
 * looked up as before. The grammar is data only: variable paths, literals, `!`/`not`,
 * comparisons (also JUEL's `eq ne lt le gt ge`), `&&`/`||`/`and`/`or` and parentheses; no calls.
 * A tokenizer and a recursive-descent parser build an AST that is evaluated, never run as code.
 */
import { loopVariable } from './loopVariables';

const ROOTS = new Set(['environment', 'content', 'fields', 'properties', 'message']);
const FORBIDDEN_SEGMENTS = new Set(['__proto__', 'constructor', 'prototype']);
const EMBEDDED = /\$\{\s*([^}]*?)\s*\}/g;

interface ExpressionContext {
  environment?: { variables?: Record<string, unknown> };
  [k: string]: unknown;
}

export type Expression =
  | { kind: 'literal'; value: unknown }
  | { kind: 'path'; path: string[] }
  | { kind: 'not'; operand: Expression }
  | { kind: 'compare'; op: CompareOp; left: Expression; right: Expression }
  | { kind: 'logical'; op: '&&' | '||'; left: Expression; right: Expression };

type CompareOp = '==' | '!=' | '<' | '<=' | '>' | '>=';

type Token =
  | { type: 'number' | 'string'; value: string | number }
  | { type: 'name'; value: string }
  | { type: 'op'; value: string };

// A Map, not an object literal: `__proto__` or `constructor` must never look like an operator.
const WORD_OPERATORS = new Map(Object.entries({ and: '&&', or: '||', not: '!', eq: '==', ne: '!=', lt: '<', le: '<=', gt: '>', ge: '>=' }));
const SYMBOLS = ['&&', '||', '==', '!=', '<=', '>=', '<', '>', '!', '(', ')', '.', '-'];

export class ExpressionError extends Error {}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const rest = text.slice(i);
    const space = /^\s+/.exec(rest);
    if (space) {
      i += space[0].length;
      continue;
    }
    const number = /^\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(rest);
    if (number) {
      tokens.push({ type: 'number', value: Number(number[0]) });
      i += number[0].length;
      continue;
    }
    const name = /^[A-Za-z_$][\w$]*/.exec(rest);
    if (name) {
      const word = WORD_OPERATORS.get(name[0]);
      tokens.push(word ? { type: 'op', value: word } : { type: 'name', value: name[0] });
      i += name[0].length;
      continue;
    }
    if (rest[0] === '"' || rest[0] === "'") {
      const quote = rest[0];
      let value = '';
      let j = 1;
      for (; j < rest.length && rest[j] !== quote; j++) value += rest[j] === '\\' && j + 1 < rest.length ? rest[++j] : rest[j];
      if (j >= rest.length) throw new ExpressionError('a string is not closed');
      tokens.push({ type: 'string', value });
      i += j + 1;
      continue;
    }
    const symbol = SYMBOLS.find((s) => rest.startsWith(s));
    if (!symbol) throw new ExpressionError(`"${rest[0]}" is not allowed`);
    tokens.push({ type: 'op', value: symbol });
    i += symbol.length;
  }
  return tokens;
}

class Parser {
  private at = 0;
  constructor(private readonly tokens: Token[]) {}

  parse(): Expression {
    if (this.tokens.length === 0) throw new ExpressionError('the expression is empty');
    const expr = this.or();
    const extra = this.tokens[this.at];
    if (extra) throw new ExpressionError(extra.value === '(' ? 'calls are not allowed' : `unexpected "${extra.value}"`);
    return expr;
  }

  private peekOp(...ops: string[]): string | undefined {
    const t = this.tokens[this.at];
    return t?.type === 'op' && ops.includes(t.value) ? t.value : undefined;
  }

  private or(): Expression {
    let left = this.and();
    while (this.peekOp('||')) {
      this.at++;
      left = { kind: 'logical', op: '||', left, right: this.and() };
    }
    return left;
  }

  private and(): Expression {
    let left = this.equality();
    while (this.peekOp('&&')) {
      this.at++;
      left = { kind: 'logical', op: '&&', left, right: this.equality() };
    }
    return left;
  }

  private equality(): Expression {
    let left = this.relational();
    let op: string | undefined;
    while ((op = this.peekOp('==', '!='))) {
      this.at++;
      left = { kind: 'compare', op: op as CompareOp, left, right: this.relational() };
    }
    return left;
  }

  private relational(): Expression {
    let left = this.unary();
    let op: string | undefined;
    while ((op = this.peekOp('<', '<=', '>', '>='))) {
      this.at++;
      left = { kind: 'compare', op: op as CompareOp, left, right: this.unary() };
    }
    return left;
  }

  private unary(): Expression {
    if (this.peekOp('!')) {
      this.at++;
      return { kind: 'not', operand: this.unary() };
    }
    if (this.peekOp('-')) {
      this.at++;
      const t = this.tokens[this.at++];
      if (t?.type !== 'number') throw new ExpressionError('"-" only negates a number');
      return { kind: 'literal', value: -(t.value as number) };
    }
    return this.primary();
  }

  private primary(): Expression {
    const t = this.tokens[this.at++];
    if (!t) throw new ExpressionError('the expression ends too early');
    if (t.type === 'number' || t.type === 'string') return { kind: 'literal', value: t.value };
    if (t.type === 'op' && t.value === '(') {
      const inner = this.or();
      if (!this.peekOp(')')) throw new ExpressionError('a "(" is not closed');
      this.at++;
      return inner;
    }
    if (t.type === 'name') {
      if (t.value === 'true') return { kind: 'literal', value: true };
      if (t.value === 'false') return { kind: 'literal', value: false };
      if (t.value === 'null') return { kind: 'literal', value: null };
      const path = [this.segment(t.value)];
      while (this.peekOp('.')) {
        this.at++;
        const next = this.tokens[this.at++];
        if (next?.type !== 'name') throw new ExpressionError('a "." must be followed by a name');
        path.push(this.segment(next.value));
      }
      if (this.peekOp('(')) throw new ExpressionError('calls are not allowed');
      return { kind: 'path', path };
    }
    throw new ExpressionError(`unexpected "${t.value}"`);
  }

  private segment(name: string): string {
    if (FORBIDDEN_SEGMENTS.has(name)) throw new ExpressionError(`"${name}" is not allowed in a variable path`);
    return name;
  }
}

const parsed = new Map<string, Expression>();

/** Parses the text inside `${…}`; throws an ExpressionError saying what is outside the grammar. */
export function parseExpression(inner: string): Expression {
  let ast = parsed.get(inner);
  if (!ast) {
    ast = new Parser(tokenize(inner)).parse();
    if (parsed.size > 5000) parsed.clear();
    parsed.set(inner, ast);
  }
  return ast;
}

/** Every problem of the `${…}` parts of an attribute's text, or an empty list. */
export function expressionProblems(text: string): string[] {
  const problems: string[] = [];
  for (const match of text.matchAll(EMBEDDED)) {
    try {
      parseExpression(match[1]);
    } catch (err) {
      problems.push(`"\${${match[1]}}": ${(err as Error).message}`);
    }
  }
  return problems;
}

function lookup(from: unknown, path: string[]): unknown {
  let value = from;
  for (const part of path) {
    if (value === null || value === undefined) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

function compare(op: CompareOp, a: unknown, b: unknown): boolean {
  switch (op) {
    case '==':
      return a === b || (a == null && b == null);
    case '!=':
      return !(a === b || (a == null && b == null));
    case '<':
      return (a as number) < (b as number);
    case '<=':
      return (a as number) <= (b as number);
    case '>':
      return (a as number) > (b as number);
    case '>=':
      return (a as number) >= (b as number);
  }
}

export function evaluate(expr: Expression, context: ExpressionContext): unknown {
  switch (expr.kind) {
    case 'literal':
      return expr.value;
    case 'path':
      if (ROOTS.has(expr.path[0])) return lookup(context, expr.path);
      {
        // A multi-instance loop's nrOfInstances & co. (src/engine/loopVariables.ts) come before variables of those names.
        const loop = expr.path.length === 1 ? loopVariable(expr.path[0], context.content as never) : undefined;
        return loop ? loop.value : lookup(context.environment?.variables, expr.path);
      }
    case 'not':
      return !evaluate(expr.operand, context);
    case 'compare':
      return compare(expr.op, evaluate(expr.left, context), evaluate(expr.right, context));
    case 'logical': {
      const left = Boolean(evaluate(expr.left, context));
      if (expr.op === '&&') return left && Boolean(evaluate(expr.right, context));
      return left || Boolean(evaluate(expr.right, context));
    }
  }
}

function resolveInner(inner: string, context: ExpressionContext): unknown {
  let ast: Expression;
  try {
    ast = parseExpression(inner);
  } catch (err) {
    throw new Error(`unsupported expression "\${${inner}}": ${(err as Error).message}`);
  }
  return evaluate(ast, context);
}

export const expressions = {
  resolveExpression(expression: unknown, context: ExpressionContext): unknown {
    if (typeof expression !== 'string') return expression;
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
