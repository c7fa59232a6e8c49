/**
 * The parameters of one SQL statement built from parts: `bind` adds a value and returns its
 * placeholder, so a condition written anywhere (access.ts, a read model's filters) numbers its
 * own. Values are always bound, never spliced into the text.
 */
export class SqlParams {
  readonly values: unknown[] = [];

  constructor(initial: readonly unknown[] = []) {
    this.values.push(...initial);
  }

  /** Binds a value; its placeholder (`$n`). */
  readonly bind = (value: unknown): string => `$${this.values.push(value)}`;

  /** Binds `%text%` for `ilike`, the text's own `%`, `_` and `\` matched literally. */
  contains(text: string): string {
    return this.bind(`%${text.replace(/[\\%_]/g, (m) => `\\${m}`)}%`);
  }
}

/** A timestamp column as the API writes it (ISO 8601, UTC); null stays null. */
export function isoOrNull(value: Date | string | null): string | null {
  return value === null ? null : new Date(value).toISOString();
}
