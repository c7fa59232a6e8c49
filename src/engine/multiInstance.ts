import * as Elements from 'bpmn-elements';
import { INPUT_LOCALS } from './inputOutput';
import { instanceLocals, type LoopContent } from './loopVariables';
import type { Variables } from './variables';

/**
 * Multi-instance activities with Camunda 7's variables. bpmn-elements runs the instances
 * (parallel or sequential, loopCardinality or collection, completionCondition) and carries each
 * one's item in the instance's message; Camunda's names for the loop's state are ours to supply:
 * - the element variable and `loopCounter` are local to each instance: a user task's own come
 *   from its message, and each instance of a sub-process gets them in its own scope, so
 *   everything inside sees them and the process does not;
 * - `nrOfInstances`, `nrOfCompletedInstances`, `nrOfActiveInstances` (and `loopCounter`) in a
 *   completionCondition come from the loop's message.
 */

interface ActivityLike {
  Behaviour: new (activity: ActivityLike, context: unknown) => unknown;
  behaviour: { loopCharacteristics?: { behaviour?: { elementVariable?: string; collection?: string } } };
}

interface SubProcessBehaviourLike {
  _upsertExecution(message: { content: LoopContent }): { environment: { assignVariables(v: Variables): void } };
}

/**
 * bpmn-elements' SubProcess whose scope starts with its local variables (Camunda 7): its input
 * parameters and, for each instance of a multi-instance loop, the item and loopCounter.
 */
export function MultiInstanceSubProcess(this: unknown, activityDef: unknown, context: unknown): unknown {
  const activity = (Elements.SubProcess as unknown as (d: unknown, c: unknown) => ActivityLike)(activityDef, context);
  const loop = activity.behaviour.loopCharacteristics?.behaviour;
  const elementVariable = loop?.collection ? loop.elementVariable || 'item' : undefined;
  const Base = activity.Behaviour as unknown as { prototype: SubProcessBehaviourLike };
  const upsert = Base.prototype._upsertExecution;
  function Behaviour(this: SubProcessBehaviourLike, a: ActivityLike, c: unknown) {
    (Base as unknown as (this: unknown, a: ActivityLike, c: unknown) => void).call(this, a, c);
  }
  Behaviour.prototype = Object.create(Base.prototype);
  Behaviour.prototype.constructor = Behaviour;
  Behaviour.prototype._upsertExecution = function upsertExecution(this: SubProcessBehaviourLike, message: { content: LoopContent }) {
    const execution = upsert.call(this, message);
    // The sub-process's camunda:inputParameter values (src/engine/inputOutput.ts), then its instance's item.
    const locals = { ...((message.content[INPUT_LOCALS] as Variables | undefined) ?? {}), ...instanceLocals(message.content, elementVariable) };
    if (Object.keys(locals).length) execution.environment.assignVariables(locals);
    return execution;
  };
  activity.Behaviour = Behaviour as never;
  return activity;
}
