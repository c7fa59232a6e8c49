import type { Variables } from './variables';

/**
 * The variables Camunda 7 names for a multi-instance loop, read from bpmn-elements' messages
 * (see src/engine/multiInstance.ts). Free of engine imports: the expression grammar, which the
 * modeler bundles too, reads them.
 */

/** The message content of one instance (or of the loop as a whole) as bpmn-elements builds it. */
export interface LoopContent {
  isMultiInstance?: boolean;
  isSequential?: boolean;
  index?: number;
  loopCardinality?: number;
  /** Each instance's output by index; set for the instances that completed (the completion condition's message). */
  loopOutput?: unknown[];
  [k: string]: unknown;
}

export const LOOP_VARIABLES = ['nrOfInstances', 'nrOfCompletedInstances', 'nrOfActiveInstances', 'loopCounter'];

/** A loop variable for an expression evaluated on a multi-instance message, or undefined. */
export function loopVariable(name: string, content: LoopContent | undefined): { value: unknown } | undefined {
  if (!content?.isMultiInstance || !LOOP_VARIABLES.includes(name)) return undefined;
  const total = Number(content.loopCardinality ?? 0);
  const completed = Array.isArray(content.loopOutput) ? content.loopOutput.filter((o) => o !== undefined).length : undefined;
  switch (name) {
    case 'nrOfInstances':
      return { value: total };
    case 'loopCounter':
      return content.index === undefined ? undefined : { value: content.index };
    case 'nrOfCompletedInstances':
      return completed === undefined ? undefined : { value: completed };
    default:
      // Camunda runs a sequential loop's instances one at a time, a parallel loop's all at once.
      return completed === undefined ? undefined : { value: content.isSequential ? 1 : total - completed };
  }
}

/** A multi-instance user task's own locals: its item and loopCounter, from its instance's message. */
export function instanceLocals(content: LoopContent, elementVariable: string | undefined): Variables {
  if (!content.isMultiInstance || content.index === undefined) return {};
  const locals: Variables = { loopCounter: content.index, nrOfInstances: content.loopCardinality };
  if (elementVariable && elementVariable in content) locals[elementVariable] = content[elementVariable];
  return locals;
}

/** Whether an activity message is the loop as a whole rather than one of its instances. */
export function isLoopRoot(content: LoopContent): boolean {
  return Boolean(content.isMultiInstance) && content.index === undefined;
}

