import { getQuickJS, type QuickJSWASMModule } from 'quickjs-emscripten';
import { SCRIPT_LANGUAGES } from '../contract/bpmnSupport';
import type { Variables } from './variables';

/**
 * Script tasks and script conditions, run in QuickJS compiled to WebAssembly instead of
 * bpmn-engine's default node:vm (which is no sandbox: `this.constructor.constructor("return
 * process")()` reaches the server). A script sees the instance's variables as JSON and nothing
 * of Node; each run has its own runtime with a CPU deadline and a memory limit.
 */

const isScriptLanguage = (language: string | undefined): boolean => SCRIPT_LANGUAGES.includes(String(language ?? '').toLowerCase());

export interface ScriptLimits {
  /** Wall-clock time one run may take, in milliseconds. */
  timeMs: number;
  /** Heap one run may allocate, in bytes. */
  memoryBytes: number;
}

export const DEFAULT_SCRIPT_LIMITS: ScriptLimits = { timeMs: 1000, memoryBytes: 32 * 1024 * 1024 };

let quickjs: QuickJSWASMModule | undefined;
let loading: Promise<QuickJSWASMModule> | undefined;

/** Loads the WebAssembly module once; runs execute synchronously afterwards, as bpmn-engine expects. */
export async function loadScriptSandbox(): Promise<void> {
  quickjs ??= await (loading ??= getQuickJS());
}

export interface ScriptRun {
  /** The script's completion value, as JSON (undefined when it is not representable). */
  result: unknown;
  /** Variables the script added or changed. */
  changed: Variables;
}

// Camunda's execution.getVariable/setVariable, over the same `variables` object the script sees.
const PRELUDE = `
const variables = JSON.parse(globalThis.__input);
delete globalThis.__input;
const execution = Object.freeze({
  getVariable: (name) => variables[name],
  setVariable: (name, value) => { variables[name] = value; },
});
`;

/** Runs one script over a JSON copy of `variables`; throws on a script error or an exceeded limit. */
export function runScript(code: string, variables: Variables, limits: ScriptLimits = DEFAULT_SCRIPT_LIMITS): ScriptRun {
  if (!quickjs) throw new Error('the script sandbox is not loaded');
  const input = JSON.stringify(variables ?? {});
  const runtime = quickjs.newRuntime();
  try {
    runtime.setMemoryLimit(limits.memoryBytes);
    runtime.setMaxStackSize(512 * 1024);
    const deadline = Date.now() + limits.timeMs;
    let interrupted = false;
    runtime.setInterruptHandler(() => (interrupted = Date.now() > deadline));
    const vm = runtime.newContext();
    try {
      const inputHandle = vm.newString(input);
      vm.setProp(vm.global, '__input', inputHandle);
      inputHandle.dispose();
      vm.unwrapResult(vm.evalCode(PRELUDE, 'prelude.js')).dispose();
      const evaluated = vm.evalCode(code, 'script.js');
      if (evaluated.error) {
        const error = vm.dump(evaluated.error) as { name?: string; message?: string } | string;
        evaluated.error.dispose();
        if (interrupted) throw new Error(`the script ran longer than ${limits.timeMs} ms`);
        throw new Error(describeError(error));
      }
      const result = toJson(vm.dump(evaluated.value));
      evaluated.value.dispose();
      const output = vm.unwrapResult(vm.evalCode('JSON.stringify(variables)', 'output.js'));
      const after = JSON.parse(vm.getString(output) || '{}') as Variables;
      output.dispose();
      return { result, changed: changedVariables(JSON.parse(input) as Variables, after) };
    } finally {
      vm.dispose();
    }
  } finally {
    runtime.dispose();
  }
}

function describeError(error: { name?: string; message?: string } | string): string {
  if (typeof error === 'string') return `script error: ${error}`;
  const message = String(error?.message ?? 'unknown error');
  if (/out of memory/i.test(message)) return 'the script used more memory than allowed';
  if (/interrupted/i.test(message)) return 'the script ran longer than allowed';
  return `script error: ${error?.name ? `${error.name}: ` : ''}${message}`;
}

function toJson(value: unknown): unknown {
  if (value === undefined) return undefined;
  try {
    return JSON.parse(JSON.stringify(value));
  } catch {
    return undefined;
  }
}

function changedVariables(before: Variables, after: Variables): Variables {
  const out: Variables = {};
  for (const [name, value] of Object.entries(after)) {
    if (JSON.stringify(before[name]) !== JSON.stringify(value)) out[name] = value;
  }
  return out;
}

interface ScriptActivity {
  id: string;
  type: string;
  behaviour: {
    scriptFormat?: string;
    script?: string;
    resultVariable?: string;
    conditionExpression?: { language?: string; body?: string };
  };
}

interface ExecutionScope {
  environment: { variables: Variables; assignVariables(v: Variables): void };
}

type Callback = (err: Error | null, output?: unknown) => void;

/**
 * bpmn-engine's `scripts` option: `register` is called per script task and per sequence flow
 * (whose condition may be a script), `getScript` when one runs. Languages other than JavaScript
 * get no script, so bpmn-elements fails the activity (deployment refuses them before that).
 * `onVariables` lets the caller spread a script's variables beyond its own scope (sub-processes
 * hold a copy of the process's variables).
 */
export class SandboxedScripts {
  private readonly scripts = new Map<string, { code: string; kind: 'task' | 'condition'; resultVariable?: string }>();

  constructor(
    private readonly onVariables: (changed: Variables) => void = () => undefined,
    private readonly limits: ScriptLimits = DEFAULT_SCRIPT_LIMITS,
  ) {}

  register(activity: ScriptActivity): void {
    const { id, type, behaviour } = activity;
    if (type === 'bpmn:SequenceFlow') {
      const condition = behaviour.conditionExpression;
      if (!condition?.language || !condition.body || !isScriptLanguage(condition.language)) return;
      this.scripts.set(id, { code: condition.body, kind: 'condition' });
      return;
    }
    if (!behaviour.script || !isScriptLanguage(behaviour.scriptFormat)) return;
    this.scripts.set(id, { code: behaviour.script, kind: 'task', resultVariable: behaviour.resultVariable });
  }

  getScript(_language: string, activity: { id: string }): { execute(scope: ExecutionScope, callback: Callback): void } | undefined {
    const script = this.scripts.get(activity.id);
    if (!script) return undefined;
    return {
      execute: (scope, callback) => {
        let run: ScriptRun;
        try {
          run = runScript(script.code, scope.environment.variables, this.limits);
        } catch (err) {
          return callback(new Error(`${activity.id}: ${(err as Error).message}`));
        }
        if (script.kind === 'condition') return callback(null, Boolean(run.result));
        const changed = { ...run.changed };
        if (script.resultVariable) changed[script.resultVariable] = run.result ?? null;
        if (Object.keys(changed).length) {
          scope.environment.assignVariables(changed);
          this.onVariables(changed);
        }
        return callback(null, changed);
      },
    };
  }
}
