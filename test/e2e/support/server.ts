import type { Browser } from 'playwright-core';
import { launchBrowser } from './browser';
import path from 'node:path';
import { ApiClient, startServerProcess, type ServerProcess } from '../../support/serverProcess';

export const PROCESSES_DIR = path.resolve(__dirname, '..', '..', '..', 'processes');

/** The clock's start: Monday 16 November 2026, 08:00 WIB (Asia/Pontianak, UTC+7). */
export const CLOCK_START = '2026-11-16T08:00:00+07:00';

/**
 * The real server as users run it (`src/main.ts`, the built web app, the SOP diagrams from
 * processes/, demo users), on an in-memory PGlite with the manual clock so a test can move time.
 */
export async function startE2eServer(): Promise<ServerProcess & { api: (user: string) => Promise<ApiClient> }> {
  const server = await startServerProcess({
    DATA_DIR: ':memory:',
    PROCESSES_DIR,
    SOP_CLOCK: 'manual',
    SOP_CLOCK_START: CLOCK_START,
    SCHEDULER_POLL_MS: '200',
  });
  return { ...server, api: (user: string) => new ApiClient(server.url).login(user) };
}

export type E2eServer = Awaited<ReturnType<typeof startE2eServer>>;

/** One real server and one browser for a test file, started before its tests and stopped after. */
export function useServerAndBrowser(): { server: E2eServer; browser: Browser } {
  const world = {} as { server: E2eServer; browser: Browser };
  beforeAll(async () => {
    world.server = await startE2eServer();
    world.browser = await launchBrowser();
  });
  afterAll(async () => {
    await world.browser?.close();
    await world.server?.kill();
  });
  return world;
}
