import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/**
 * Debian's Chromium, headless. The flags keep it from calling out (this machine and CI have no
 * outside network) and let it run as root in CI.
 */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'],
  });
}

export const LAPTOP = { width: 1280, height: 800 };
export const PHONE = { width: 360, height: 740 };

/**
 * A signed-in user in their own browser context (own cookies), as a real person on their own
 * machine. Every request the page makes must stay on our server: the app must work offline.
 */
export async function signedIn(
  browser: Browser,
  baseUrl: string,
  username: string,
  viewport = LAPTOP,
  password = 'demo12345',
): Promise<{ context: BrowserContext; page: Page; foreign: string[] }> {
  const context = await browser.newContext({ viewport, baseURL: baseUrl, locale: 'id-ID', timezoneId: 'Asia/Pontianak' });
  const page = await context.newPage();
  const foreign: string[] = [];
  page.on('request', (r) => {
    const url = r.url();
    if (!url.startsWith(baseUrl) && !url.startsWith('data:') && !url.startsWith('blob:')) foreign.push(url);
  });
  await page.goto('/');
  await page.getByLabel('Nama pengguna').fill(username);
  await page.getByLabel('Kata sandi').fill(password);
  await page.getByRole('button', { name: 'Masuk' }).click();
  await page.getByRole('button', { name: 'Keluar' }).waitFor();
  return { context, page, foreign };
}

const ROOT = path.resolve(__dirname, '..', '..', '..');
/**
 * test-results/screenshots by default, so a test run leaves the tree clean;
 * `npm run docs:screenshots` writes the README's pictures into docs/screenshots.
 */
const SCREENSHOTS = path.resolve(ROOT, process.env.E2E_SCREENSHOTS ?? 'test-results/screenshots');

/** Saves a screenshot of a main screen (the README shows them from docs/screenshots). */
export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: false });
}

/** True when the page is wider than its viewport: the layout does not fit a phone. */
export function overflowsHorizontally(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
}
