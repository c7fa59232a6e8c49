import { createServer, type Server } from 'node:http';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { chromium, type Page } from 'playwright-core';

/**
 * `npm run docs:diagrams`: render every diagram in processes/ with bpmn-js in headless Chromium
 * and write docs/diagrams/<process-id>.png for the README. Re-runnable: PNGs are overwritten
 * (a PNG whose process is gone stays until someone deletes it).
 *
 * One PNG per file, named after its first executable process, shows the whole diagram (every
 * pool and the message flows between them). Every further executable process that has a pool
 * also gets its own PNG, framed on that pool.
 *
 * The browser is Debian's Chromium (`apt-get install chromium`), never a downloaded one.
 */

const ROOT = path.resolve(__dirname, '../..');
const PROCESSES_DIR = path.join(ROOT, 'processes');
const OUT_DIR = path.join(ROOT, 'docs/diagrams');
const BPMN_JS_DIST = path.join(ROOT, 'node_modules/bpmn-js/dist');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** White space around the diagram, in CSS pixels. */
const MARGIN = 40;
/** Wider diagrams are scaled down to this width so the PNG stays usable in a README. */
const MAX_WIDTH = 4000;

// The plain viewer is enough: nothing is clicked, and the modeler's palette would only be noise.
const PAGE = `<!doctype html>
<html><head><meta charset="utf-8">
<link rel="stylesheet" href="/dist/assets/diagram-js.css">
<link rel="stylesheet" href="/dist/assets/bpmn-js.css">
<style>html, body { margin: 0; background: #fff; } #canvas { width: 800px; height: 600px; }</style>
<script src="/dist/bpmn-viewer.production.min.js"></script>
</head><body><div id="canvas"></div></body></html>`;

