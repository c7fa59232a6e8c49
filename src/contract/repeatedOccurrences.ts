/**
 * Events that can occur again while the work their previous occurrence started is still waiting:
 * a non-interrupting message or signal boundary event, a non-interrupting timer boundary event with
 * a repeating cycle, and the message or repeating-cycle start of a non-interrupting event
 * sub-process. Camunda 7 runs each occurrence's path side by side. bpmn-engine runs one execution
 * of an activity at a time: a second token reaching an activity that is still busy (a user task
 * not yet done, an event sub-process still running) waits behind the first. So such an event runs
 * here only when its path never waits — every occurrence then runs to its end in the command that
 * delivered it, exactly as in Camunda 7 — and is refused at deploy otherwise, naming the element
 * and where its path would wait. Part of the support table's walk (server and modeler lint).
 */
import { EXTERNAL_TASK_TYPES, type ModdleNode } from './bpmnSupport';

type Add = (node: ModdleNode, message: string) => void;

const definitionsOf = (node: ModdleNode): ModdleNode[] => ((node.eventDefinitions as ModdleNode[] | undefined) ?? []);
const flowElementsOf = (node: ModdleNode | undefined): ModdleNode[] => ((node?.flowElements as ModdleNode[] | undefined) ?? []);
// Sequence flows by their refs: `incoming`/`outgoing` exist only where the XML lists them.
const flowsOf = (scope: ModdleNode | undefined): ModdleNode[] => flowElementsOf(scope).filter((e) => e.$type === 'bpmn:SequenceFlow');
const label = (node: ModdleNode): string => (node.id ? `${node.id} (${node.$type})` : node.$type);

/** Whether a timeCycle may fire more than once: `R/…`, `Rn/…` with n > 1, or an expression. */
export function cycleRepeats(timeCycle: string): boolean {
  const text = timeCycle.trim();
  if (text.includes('${')) return true;
  const m = /^R(\d*)\//i.exec(text);
  return !m || m[1] === '' || Number(m[1]) > 1;
}

/** Whether this event definition can occur more than once while its scope lasts. */
function occursAgain(definition: ModdleNode | undefined): boolean {
  if (!definition) return false;
  if (definition.$type === 'bpmn:MessageEventDefinition' || definition.$type === 'bpmn:SignalEventDefinition') return true;
  const cycle = (definition.timeCycle as { body?: string } | undefined)?.body;
  return definition.$type === 'bpmn:TimerEventDefinition' && typeof cycle === 'string' && cycleRepeats(cycle);
}

/** Activities and events where a token stays between commands (a later command moves it on). */
function waitsAt(node: ModdleNode): boolean {
  switch (node.$type) {
    case 'bpmn:UserTask':
    case 'bpmn:ReceiveTask':
    case 'bpmn:IntermediateCatchEvent':
    case 'bpmn:EventBasedGateway':
    case 'bpmn:CallActivity':
      return true;
    case 'bpmn:ParallelGateway':
      // A join waits for its other inbound tokens.
      return flowsOf(node.$parent).filter((f) => f.targetRef === node).length > 1;
    case 'bpmn:SubProcess':
      return firstWaitInside(node) !== undefined;
    default:
      return EXTERNAL_TASK_TYPES.includes(node.$type);
  }
}

/** The first element of a scope's content (nested scopes included) where a token would wait. */
function firstWaitInside(scope: ModdleNode): ModdleNode | undefined {
  for (const element of flowElementsOf(scope)) {
    if (element.$type === 'bpmn:SubProcess') {
      const inner = firstWaitInside(element);
      if (inner) return inner;
    } else if (element.$type !== 'bpmn:BoundaryEvent' && waitsAt(element)) {
      return element;
    }
  }
  return undefined;
}

/** The first element reachable along sequence flows from `from` where a token would wait. */
function firstWaitAlong(from: ModdleNode): ModdleNode | undefined {
  const seen = new Set<ModdleNode>();
  const queue: ModdleNode[] = [from];
  while (queue.length) {
    const node = queue.shift()!;
    for (const flow of flowsOf(node.$parent).filter((f) => f.sourceRef === node)) {
      const target = flow.targetRef as ModdleNode | undefined;
      if (!target || seen.has(target)) continue;
      seen.add(target);
      if (waitsAt(target)) return target.$type === 'bpmn:SubProcess' ? firstWaitInside(target) ?? target : target;
      queue.push(target);
    }
  }
  return undefined;
}

/** The rule for one element of the walk: boundary events and the start events of event sub-processes. */
export function checkRepeatedOccurrences(node: ModdleNode, add: Add): void {
  if (node.$type === 'bpmn:BoundaryEvent' && node.cancelActivity === false && occursAgain(definitionsOf(node)[0])) {
    const wait = firstWaitAlong(node);
    if (wait) {
      add(
        node,
        `${label(node)}: a non-interrupting boundary event that can occur again is not run while its path waits at ${label(wait)}: a second occurrence would wait behind the first, where Camunda 7 runs both; make it interrupting, or let its path end without waiting`,
      );
    }
    return;
  }
  const scope = node.$parent;
  if (node.$type === 'bpmn:StartEvent' && scope?.$type === 'bpmn:SubProcess' && scope.triggeredByEvent === true && node.isInterrupting === false && occursAgain(definitionsOf(node)[0])) {
    const wait = firstWaitInside(scope);
    if (wait) {
      add(
        node,
        `${label(node)}: a non-interrupting event sub-process start that can occur again is not run while its event sub-process waits at ${label(wait)}: a second occurrence would wait behind the first, where Camunda 7 runs both; make it interrupting, or let the event sub-process end without waiting`,
      );
    }
  }
}
