/**
 * The deploy-time rules for event sub-processes, the errors and escalations they catch, start
 * events inside sub-processes, and multi-instance activities: what of each runs with Camunda 7
 * semantics here, and a reason for what does not. Called from the support table's walk; free of
 * Node imports like it (the modeler's lint rule runs it too).
 */
import type { ModdleNode } from './bpmnSupport';

type Add = (node: ModdleNode, message: string) => void;

/** The event definitions an event sub-process may start on here. */
const EVENT_SUB_PROCESS_STARTS = ['bpmn:TimerEventDefinition', 'bpmn:MessageEventDefinition', 'bpmn:ErrorEventDefinition', 'bpmn:EscalationEventDefinition'];

/** Activities that may carry a multi-instance marker here. */
const MULTI_INSTANCE_HOSTS = ['bpmn:UserTask', 'bpmn:SubProcess', 'bpmn:CallActivity'];

const children = (node: ModdleNode | undefined): ModdleNode[] => ((node?.flowElements as ModdleNode[] | undefined) ?? []);
const definitionsOf = (node: ModdleNode): ModdleNode[] => ((node.eventDefinitions as ModdleNode[] | undefined) ?? []);
const isEventSubProcess = (node: ModdleNode | undefined): boolean => node?.$type === 'bpmn:SubProcess' && node.triggeredByEvent === true;
const label = (node: ModdleNode): string => (node.id ? `${node.id} (${node.$type})` : node.$type);

/** The flow-element container (process or sub-process) an element sits in. */
function scopeOf(node: ModdleNode): ModdleNode | undefined {
  for (let n = node.$parent; n; n = n.$parent) if (n.$type === 'bpmn:Process' || n.$type === 'bpmn:SubProcess') return n;
  return undefined;
}

/** The start event of an event sub-process and its one event definition. */
function triggerOf(eventSubProcess: ModdleNode): { start: ModdleNode; definition: ModdleNode } | undefined {
  const start = children(eventSubProcess).find((c) => c.$type === 'bpmn:StartEvent');
  const definition = start && definitionsOf(start)[0];
  return start && definition ? { start, definition } : undefined;
}

/**
 * The event sub-process of the nearest scope enclosing `thrower` that catches what it throws: one
 * with a start event of the same type whose error/escalation is the thrown one, or names none
 * (catch-all). Undefined when none does.
 */
export function findCatcher(thrower: ModdleNode, type: 'bpmn:ErrorEventDefinition' | 'bpmn:EscalationEventDefinition', ref: unknown): ModdleNode | undefined {
  const code = (r: unknown) => (r as { errorCode?: string; escalationCode?: string } | undefined);
  const codeOf = (r: unknown) => code(r)?.errorCode ?? code(r)?.escalationCode;
  for (let scope = scopeOf(thrower); scope; scope = scopeOf(scope)) {
    const eventSubProcesses = children(scope).filter(isEventSubProcess);
    // Thrown inside one of them: that scope's event sub-processes do not catch it; an enclosing scope's may.
    if (eventSubProcesses.some((e) => isInside(thrower, e))) continue;
    for (const candidate of eventSubProcesses) {
      const trigger = triggerOf(candidate);
      if (trigger?.definition.$type !== type) continue;
      const caught = trigger.definition[type === 'bpmn:ErrorEventDefinition' ? 'errorRef' : 'escalationRef'];
      if (!caught || caught === ref || (codeOf(caught) !== undefined && codeOf(caught) === codeOf(ref))) return candidate;
    }
  }
  return undefined;
}

function isInside(node: ModdleNode, container: ModdleNode): boolean {
  for (let n = node.$parent; n; n = n.$parent) if (n === container) return true;
  return false;
}

/** The rules of this module for one element of the walk. */
export function checkEventScopes(node: ModdleNode, add: Add): void {
  if (isEventSubProcess(node)) checkEventSubProcess(node, add);
  if (node.$type === 'bpmn:StartEvent') checkStartEvent(node, add);
  if (node.$type === 'bpmn:ErrorEventDefinition' || node.$type === 'bpmn:EscalationEventDefinition') checkThrowOrCatch(node, add);
  if (node.$type === 'bpmn:MultiInstanceLoopCharacteristics') checkMultiInstance(node, add);
}

