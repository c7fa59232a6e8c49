import { createHash } from 'node:crypto';
import { Pool, types, type QueryConfig } from 'pg';
import { planEachCall, type Database, type Queryable } from './database';

// bigint counters (history ids, counts) fit in a JS number for this system's volumes.
types.setTypeParser(20, (v) => Number(v));

/** Distinct statement texts given a name; past this, new texts run unnamed (bounds server memory). */
const maxNamedStatements = 1000;

/**
 * Parameterised statements run as named (prepared) statements: the server parses and plans each
 * text once per connection instead of on every call, which is a good part of a short statement's
 * cost. Texts without parameters (migrations, DDL) and those marked planEachCall run as they are.
 */
function statementNamer(): (sql: string, params: unknown[] | undefined) => QueryConfig {
  const names = new Map<string, string>();
  return (sql, params) => {
    if (!params || params.length === 0 || sql.startsWith(planEachCall)) return { text: sql, values: params };
    let name = names.get(sql);
    if (!name) {
      if (names.size >= maxNamedStatements) return { text: sql, values: params };
      name = `s${createHash('sha1').update(sql).digest('hex').slice(0, 24)}`;
      names.set(sql, name);
    }
    return { name, text: sql, values: params };
  };
}

export async function openPostgres(url: string): Promise<Database> {
  const pool = new Pool({ connectionString: url, max: 10 });
  // An idle connection the server drops (restart, failover, idle timeout) must not end the
  // process: the pool replaces it on the next query.
  pool.on('error', (err) => console.error(`[db] idle connection lost: ${err.message}`));
  await pool.query('select 1');
  const statement = statementNamer();
  const query: Queryable['query'] = async (sql, params) => {
    const r = await pool.query(statement(sql, params));
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
            const r = await client.query(statement(sql, params));
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
    async exclusively(key, fn) {
      const client = await pool.connect();
      try {
        await client.query('select pg_advisory_lock($1)', [key]);
        try {
          return await fn();
        } finally {
          await client.query('select pg_advisory_unlock($1)', [key]);
        }
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
