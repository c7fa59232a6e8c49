// Builds the web app when web/dist is missing or older than its sources, so `npm start` on a
// fresh clone serves the UI without a separate build command.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const web = path.dirname(fileURLToPath(import.meta.url));
const root = path.dirname(web);
const built = path.join(web, 'dist', 'index.html');

function newest(p) {
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(st.mtimeMs, ...fs.readdirSync(p).map((f) => newest(path.join(p, f))));
}

// The modeler's lint also bundles the server's support table and expression grammar.
const sources = ['src', 'index.html', 'vite.config.mts'].map((f) => path.join(web, f)).concat(
  ['package-lock.json', '.bpmnlintrc', 'src/contract', 'src/engine/expressions.ts'].map((f) => path.join(root, f)),
);
const sourceTime = Math.max(...sources.filter((f) => fs.existsSync(f)).map(newest));
const builtTime = fs.existsSync(built) ? fs.statSync(built).mtimeMs : 0;

if (builtTime >= sourceTime && process.argv[2] !== '--force') {
  console.log('web: web/dist is up to date');
} else {
  console.log('web: building the web app into web/dist (vite)…');
  execFileSync(process.execPath, [path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', web, '--logLevel', 'warn'], { stdio: 'inherit', cwd: root });
  console.log('web: built');
}
