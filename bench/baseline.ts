import BpmnModdle from 'bpmn-moddle';
import camundaDescriptor from 'camunda-bpmn-moddle/resources/camunda.json';
import * as Elements from 'bpmn-elements';
import serializer, { TypeResolver } from 'moddle-context-serializer';
import { Engine } from 'bpmn-engine';
import { msSince, now, nsToMs, percentile } from './stats';

/**
 * The same process in plain in-memory bpmn-engine: default elements, default (real setTimeout)
 * timers, no persistence. The diagram is parsed once and shared as a sourceContext, as our engine
 * does, so the comparison measures persistence and bookkeeping rather than XML parsing.
 */
export interface BaselineResult {
  instances: number;
  completions: number;
  startSeconds: number;
  completeSeconds: number;
  signalP50: number;
  signalP99: number;
  wallSeconds: number;
}

interface PostponedApi {
  id: string;
  type: string;
  executionId: string;
}

interface Execution {
  getPostponed(): PostponedApi[];
  signal(message: { id: string; executionId: string }): void;
}

export async function compileForBaseline(xml: string): Promise<unknown> {
  const moddle = new BpmnModdle({ camunda: camundaDescriptor });
  const parsed = await moddle.fromXML(xml.trim(), 'bpmn:Definitions');
  return serializer(parsed as never, TypeResolver(Elements as never));
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

async function waitingUserTask(execution: Execution): Promise<PostponedApi> {
  for (let i = 0; i < 10; i++) {
    const task = execution.getPostponed().find((a) => a.type === 'bpmn:UserTask');
    if (task) return task;
    await tick();
  }
  throw new Error('baseline: no waiting user task');
}

export async function runBaseline(xml: string, n: number, tasksPerInstance: number): Promise<BaselineResult> {
  const sourceContext = await compileForBaseline(xml);
  const wall = now();
  const running: { execution: Execution; ended: Promise<unknown> }[] = [];

  const t0 = now();
  for (let i = 0; i < n; i++) {
    const engine = new Engine({ name: `baseline-${i}`, sourceContext } as never);
    const ended = new Promise((resolve, reject) => {
      engine.once('end', resolve);
      engine.once('error', reject);
    });
    const execution = (await engine.execute({ variables: {} } as never)) as unknown as Execution;
    running.push({ execution, ended });
  }
  const startSeconds = msSince(t0) / 1000;

  const signalMs: number[] = [];
  const t1 = now();
  for (let round = 0; round < tasksPerInstance; round++) {
    for (const { execution } of running) {
      const task = await waitingUserTask(execution);
      const s = now();
      execution.signal({ id: task.id, executionId: task.executionId });
      signalMs.push(nsToMs(now() - s));
    }
  }
  await Promise.all(running.map((r) => r.ended));
  const completeSeconds = msSince(t1) / 1000;

  return {
    instances: n,
    completions: signalMs.length,
    startSeconds,
    completeSeconds,
    signalP50: percentile(signalMs, 50),
    signalP99: percentile(signalMs, 99),
    wallSeconds: msSince(wall) / 1000,
  };
}
