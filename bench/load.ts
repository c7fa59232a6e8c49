/**
 * Read latency under load: the real app over real HTTP on a PostgreSQL server holding 10,000
 * complaints (the baseline), then the large size. Prints figures and asserts nothing: exits 0, or 1 if
 * it crashes; a slow or failing read is printed ("timeout", "HTTP 500"), never fatal.
 *
 *   npm run bench:load                       (10k, then 100k)
 *   BENCH_LOAD_SIZE=1m npm run bench:load    (10k, then 1,000,000 complaints, about 10,000,000 history rows)
 *
 * Environment:
 *   BENCH_LOAD_SIZE        the large size: 100k (default), 1m, or a number of complaints
 *   BENCH_LOAD_RUNS        measured requests per read after 2 warm-ups (default 20)
 *   BENCH_LOAD_TIMEOUT_MS  per request (default 120000)
 *   BENCH_DATABASE_URL     PostgreSQL server (else TEST_DATABASE_URL, else postgres://postgres:postgres@127.0.0.1:5432/postgres);
 *                          a fresh database bench_<random> is created per size and dropped after it.
 *   BENCH_LOAD_KEEP=1      keep the databases (their names are printed), e.g. to EXPLAIN a read on them
 */
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { Client } from 'pg';
import { loadConfig } from '../src/config';
import { createSystem, type System } from '../src/system';
import { generate, SEARCH_WORD } from './load/generate';
import { measureAll, type MeasureOptions, type ReadScenario } from './load/measure';
import { finalTable, generationTable, sizeName, type SizeRun } from './load/report';
import { createScratchDatabase, redact, type ScratchDatabase } from './pgServer';

const BASELINE = 10_000;
/** A Monday, 09:00 WIB: the newest generated complaint came in the working day before. */
const CLOCK_START = '2026-11-30T09:00:00+07:00';

const log = (msg: string) => process.stderr.write(`[bench:load ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);

function parseSize(text: string | undefined): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([km]?)\s*$/i.exec(text ?? '100k');
  if (!m) throw new Error(`BENCH_LOAD_SIZE must be like 100k, 1m or 250000, not "${text}"`);
  const factor = { '': 1, k: 1000, m: 1_000_000 }[m[2].toLowerCase() as '' | 'k' | 'm'];
  return Math.round(Number(m[1]) * factor);
}

const envInt = (name: string, fallback: number): number => {
  const v = Number.parseInt(process.env[name] ?? '', 10);
  return Number.isFinite(v) && v > 0 ? v : fallback;
};

const serverUrl = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || 'postgres://postgres:postgres@127.0.0.1:5432/postgres';

const measureOptions: MeasureOptions = {
  warmups: 2,
  runs: envInt('BENCH_LOAD_RUNS', 20),
  slowMs: 10_000,
  slowRuns: 3,
  timeoutMs: envInt('BENCH_LOAD_TIMEOUT_MS', 120_000),
  log,
};

/** The quarter before the clock's, with its bounds in WIB. */
function previousQuarter(at: Date): ReadScenario['quarter'] {
  const wib = new Date(at.getTime() + 7 * 3600_000);
  let year = wib.getUTCFullYear();
  let q = Math.floor(wib.getUTCMonth() / 3); // 0-based: the current quarter's index is the previous one's number
  if (q === 0) {
    year--;
    q = 4;
  }
  const month = (q - 1) * 3;
  const from = new Date(Date.UTC(year, month, 1) - 7 * 3600_000);
  const to = new Date(Date.UTC(year, month + 3, 1) - 7 * 3600_000);
  return { name: `${year}-Q${q}`, from, to };
}

async function runSize(size: number): Promise<SizeRun> {
  const run: SizeRun = { size, timings: [] };
  let scratch: ScratchDatabase | undefined;
  let system: System | undefined;
  let sql: Client | undefined;
  try {
    scratch = await createScratchDatabase(serverUrl);
    log(`${sizeName(size)}: database ${scratch.name}`);
    const config = loadConfig({
      NODE_ENV: 'test',
      SOP_CLOCK: 'manual',
      SOP_CLOCK_START: CLOCK_START,
      DATABASE_URL: scratch.url,
      PROCESSES_DIR: path.join(__dirname, '..', 'processes'),
      PORT: '0',
    });
    system = await createSystem(config);
    sql = new Client({ connectionString: scratch.url });
    await sql.connect();
    const clockNow = system.engine.clock.now();
    log(`${sizeName(size)}: generating ${size.toLocaleString('en-US')} complaints`);
    run.generation = await generate(sql, { size, clockNow, log });
    log(`${sizeName(size)}: generated in ${run.generation.seconds.toFixed(1)} s: ${JSON.stringify(run.generation.rows)}`);

    const server = await system.listen();
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    log(`${sizeName(size)}: measuring`);
    run.timings = await measureAll(base, sql, { quarter: previousQuarter(clockNow), searchWord: SEARCH_WORD }, measureOptions);
  } catch (err) {
    run.error = (err as Error).stack ?? String(err);
    log(`${sizeName(size)}: ${run.error}`);
  } finally {
    await sql?.end().catch(() => undefined);
    await system?.close().catch((err) => log(`close: ${(err as Error).message}`));
    if (process.env.BENCH_LOAD_KEEP === '1') log(`${sizeName(size)}: kept database ${scratch?.name}`);
    else await scratch?.drop().catch((err) => log(`could not drop ${scratch!.name}: ${(err as Error).message}`));
  }
  return run;
}

async function main(): Promise<void> {
  const large = parseSize(process.env.BENCH_LOAD_SIZE);
  log(`server ${redact(serverUrl)}; sizes ${sizeName(BASELINE)} and ${sizeName(large)}; ${measureOptions.runs} runs per read after ${measureOptions.warmups} warm-ups`);
  const base = await runSize(BASELINE);
  const big = large === BASELINE ? undefined : await runSize(large);
  const runs = [base, ...(big ? [big] : [])];

  const out: string[] = [];
  out.push('', `Load benchmark (${new Date().toISOString()}), clock ${CLOCK_START}, recap quarter ${previousQuarter(new Date(CLOCK_START)).name}, search word "${SEARCH_WORD}"`, '');
  out.push(generationTable(runs), '');
  for (const r of runs) if (r.error) out.push(`${sizeName(r.size)} did not finish: ${r.error.split('\n')[0]}`, '');
  const failures = runs.flatMap((r) => r.timings.filter((t) => t.failure).map((t) => `${sizeName(r.size)} ${t.label}: ${t.failure}`));
  if (failures.length) out.push('Non-2xx or failed:', ...failures.map((f) => `  ${f}`), '');
  out.push(finalTable(base, big), '');
  out.push('Targets are printed, never asserted: a read grows at most 2× from 10k to the large size; the dashboard and the recap');
  out.push('cost at most 3× a plain count(*) of the same scope (all complaints; the district\'s quarter). At 10k a count(*)');
  out.push('takes well under the HTTP floor, so that comparison says something only at the large size.');
  process.stdout.write(`${out.join('\n')}\n`);
}

main()
  .then(() => process.exit(0))
  .catch((err) => {
    console.error(err);
    process.exit(1);
  });
