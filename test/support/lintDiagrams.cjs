'use strict';
/**
 * Lints BPMN files with bpmnlint's Node API and prints the reports as JSON:
 * `{ "<file>": [{ "rule", "id", "message", "category" }] }`. The config is the repo's .bpmnlintrc.
 *
 * Run as a plain Node process (see test/unit/processDiagrams.test.ts): bpmnlint 11.9+ requires
 * the ESM-only min-dash 5 through Node's require(esm), which Jest's module registry cannot load.
 */
const fs = require('node:fs');
const path = require('node:path');
const Linter = require('bpmnlint/lib/linter');
const NodeResolver = require('bpmnlint/lib/resolver/node-resolver');
const bpmnModdle = require('bpmn-moddle');
const BpmnModdle = bpmnModdle.default ?? bpmnModdle;
const camunda = require('camunda-bpmn-moddle/resources/camunda.json');

async function main() {
  const root = path.resolve(__dirname, '..', '..');
  const config = JSON.parse(fs.readFileSync(path.join(root, '.bpmnlintrc'), 'utf8'));
  const out = {};
  for (const file of process.argv.slice(2)) {
    // One linter per file: bpmnlint caches rule instances, and some rules (no-duplicate-sequence-flows)
    // keep state keyed by element id across lint() calls.
    const linter = new Linter({ config, resolver: new NodeResolver() });
    const moddle = new BpmnModdle({ camunda });
    const { rootElement, warnings } = await moddle.fromXML(fs.readFileSync(file, 'utf8'), 'bpmn:Definitions');
    const reports = warnings.map((w) => ({ rule: 'bpmn-moddle', id: null, message: w.message, category: 'error' }));
    const results = await linter.lint(rootElement);
    for (const [rule, list] of Object.entries(results)) {
      for (const r of list) reports.push({ rule, id: r.id ?? null, message: r.message, category: r.category });
    }
    out[path.basename(file)] = reports;
  }
  process.stdout.write(JSON.stringify(out));
}

main().catch((err) => {
  process.stderr.write(String(err && err.stack ? err.stack : err));
  process.exit(1);
});
