import fs from 'node:fs';
import { AsyncLocalStorage } from 'node:async_hooks';
import { PGlite } from '@electric-sql/pglite';
import type { Database, Queryable, QueryResult } from './database';

/**
 * PGlite is a single connection in this process: its own mutex serialises transactions, so
 * a transaction here is exclusive, which is what SKIP LOCKED and optimistic checks expect.
 * The flip side: a query on the database handle from inside a transaction waits for that
 * transaction forever. We turn that hang into an error that names the mistake.
 */
export async function openPglite(dataDir: string | undefined): Promise<Database> {
  if (dataDir) fs.mkdirSync(dataDir, { recursive: true });
  const pg = dataDir ? await PGlite.create(dataDir) : await PGlite.create();
  const insideTransaction = new AsyncLocalStorage<boolean>();
  const run = async <T>(q: Pick<PGlite, 'query'>, sql: string, params?: unknown[]): Promise<QueryResult<T>> => {
    const r = await q.query<T>(sql, params as unknown[] | undefined);
    return { rows: r.rows, rowCount: r.affectedRows ?? r.rows.length };
  };
  return {
    kind: 'pglite',
    query: (sql, params) => {
      if (insideTransaction.getStore()) {
        return Promise.reject(new Error('query on the database handle inside a transaction: use the transaction (it would deadlock PGlite)'));
      }
      return run(pg, sql, params);
    },
    transaction: (fn) =>
      pg.transaction(async (tx) => {
        const q: Queryable = { query: (sql, params) => run(tx, sql, params) };
        return insideTransaction.run(true, () => fn(q));
      }),
    // One process holds a PGlite folder: nobody else can run alongside.
    exclusively: (_key, fn) => fn(),
    close: () => pg.close(),
  };
}
