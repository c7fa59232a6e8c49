/**
 * One small interface over the two PostgreSQL back ends: PGlite in-process (the default) and a
 * PostgreSQL server through `pg`. Same SQL for both; only connection handling differs.
 */
export interface QueryResult<T> {
  rows: T[];
  rowCount: number;
}

/**
 * Put before a statement whose best plan depends on its parameters' values (how many rows they
 * select), so the server plans it for each call's values instead of reusing a generic plan it
 * prepared once (postgresDatabase runs other parameterised statements as prepared ones).
 */
export const planEachCall = '/* plan each call */ ';

export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryResult<T>>;
}

export interface Database extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Runs fn in one transaction: commits when it resolves, rolls back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * Runs fn while holding the advisory lock `key` on a connection of its own: one app process at
   * a time among those sharing the database (PGlite has only this process). fn uses the database
   * as usual, outside any transaction, so it may take as long as it needs.
   */
  exclusively<T>(key: number, fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