/** Serves the page and bpmn-js's prebuilt bundle; nothing outside node_modules/bpmn-js/dist. */
function startServer(): Promise<Server> {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE);
      return;
    }
    const file = path.join(BPMN_JS_DIST, path.normalize(url.pathname.replace(/^\/dist\//, '')));
    if (!url.pathname.startsWith('/dist/') || !file.startsWith(BPMN_JS_DIST + path.sep)) {
      res.writeHead(404).end();
      return;
    }
    try {
      const type = file.endsWith('.css') ? 'text/css' : 'text/javascript';
      res.writeHead(200, { 'content-type': type }).end(await readFile(file));
    } catch {
      res.writeHead(404).end();
    }
  });
  // Port 0: the OS picks a free port, so parallel runs and a running app don't collide.
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

type Bounds = { x: number; y: number; width: number; height: number };

interface Imported {
  /** importXML's warnings: anything bpmn-js dropped or misread. */
  warnings: string[];
  /** Executable process ids in document order. */
  processIds: string[];
  /** Pool bounds (diagram coordinates) by the id of the process it shows. */
  pools: Record<string, Bounds>;
}

// The callbacks below run in the page, not in Node. They declare no named helpers: tsx (esbuild,
// keepNames) would wrap those in a __name() call that does not exist in the page.

/** Imports one diagram into a fresh viewer, kept as window.viewer for frame(). */
function importDiagram(page: Page, xml: string): Promise<Imported> {
  return page.evaluate(async (xml) => {
    const container = document.getElementById('canvas')!;
    container.innerHTML = '';
    // The viewer bundle defines the global BpmnJS.
    const viewer = new (window as any).BpmnJS({ container });
    (window as any).viewer = viewer;
    const { warnings } = await viewer.importXML(xml);
    const processIds = viewer
      .getDefinitions()
      .rootElements.filter((e: any) => e.$type === 'bpmn:Process' && e.isExecutable)
      .map((e: any) => e.id as string);
    const pools: Record<string, Bounds> = {};
    for (const el of viewer.get('elementRegistry').filter((e: any) => e.type === 'bpmn:Participant')) {
      const ref = el.businessObject.processRef?.id;
      if (ref) pools[ref] = { x: el.x, y: el.y, width: el.width, height: el.height };
    }
    return { warnings: warnings.map((w: Error) => w.message), processIds, pools };
  }, xml);
}

/**
 * Sizes the container to `pool` (or, without one, to everything drawn, labels included) plus
 * the margin, scaled down to MAX_WIDTH if need be, and shows exactly that. Sizing the container
 * to the pool rather than clipping a screenshot keeps bpmn.io's watermark whole in its corner.
 */
function frame(page: Page, pool?: Bounds): Promise<void> {
  return page.evaluate(
    ({ pool, margin, maxWidth }) => {
      const canvas = (window as any).viewer.get('canvas');
      const target: Bounds = pool ?? canvas.viewbox().inner;
      const scale = Math.min(1, (maxWidth - 2 * margin) / target.width);
      const container = document.getElementById('canvas')!;
      container.style.width = `${Math.ceil(target.width * scale + 2 * margin)}px`;
      container.style.height = `${Math.ceil(target.height * scale + 2 * margin)}px`;
      canvas.resized();
      if (!pool) {
        // 'auto' centres the diagram, which leaves the margin on every side.
        canvas.zoom('fit-viewport', 'auto');
      } else {
        canvas.viewbox({
          x: pool.x - margin / scale,
          y: pool.y - margin / scale,
          width: container.clientWidth / scale,
          height: container.clientHeight / scale,
        });
      }
    },
    { pool, margin: MARGIN, maxWidth: MAX_WIDTH },
  );
}

/** Writes the container, at its current size, to docs/diagrams/<id>.png. */
async function shoot(page: Page, id: string): Promise<string> {
  const box = (await page.locator('#canvas').boundingBox())!;
  // A window as large as the container: the screenshot holds it all, unscrolled.
  await page.setViewportSize({ width: Math.ceil(box.width), height: Math.ceil(box.height) });
  const file = path.join(OUT_DIR, `${id}.png`);
  await writeFile(file, await page.locator('#canvas').screenshot());
  return path.relative(ROOT, file);
}

async function main(): Promise<void> {
  const files = (await readdir(PROCESSES_DIR)).filter((f) => f.endsWith('.bpmn')).sort();
  if (!files.length) throw new Error(`no .bpmn files in ${PROCESSES_DIR}`);
  await mkdir(OUT_DIR, { recursive: true });

  const server = await startServer();
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    // No sandbox: CI runs as root in a container. The rest keeps Chromium off the network.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-quic',
      '--disable-sync',
    ],
  });
  try {
    const page = await browser.newPage();
    // The page must need nothing but our server; anything else is a bug, not a slow CDN.
    await page.route((url) => url.origin !== origin, (route) => route.abort());
    const pageErrors: string[] = [];
    page.on('pageerror', (err) => pageErrors.push(err.message));
    await page.goto(origin);

    for (const file of files) {
      const xml = await readFile(path.join(PROCESSES_DIR, file), 'utf8');
      const { warnings, processIds, pools } = await importDiagram(page, xml).catch((err: Error) => {
        // importXML rejects what it cannot read at all; the page's stack trace would only be noise.
        throw new Error(`${file}: ${err.message.split('\n    at ')[0]}`);
      });
      // A warning means the picture would not show what the engine runs: refuse it.
      if (warnings.length) throw new Error(`${file}: importXML warnings:\n  - ${warnings.join('\n  - ')}`);
      if (pageErrors.length) throw new Error(`${file}: page errors: ${pageErrors.join('; ')}`);
      const [first, ...others] = processIds;
      if (!first) throw new Error(`${file}: no executable process`);

      await frame(page);
      const written = [await shoot(page, first)];
      for (const id of others) {
        if (!pools[id]) continue; // an executable process without a pool has no picture of its own
        await frame(page, pools[id]);
        written.push(await shoot(page, id));
      }
      console.log(`${file} -> ${written.join(', ')}`);
    }
  } finally {
    await browser.close();
    server.close();
  }
}

main().catch((err) => {
  console.error((err as Error).message);
  process.exit(1);
});
