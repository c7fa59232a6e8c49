import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Queryable } from '../db/database';

/** What the gauges read at each scrape; each a count over an index, not over history. */
export interface MetricsSource {
  db: Queryable;
  now(): Date;
}

/**
 * The Prometheus metrics of one app process (GET /metrics). A registry per process, not
 * prom-client's global one: tests run several systems in one Node process. Counters and the
 * request histogram are this process's own; the gauges read the shared database, so every
 * process reports the same backlog (sum the counters, not the gauges, across processes).
 */
export class Metrics {
  readonly registry = new Registry();
  private readonly httpDuration: Histogram<'method' | 'route' | 'status'>;
  private readonly jobs: Counter<'kind' | 'outcome'>;

  constructor(source: MetricsSource) {
    collectDefaultMetrics({ register: this.registry });
    this.httpDuration = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP requests by route template and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [this.registry],
    });
    this.jobs = new Counter({
      name: 'sop_scheduler_jobs_total',
      help: 'Jobs (timers, start timers, call activities, signals) this process ran, by outcome',
      labelNames: ['kind', 'outcome'],
      registers: [this.registry],
    });
    const registers = [this.registry];
    new Gauge({
      name: 'sop_open_tasks',
      help: 'Open user tasks by process (SOP) key, split by whether they are past their due date',
      labelNames: ['process', 'overdue'],
      registers,
      async collect() {
        const { rows } = await source.db.query<{ key: string; overdue: boolean; n: number }>(
          `select i.key, coalesce(t.due_at < $1, false) as overdue, count(*)::int as n
             from tasks t join process_instances i on i.id = t.instance_id where t.status = 'open' group by 1, 2`,
          [source.now().toISOString()],
        );
        this.reset();
        for (const r of rows) this.set({ process: r.key, overdue: String(r.overdue) }, r.n);
      },
    });
    const scalar = (name: string, help: string, sql: string, params: () => unknown[]) =>
      new Gauge({
        name,
        help,
        registers,
        async collect() {
          const { rows } = await source.db.query<{ n: number | null }>(sql, params());
          this.set(Number(rows[0]?.n ?? 0));
        },
      });
    scalar('sop_job_lag_seconds', 'How long the oldest due job has been waiting (0: none waits)',
      'select coalesce(extract(epoch from ($1::timestamptz - min(due_at))), 0)::float8 as n from jobs where due_at <= $1', () => [source.now().toISOString()]);
    scalar('sop_incidents_open', 'Incidents not yet resolved', 'select count(*)::int as n from incidents where resolved_at is null', () => []);
    // Both through the outbox's partial and state indexes (migration 16).
    scalar('sop_mail_outbox_pending', 'Mails waiting to be sent (still being tried)', "select count(*)::int as n from mail_outbox where state = 'pending'", () => []);
    scalar('sop_mail_outbox_failed', 'Mails given up after the last attempt (the outbox page resends them)', "select count(*)::int as n from mail_outbox where state = 'failed'", () => []);
  }

  observeRequest(method: string, route: string, status: number, seconds: number): void {
    this.httpDuration.observe({ method, route, status: String(status) }, seconds);
  }

  jobRan(kind: string, outcome: 'done' | 'retry' | 'failed'): void {
    this.jobs.inc({ kind, outcome });
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
