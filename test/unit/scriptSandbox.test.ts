import { loadScriptSandbox, runScript } from '../../src/engine/scriptSandbox';

describe('the script sandbox (QuickJS in WebAssembly)', () => {
  beforeAll(() => loadScriptSandbox());

  it('sees the variables as JSON and returns what it adds or changes', () => {
    const run = runScript("variables.b = variables.a + 1; execution.setVariable('c', execution.getVariable('a') * 10); variables.a", { a: 1, tetap: 'x' });
    expect(run).toEqual({ result: 1, changed: { b: 2, c: 10 } });
  });

  it('reaches nothing of Node', () => {
    const probe = 'JSON.stringify([typeof process, typeof require, typeof setTimeout, typeof fetch, typeof globalThis.constructor.constructor("return this")().process])';
    expect(runScript(probe, {}).result).toBe('["undefined","undefined","undefined","undefined","undefined"]');
    expect(() => runScript('this.constructor.constructor("return process")().exit(1)', {})).toThrow(/script error: .*process/);
  });

  it('stops an endless script at its deadline and a greedy one at its memory limit', () => {
    const began = Date.now();
    expect(() => runScript('while (true) {}', {}, { timeMs: 100, memoryBytes: 32 * 1024 * 1024 })).toThrow(/ran longer than 100 ms/);
    expect(Date.now() - began).toBeLessThan(2_000);
    expect(() => runScript("let s = 'x'; const keep = []; while (true) { keep.push(s += s); }", {}, { timeMs: 5_000, memoryBytes: 8 * 1024 * 1024 })).toThrow(
      /more memory than allowed|script error/,
    );
  });

  it('reports a thrown error with its message', () => {
    expect(() => runScript("throw new Error('rusak')", {})).toThrow('script error: Error: rusak');
  });
});