function checkEventSubProcess(node: ModdleNode, add: Add): void {
  const name = label(node);
  const starts = children(node).filter((c) => c.$type === 'bpmn:StartEvent');
  if (starts.length !== 1) add(node, `${name}: an event sub-process needs exactly one start event`);
  const trigger = triggerOf(node);
  if (starts.length === 1 && !trigger) add(node, `${name}: an event sub-process starts on a timer, message, error or escalation start event, not a none start event`);
  if (((node.incoming as unknown[] | undefined) ?? []).length || ((node.outgoing as unknown[] | undefined) ?? []).length) {
    add(node, `${name}: an event sub-process has no sequence flows in or out`);
  }
  if (node.loopCharacteristics) add(node, `${name}: an event sub-process cannot be multi-instance`);
  const scope = scopeOf(node);
  for (const sibling of children(scope)) {
    if (sibling.$type === 'bpmn:BoundaryEvent' && sibling.attachedToRef === node) add(sibling, `${label(sibling)}: boundary events on an event sub-process are not run`);
  }
}

function checkStartEvent(node: ModdleNode, add: Add): void {
  const name = label(node);
  const definitions = definitionsOf(node);
  const scope = scopeOf(node);
  if (isEventSubProcess(scope)) {
    if (definitions.length > 1) add(node, `${name}: a start event here has one event definition`);
    const type = definitions[0]?.$type;
    if (type && !EVENT_SUB_PROCESS_STARTS.includes(type)) add(node, `${name}: an event sub-process starts on a timer, message, error or escalation here`);
    if (type === 'bpmn:ErrorEventDefinition' && node.isInterrupting === false) add(node, `${name}: an error start event is always interrupting`);
    // A non-interrupting cycle fires at each repetition while its scope runs (Camunda 7); an
    // interrupting one would end its scope at the first, which a timeDuration says plainly.
    if (type === 'bpmn:TimerEventDefinition' && definitions[0].timeCycle && node.isInterrupting !== false) {
      add(node, `${name}: an interrupting timeCycle start fires once; use timeDuration or timeDate, or make it non-interrupting`);
    }
    // A catch-all would also catch the failures of script tasks, which are incidents here.
    if (type === 'bpmn:ErrorEventDefinition' && !definitions[0].errorRef) add(node, `${name}: an error start event names the error it catches (errorRef)`);
    return;
  }
  if (scope?.$type === 'bpmn:SubProcess' && definitions.length) {
    // A sub-process starts when its flow reaches it: its start event is a none start (Camunda 7).
    add(node, `${name}: a start event in an embedded sub-process is a none start event; a timer start belongs in an event sub-process`);
    return;
  }
  for (const d of definitions) {
    if (d.$type === 'bpmn:ErrorEventDefinition' || d.$type === 'bpmn:EscalationEventDefinition') {
      add(node, `${name}: ${d.$type === 'bpmn:ErrorEventDefinition' ? 'error' : 'escalation'} start events run only in an event sub-process`);
    }
  }
}

/** Errors are thrown by end events, escalations by end or intermediate throw events; either is caught by an event sub-process. */
function checkThrowOrCatch(node: ModdleNode, add: Add): void {
  const event = node.$parent;
  if (!event || event.$type === 'bpmn:StartEvent') return; // start events: checkStartEvent
  const isError = node.$type === 'bpmn:ErrorEventDefinition';
  const what = isError ? 'error' : 'escalation';
  const throwers = isError ? ['bpmn:EndEvent'] : ['bpmn:EndEvent', 'bpmn:IntermediateThrowEvent'];
  // Error boundary events (on external tasks and sub-processes): checkErrorEvent in bpmnSupport.ts.
  if (isError && event.$type === 'bpmn:BoundaryEvent') return;
  if (!throwers.includes(event.$type)) {
    const kind = event.$type === 'bpmn:BoundaryEvent' ? 'boundary' : event.$type === 'bpmn:IntermediateThrowEvent' ? 'intermediate throw' : 'catch';
    const instead = kind === 'intermediate throw' ? 'throw it with an error end event' : `catch the ${what} with an event sub-process`;
    add(node, `${label(event)}: ${what} ${kind} events are not run here; ${instead}`);
    return;
  }
  const ref = node[isError ? 'errorRef' : 'escalationRef'];
  if (isError && !ref) {
    add(node, `${label(event)}: an error end event names its error (errorRef)`);
    return;
  }
  if (!findCatcher(event, node.$type as 'bpmn:ErrorEventDefinition', ref) && !(isError && caughtByBoundaryEvent(event, ref))) {
    // Camunda 7 ends an uncaught error's path like a none end event, and lets an uncaught escalation pass.
    add(
      node,
      isError
        ? `${label(event)}: nothing catches this error: neither an error boundary event on its embedded sub-process nor an event sub-process of an enclosing scope; add one (or use a none end event)`
        : `${label(event)}: no event sub-process of an enclosing scope catches this ${what}; add one (or use a none throw event)`,
    );
  }
}

