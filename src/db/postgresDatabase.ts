import { Pool, types } from 'pg';
import type { Database, Queryable } from './database';

// bigint counters (history ids, counts) fit in a JS number for this system's volumes.
types.setTypeParser(20, (v) => Number(v));

export async function openPostgres(url: string): Promise<Database> {
  const pool = new Pool({ connectionString: url, max: 10 });
  // An idle connection the server drops (restart, failover, idle timeout) must not end the
  // process: the pool replaces it on the next query.
  pool.on('error', (err) => console.error(`[db] idle connection lost: ${err.message}`));
  await pool.query('select 1');
  const query: Queryable['query'] = async (sql, params) => {
    const r = await pool.query(sql, params as unknown[] | undefined);
    return { rows: r.rows, rowCount: r.rowCount ?? 0 };
  };
  return {
    kind: 'postgres',
    query,
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const q: Queryable = {
          query: async (sql, params) => {
            const r = await client.query(sql, params as unknown[] | undefined);
            return { rows: r.rows, rowCount: r.rowCount ?? 0 };
          },
        };
        const result = await fn(q);
        await client.query('commit');
        return result;
      } catch (err) {
        await client.query('rollback').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
