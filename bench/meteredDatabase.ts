import type { Database, Queryable } from '../src/db/database';
import { now } from './stats';

/**
 * Wraps a Database to count statements and the wall time spent waiting on the database
 * (top-level queries plus whole transactions, which include begin/commit and the small amount
 * of JS between their statements). Meant for a single-client run: with concurrent callers the
 * windows overlap and the split is only indicative.
 */
export interface DbMeter {
  statements: number;
  transactions: number;
  dbNs: bigint;
  reset(): void;
}

export function meterDatabase(inner: Database): { db: Database; meter: DbMeter } {
  const meter: DbMeter = {
    statements: 0,
    transactions: 0,
    dbNs: 0n,
    reset() {
      this.statements = 0;
      this.transactions = 0;
      this.dbNs = 0n;
    },
  };
  const db: Database = {
    kind: inner.kind,
    async query(sql, params) {
      meter.statements++;
      const t0 = now();
      try {
        return await inner.query(sql, params);
      } finally {
        meter.dbNs += now() - t0;
      }
    },
    async transaction(fn) {
      meter.transactions++;
      const t0 = now();
      try {
        return await inner.transaction((tx) => {
          const counted: Queryable = {
            query: (sql, params) => {
              meter.statements++;
              return tx.query(sql, params);
            },
          };
          return fn(counted);
        });
      } finally {
        meter.dbNs += now() - t0;
      }
    },
    exclusively: (key, fn) => inner.exclusively(key, fn),
    close: () => inner.close(),
  };
  return { db, meter };
}