/** Whether an error boundary event on the error end event's own embedded sub-process catches its error (by errorCode, or all). */
function caughtByBoundaryEvent(endEvent: ModdleNode, ref: unknown): boolean {
  const scope = endEvent.$parent;
  if (scope?.$type !== 'bpmn:SubProcess' || scope.triggeredByEvent) return false;
  const code = (ref as { errorCode?: string } | undefined)?.errorCode;
  return ((scope.$parent?.flowElements ?? []) as ModdleNode[]).some(
    (b) =>
      b.$type === 'bpmn:BoundaryEvent' &&
      b.attachedToRef === scope &&
      ((b.eventDefinitions ?? []) as ModdleNode[]).some(
        (d) => d.$type === 'bpmn:ErrorEventDefinition' && (!d.errorRef || (d.errorRef as { errorCode?: string }).errorCode === code),
      ),
  );
}

function checkMultiInstance(node: ModdleNode, add: Add): void {
  const host = node.$parent;
  if (!host) return;
  const name = `multi-instance on ${label(host)}`;
  if (!MULTI_INSTANCE_HOSTS.includes(host.$type)) add(node, `${name}: only user tasks, sub-processes and call activities run as multi-instance here`);
  const collection = typeof node.collection === 'string' ? node.collection.trim() : '';
  const cardinality = (node.loopCardinality as { body?: string } | undefined)?.body?.trim();
  if (!collection && !cardinality) add(node, `${name}: needs loopCardinality or camunda:collection`);
  if (collection && !/^(\$\{\s*[A-Za-z_][\w]*(?:\.[A-Za-z_][\w]*)*\s*\}|[A-Za-z_][\w]*)$/.test(collection)) {
    add(node, `${name}: camunda:collection must name a variable holding a list ("reviewers" or "\${reviewers}")`);
  }
  const element = typeof node.elementVariable === 'string' ? node.elementVariable.trim() : undefined;
  if (element !== undefined && (!/^[A-Za-z_][\w]*$/.test(element) || ['__proto__', 'constructor', 'prototype'].includes(element))) {
    add(node, `${name}: camunda:elementVariable "${element}" is not a variable name`);
  }
  if (element !== undefined && !collection) add(node, `${name}: camunda:elementVariable needs camunda:collection`);
  if (node.loopDataInputRef || node.loopDataOutputRef || node.inputDataItem || node.outputDataItem) {
    add(node, `${name}: loop data inputs and outputs are not run; use camunda:collection and camunda:elementVariable`);
  }
  for (const key of ['loopCardinality', 'completionCondition'] as const) {
    const expr = node[key] as { body?: string; language?: string } | undefined;
    if (!expr) continue;
    const body = String(expr.body ?? '').trim();
    if (expr.language && expr.language.toLowerCase() !== 'juel') add(node, `${name}: ${key} must be a \${…} expression`);
    else if (key === 'completionCondition' ? !/^\$\{[^}]*\}$/.test(body) : !/^(\d+|\$\{[^}]*\})$/.test(body)) {
      add(node, `${name}: ${key} must be ${key === 'loopCardinality' ? 'a number or ' : ''}one \${…} expression`);
    }
  }
}

/** Expressions to check against the grammar: a multi-instance marker's cardinality and completion condition. */
export function multiInstanceExpressions(node: ModdleNode): string[] {
  if (node.$type !== 'bpmn:MultiInstanceLoopCharacteristics') return [];
  return (['loopCardinality', 'completionCondition'] as const)
    .map((k) => (node[k] as { body?: string } | undefined)?.body)
    .filter((b): b is string => typeof b === 'string' && b.includes('${'));
}
