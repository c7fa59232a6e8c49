import fs from 'node:fs';
import { chromium } from 'playwright-core';
import { buildSopSheet } from './src/reports/sopSheet/buildSopSheet';
import { sopSheetHtml } from './src/reports/sopSheet/sopSheetHtml';
(async () => {
  const key = process.argv[2] ?? 'sop-555-05';
  const file = key.startsWith('sop-kapuas-hulu') ? 'sop-kapuas-hulu' : key;
  const xml = fs.readFileSync(`processes/${file}.bpmn`, 'utf8');
  const html = sopSheetHtml(await buildSopSheet({ key, version: 1, deployedAt: '2026-12-05T03:00:00Z', xml }));
  fs.writeFileSync('/tmp/sheet.html', html);
  const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  const p = await b.newPage({ viewport: { width: 1200, height: 900 } });
  await p.setContent(html);
  await p.screenshot({ path: '/tmp/sheet.png', fullPage: true });
  await b.close();
})();
