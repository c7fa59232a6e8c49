import type { Client } from 'pg';
import { msSince, now, percentile } from '../stats';

/** One measured read or write: its times, or why there are none (non-2xx, timeout, error). */
export interface Timing {
  label: string;
  runs: number[];
  /** Set when the read failed: "HTTP 500 …", "timeout after 120 s", an error message. */
  failure?: string;
}

export const median = (t: Timing): number => (t.failure || t.runs.length === 0 ? NaN : percentile(t.runs, 50));
export const p95 = (t: Timing): number => (t.failure || t.runs.length === 0 ? NaN : percentile(t.runs, 95));

export interface MeasureOptions {
  warmups: number;
  runs: number;
  /** A warm-up slower than this cuts the measured runs to `slowRuns`, so one slow read cannot hold up the run. */
  slowMs: number;
  slowRuns: number;
  timeoutMs: number;
  log: (message: string) => void;
}

class Failed extends Error {}

/** A signed-in user talking to the listening app over real HTTP. */
export class Session {
  private constructor(
    private readonly base: string,
    private readonly cookie: string,
    private readonly timeoutMs: number,
    readonly username: string,
  ) {}

  static async signIn(base: string, username: string, timeoutMs: number, password = 'demo12345'): Promise<Session> {
    const res = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    if (res.status !== 200) throw new Error(`sign-in of ${username}: HTTP ${res.status} ${await res.text()}`);
    const cookie = (res.headers.getSetCookie?.() ?? [res.headers.get('set-cookie') ?? '']).map((c) => c.split(';')[0]).join('; ');
    return new Session(base, cookie, timeoutMs, username);
  }

