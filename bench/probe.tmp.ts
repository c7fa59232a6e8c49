import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../src/config';
import { createSystem } from '../src/system';
import { Session } from './load/measure';
import { percentile } from './stats';

async function main() {
  const db = process.argv[2];
  const paths = process.argv.slice(3);
  const config = loadConfig({ NODE_ENV: 'test', SOP_CLOCK: 'manual', SOP_CLOCK_START: '2026-11-30T09:00:00+07:00',
    DATABASE_URL: `postgres://postgres:postgres@127.0.0.1:5432/${db}`, PROCESSES_DIR: path.join(__dirname, '..', 'processes'), PORT: '0' });
  const system = await createSystem(config);
  const server = await system.listen();
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  for (const p of paths) {
    const [user, url] = p.split(':', 2).length === 2 ? [p.slice(0, p.indexOf(':')), p.slice(p.indexOf(':') + 1)] : ['kasi', p];
    const s = await Session.signIn(base, user, 120000);
    const times: number[] = [];
    let body: unknown;
    for (let i = 0; i < 12; i++) { const t = performance.now(); body = await s.call('GET', url); if (i >= 2) times.push(performance.now() - t); }
    console.log(`${user} ${url}: median ${percentile(times, 50).toFixed(1)} ms; ${JSON.stringify(body).slice(0, 200)}`);
  }
  await system.close();
  process.exit(0);
}
main();
