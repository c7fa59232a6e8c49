import type { Database } from '../db/database';
import { pendingMigrations } from '../db/migrations';

export interface Readiness {
  ready: boolean;
  /** Why not, in words for an operator: the database, the migrations, or shutting down. */
  reasons: string[];
}

/**
 * Whether this app process should get traffic: its database answers, the schema is this build's,
 * and it is not shutting down. A load balancer or `docker compose` asks it through /api/ready;
 * /api/health stays the liveness check (the process answers at all).
 */
export class Lifecycle {
  private closing = false;

  constructor(private readonly db: Database) {}

  /** From now on the process reports not ready, so the proxy stops sending it requests. */
  beginShutdown(): void {
    this.closing = true;
  }

  async readiness(): Promise<Readiness> {
    const reasons: string[] = [];
    if (this.closing) reasons.push('shutting down');
    try {
      const pending = await pendingMigrations(this.db);
      if (pending > 0) reasons.push(`${pending} migrations not applied`);
    } catch (err) {
      reasons.push(`database: ${(err as Error).message}`);
    }
    return { ready: reasons.length === 0, reasons };
  }
}
