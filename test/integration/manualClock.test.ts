import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config';
import { createSystem, type System } from '../../src/system';
import { backends, startTestSystem, type TestSystem } from '../support/testSystem';
import { closeTestSystem } from './helpers';

jest.setTimeout(60_000);

const START = new Date('2026-11-16T08:00:00+07:00');

/**
 * SOP_CLOCK=manual: the clock stored in the database is shared. A process started without
 * SOP_CLOCK_START joins it; moving it to real time would fire every timer due in between.
 */
describe.each(backends)('manual clock (%s)', (backend) => {
  let first: TestSystem;
  let second: System | undefined;
  let dataDir: string | undefined;
  let firstClosed = false;

  afterEach(async () => {
    await second?.close();
    second = undefined;
    await closeTestSystem(first);
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    dataDir = undefined;
  });

  /** A second process on the first one's database (PGlite: after the first has closed its folder). */
  async function secondProcess(env: Record<string, string>): Promise<System> {
    const shared = backend === 'postgres' ? { DATABASE_URL: first.system.config.databaseUrl! } : { DATA_DIR: dataDir! };
    if (backend === 'pglite' && !firstClosed) {
      await first.system.close();
      first.system.close = async () => undefined;
      firstClosed = true;
    }
    return createSystem(loadConfig({ NODE_ENV: 'test', SOP_CLOCK: 'manual', PROCESSES_DIR: '/nonexistent', PORT: '0', ...shared, ...env }));
  }

  async function startFirst(): Promise<void> {
    firstClosed = false;
    if (backend === 'pglite') dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sop-clock-'));
    first = await startTestSystem(backend, { SOP_CLOCK_START: START.toISOString(), ...(dataDir && { DATA_DIR: dataDir }) });
    await first.system.manualClock!.advance(60 * 60_000);
  }

  it('joins the shared clock when started without SOP_CLOCK_START', async () => {
    await startFirst();
    second = await secondProcess({});
    expect(second.engine.clock.now().toISOString()).toBe(new Date(START.getTime() + 60 * 60_000).toISOString());
  });

  it('moves the shared clock forward to SOP_CLOCK_START, never back', async () => {
    await startFirst();
    second = await secondProcess({ SOP_CLOCK_START: '2026-12-01T08:00:00+07:00' });
    expect(second.engine.clock.now().toISOString()).toBe(new Date('2026-12-01T08:00:00+07:00').toISOString());
    await second.close();
    second = await secondProcess({ SOP_CLOCK_START: '2026-11-01T08:00:00+07:00' });
    expect(second.engine.clock.now().toISOString()).toBe(new Date('2026-12-01T08:00:00+07:00').toISOString());
  });
});
