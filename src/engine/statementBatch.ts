import type { Queryable } from '../db/database';

/** One write of a batch: SQL numbering its own parameters from $1, and their values. */
export interface BatchPart {
  sql: string;
  params: unknown[];
}

/**
 * Several writes of one command sent as the data-modifying CTEs of a single statement. Over a
 * network every statement costs a round trip; a command's writes touch different rows, so they
 * need not see each other and can share one. The first part is the guard (the instance's own
 * write): run() reports how many rows it touched, so the caller can tell a lost revision race.
 */
export class StatementBatch {
  private readonly parts: string[] = [];
  private readonly params: unknown[] = [];

  constructor(guard: BatchPart) {
    this.add(guard);
  }

  add(part: BatchPart | undefined): void {
    if (!part) return;
    const offset = this.params.length;
    const sql = part.sql.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`);
    this.parts.push(`w${this.parts.length} as (${sql})`);
    this.params.push(...part.params);
  }

  /** Runs every part; resolves to the number of rows the guard part touched. */
  async run(tx: Queryable): Promise<number> {
    const { rows } = await tx.query<{ n: number }>(`with ${this.parts.join(',\n')} select count(*)::int as n from w0`, this.params);
    return rows[0].n;
  }
}