  /** The parsed JSON body of a 2xx answer; throws Failed with the status and the start of the body otherwise. */
  async call<T = unknown>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    let res: Response;
    let text: string;
    try {
      // Every write is JSON, also one without a body (a claim): the app's cross-site guard asks for it.
      res = await fetch(`${this.base}${path}`, {
        method,
        headers: { cookie: this.cookie, ...(method === 'GET' ? {} : { 'content-type': 'application/json' }) },
        body: method === 'GET' ? undefined : JSON.stringify(body ?? {}),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      text = await res.text();
    } catch (err) {
      const e = err as Error;
      if (e.name === 'TimeoutError' || e.name === 'AbortError') throw new Failed(`timeout after ${this.timeoutMs / 1000} s`);
      throw new Failed(`error: ${e.message}`);
    }
    if (res.status < 200 || res.status > 299) throw new Failed(`HTTP ${res.status} ${text.slice(0, 160)}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }
}

/** Runs `once` after warm-ups and returns its times in ms; the first failure ends the measurement and is kept. */
export async function measure(label: string, opts: MeasureOptions, once: () => Promise<void>): Promise<Timing> {
  const timing: Timing = { label, runs: [] };
  try {
    let slowest = 0;
    for (let i = 0; i < opts.warmups; i++) {
      const t = now();
      await once();
      slowest = Math.max(slowest, msSince(t));
    }
    const runs = slowest > opts.slowMs ? opts.slowRuns : opts.runs;
    for (let i = 0; i < runs; i++) {
      const t = now();
      await once();
      timing.runs.push(msSince(t));
    }
  } catch (err) {
    timing.failure = err instanceof Failed ? err.message : `error: ${(err as Error).message}`;
  }
  const m = median(timing);
  opts.log(`  ${label}: ${timing.failure ?? `median ${m.toFixed(1)} ms, p95 ${p95(timing).toFixed(1)} ms (${timing.runs.length} runs)`}`);
  return timing;
}

export interface ReadScenario {
  /** The recap's quarter (yyyy-Qn) and its bounds, for the count(*) of the same scope. */
  quarter: { name: string; from: Date; to: Date };
  searchWord: string;
}

export const LABELS = {
  worklistKasi: 'GET /api/worklist (kasi)',
  worklistOpd: 'GET /api/worklist (pejabat-penghubung, OPD)',
  tasksKasi: 'GET /api/tasks (kasi)',
  dashboard: 'GET /api/dashboard (kasi)',
  recap: 'GET /api/recap kapuas, quarter',
  performance: 'GET /api/performance sop-555-05, quarter',
  audit: 'GET /api/audit/instances?overdue=true (auditor)',
  byStatus: 'GET /api/complaints?status=diproses',
  search: 'GET /api/complaints?q=<word>',
  intake: 'POST /api/complaints (intake)',
  complete: 'claim + complete a fresh task',
  countQuarter: 'SQL count(*) kapuas, quarter',
  countAll: 'SQL count(*) complaints',
  health: 'GET /api/health (HTTP floor)',
} as const;

/**
 * Every measured read and write, through real HTTP on the listening app, plus the two plain
 * count(*) statements the dashboard and the recap are compared with.
 */
export async function measureAll(base: string, sql: Client, scenario: ReadScenario, opts: MeasureOptions): Promise<Timing[]> {
  const as = async (username: string) => Session.signIn(base, username, opts.timeoutMs);
  const [kasi, opd, admin, auditor] = await Promise.all(['kasi', 'pejabat-penghubung', 'admin-utama', 'auditor'].map(as));
  // The first answer of a read is summarised once, to show what the generated data looks like through the app.
  const peeked = new Set<string>();
  const get = (s: Session, path: string, peek?: (body: never) => string) => async () => {
    const body = await s.call('GET', path);
    if (peek && !peeked.has(`${s.username} ${path}`)) {
      peeked.add(`${s.username} ${path}`);
      opts.log(`  ${s.username} ${path}: ${peek(body as never)}`);
    }
  };
  // Where history is hash-chained (migration 8), the app itself checks one generated chain.
  const { rows: sample } = await sql.query<{ id: string }>(
    `select i.id from process_instances i where i.state ? 'bench' and i.status = 'completed' order by i.started_at limit 1`,
  );
  if (sample[0]) {
    const verdict = await auditor
      .call('GET', `/api/instances/${sample[0].id}/history/verify`)
      .then((b) => JSON.stringify(b), (err: Error) => err.message);
    opts.log(`  history chain of a generated instance, GET /api/instances/:id/history/verify: ${verdict}`);
  }
  const worklistPeek = (b: { counts: Record<string, number>; items: unknown[] }) => `counts ${JSON.stringify(b.counts)}, ${b.items.length} items`;
  const results: Timing[] = [];
  const read = async (label: string, once: () => Promise<void>) => results.push(await measure(label, opts, once));

  await read(LABELS.worklistKasi, get(kasi, '/api/worklist', worklistPeek));
  await read(LABELS.worklistOpd, get(opd, '/api/worklist', worklistPeek));
  await read(LABELS.tasksKasi, get(kasi, '/api/tasks', (b: unknown[]) => `${b.length} tasks`));
  await read(LABELS.dashboard, get(kasi, '/api/dashboard', (b: { complaintsByStatus: { status: string; count: number }[] }) =>
      b.complaintsByStatus.map((x) => `${x.status} ${x.count}`).join(', ')));
  await read(LABELS.recap, get(admin, `/api/recap?district=kapuas&period=${scenario.quarter.name}`, (b: { totals: Record<string, number> }) => `totals ${JSON.stringify(b.totals)}`));
  // Kinerja SOP reads its aggregate (task_performance), a row per activity, OPD and day: flat in the tasks behind it.
  await read(LABELS.performance, get(kasi, `/api/performance?key=sop-555-05&period=${scenario.quarter.name}`, (b: { activities: { done: number }[] }) =>
      `${b.activities.length} activities, ${b.activities.reduce((n, a) => n + a.done, 0)} done`));
  await read(LABELS.audit, get(auditor, '/api/audit/instances?overdue=true', (b: { total: number }) => `total ${b.total}`));
  await read(LABELS.byStatus, get(admin, '/api/complaints?status=diproses', (b: unknown[]) => `${b.length} complaints`));
  await read(LABELS.search, get(admin, `/api/complaints?q=${encodeURIComponent(scenario.searchWord)}`, (b: unknown[]) => `${b.length} complaints`));

  const fresh: string[] = [];
  let n = 0;
  await read(LABELS.intake, async () => {
    n++;
    const detail = await admin.call<{ openTasks: { id: string }[] }>('POST', '/api/complaints', {
      district: 'kapuas',
      channel: 'whatsapp',
      reporter: { name: `Pelapor Bench ${n}`, contact: '081200000000' },
      subject: `Jalan berlubang di depan sekolah ${n}`,
      description: 'Jalan di depan SD negeri berlubang dalam dan membahayakan anak-anak yang berangkat sekolah.',
      location: 'Kecamatan Selat',
      category: 'Infrastruktur',
    });
    if (detail.openTasks[0]) fresh.push(detail.openTasks[0].id);
  });
  // Every fresh complaint waits in the same first task: its form is read once, outside the timing.
  let variables: Record<string, unknown> = {};
  if (fresh[0]) {
    const form = await admin
      .call<{ fields: { id: string; type: string; values?: { id: string }[] }[] }>('GET', `/api/tasks/${fresh[0]}/form`)
      .catch((err: Error) => (opts.log(`  task form: ${err.message}`), { fields: [] }));
    variables = Object.fromEntries(form.fields.map((f) => [f.id, valueFor(f)]));
  }
  await read(LABELS.complete, async () => {
    const id = fresh.shift();
    if (!id) throw new Error('no fresh task left (the intake run failed?)');
    await admin.call('POST', `/api/tasks/${id}/claim`);
    await admin.call('POST', `/api/tasks/${id}/complete`, { variables });
  });

  // What any request costs here before it reads anything: the floor under every figure above.
  await read(LABELS.health, get(kasi, '/api/health'));

  const q = scenario.quarter;
  await read(LABELS.countQuarter, async () => {
    await sql.query(`select count(*) from complaints where district = 'kapuas' and created_at >= $1 and created_at < $2`, [q.from, q.to]);
  });
  await read(LABELS.countAll, async () => {
    await sql.query('select count(*) from complaints');
  });
  return results;
}

/** A plausible value for a task-form field (the first task of 555/05 asks for the channel). */
function valueFor(f: { id: string; type: string; values?: { id: string }[] }): unknown {
  if (f.type === 'boolean') return true;
  if (f.type === 'long') return 1;
  if (f.type === 'enum' && f.values?.length) return f.values[0].id;
  if (f.type === 'date') return '2026-11-30';
  return f.id === 'kanal' ? 'whatsapp' : 'bench';
}
