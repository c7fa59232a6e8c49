import type { ErrorCode } from '../contract/errors';
import type { Queryable } from '../db/database';
import { conflict } from './errors';

/** One write of a batch: SQL numbering its own parameters from $1, and their values. */
export interface BatchPart {
  sql: string;
  params: unknown[];
}

/** SQLSTATE of workflow_guard (migration 5): a guarded write of a batch missed its row. */
const guardMissed = 'WF409';

/**
 * Several writes of one command sent as the data-modifying CTEs of a single statement. Every
 * statement costs a round trip and a parse; a command's writes touch different rows, so they need
 * not see each other and can share one. A guard is a write that must touch exactly one row (a
 * revision check): if it misses, workflow_guard raises, which undoes the whole statement, so the
 * batch is atomic even outside a transaction, and the caller gets a 409.
 */
export class StatementBatch {
  private readonly parts: string[] = [];
  private readonly params: unknown[] = [];
  private readonly guards: string[] = [];
  /** The code of each guard's conflict, by its message (what the database raises). */
  private readonly codes = new Map<string, ErrorCode>();

  /** `part` must return one row per row it touched (`returning 1`). Guards are checked in order. */
  guard(part: BatchPart, conflictMessage: string, code: ErrorCode): void {
    const name = this.add(part);
    this.params.push(conflictMessage);
    this.codes.set(conflictMessage, code);
    this.guards.push(`workflow_guard((select count(*) from ${name}) = 1, $${this.params.length}::text)`);
  }

  add(part: BatchPart | undefined): string {
    const name = `w${this.parts.length}`;
    if (!part) return name;
    const offset = this.params.length;
    const sql = part.sql.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`);
    this.parts.push(`${name} as (${sql})`);
    this.params.push(...part.params);
    return name;
  }

  async run(db: Queryable): Promise<void> {
    if (this.parts.length === 0) return;
    const check = this.guards.length ? this.guards.join(', ') : '1';
    try {
      await db.query(`with ${this.parts.join(',\n')}\nselect ${check}`, this.params);
    } catch (err) {
      if ((err as { code?: string }).code === guardMissed) {
        const message = (err as Error).message;
        const code = this.codes.get(message);
        throw code ? conflict(message).as(code) : conflict(message);
      }
      throw err;
    }
  }
}
