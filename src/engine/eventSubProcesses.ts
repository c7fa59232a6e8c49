import * as Elements from 'bpmn-elements';
import { findCatcher } from '../contract/eventScopes';
import type { ModdleElement } from './bpmnDefinition';

/**
 * Event sub-processes with Camunda 7 semantics, on an engine (bpmn-elements) that only starts
 * them on messages and signals and never interrupts their scope. Before a diagram is compiled for
 * bpmn-engine, each scope (process or sub-process) holding event sub-processes is rewritten into
 * what bpmn-elements runs natively and durably:
 *
 *   scope: [normal content…, event sub-process E (start T: timer/error/escalation)]
 *   becomes
 *   scope: [<scope>__scope: sub-process holding the normal content,
 *           boundary event T on it (interrupting as T is), flow T → E, E as a plain sub-process]
 *
 * The boundary is armed when the scope's content starts and disarmed when it ends (a timer is
 * then an ordinary durable timer job); an interrupting one cancels the content and runs E, after
 * which the scope ends; a non-interrupting one runs E beside it and the scope ends when both
 * have. An error end or escalation inside the content reaches the boundary as it would reach E.
 * The boundary keeps T's id, so jobs, history and the working calendar name the start event.
 * Only the engine's copy is rewritten: the stored XML and the modeler keep the diagram as drawn.
 */

export interface Rewritten {
  /** Ids the rewrite added; the runtime leaves them out of history and the active elements. */
  synthetic: Set<string>;
}

interface Factory {
  create(type: string, attrs: Record<string, unknown>): ModdleElement;
}

/** What bpmn-moddle's parse returns beside the tree, which moddle-context-serializer reads flows from. */
export interface ParseContext {
  references: { element: ModdleElement; property: string; id: string }[];
  elementsById: Record<string, ModdleElement>;
}

const isEventSubProcess = (el: ModdleElement) => el.$type === 'bpmn:SubProcess' && el.triggeredByEvent === true;

export function rewriteForEngine(moddle: Factory, parsed: ParseContext, proc: ModdleElement): Rewritten {
  const synthetic = new Set<string>();
  interruptingEscalationsAsErrors(moddle, parsed, proc);
  rewriteScope(moddle, parsed, proc, synthetic);
  return { synthetic };
}

function rewriteScope(moddle: Factory, parsed: ParseContext, scope: ModdleElement, synthetic: Set<string>): void {
  const create = (type: string, attrs: Record<string, unknown>, parent: ModdleElement) => {
    const el = moddle.create(type, attrs);
    el.$parent = parent;
    parsed.elementsById[el.id!] = el;
    return el;
  };
  const elements = scope.flowElements ?? [];
  for (const el of elements) {
    if (el.$type === 'bpmn:SubProcess') rewriteScope(moddle, parsed, el, synthetic);
    if (el.loopCharacteristics) normalizeCollection(el.loopCharacteristics as ModdleElement);
  }
  const eventSubs = elements.filter(isEventSubProcess);
  if (eventSubs.length === 0) return;

  const content = elements.filter((el) => !eventSubs.includes(el));
  const wrapper = create('bpmn:SubProcess', { id: `${scope.id}__scope`, flowElements: content }, scope);
  for (const el of content) el.$parent = wrapper;
  synthetic.add(wrapper.id!);

  const added: ModdleElement[] = [wrapper];
  for (const sub of eventSubs) {
    const start = (sub.flowElements ?? []).find((el) => el.$type === 'bpmn:StartEvent')!;
    const boundary = create('bpmn:BoundaryEvent', {
      id: start.id,
      name: start.name,
      attachedToRef: wrapper,
      cancelActivity: start.isInterrupting !== false,
      eventDefinitions: start.eventDefinitions,
      extensionElements: start.extensionElements,
    }, scope);
    // E now starts from a none start event that takes T's outgoing flows.
    const entry = create('bpmn:StartEvent', { id: `${start.id}__enter`, outgoing: start.outgoing ?? [] }, sub);
    for (const flow of (sub.flowElements ?? []).filter((el) => el.$type === 'bpmn:SequenceFlow' && el.sourceRef === start)) flow.sourceRef = entry;
    for (const ref of parsed.references) if (ref.property === 'bpmn:sourceRef' && ref.id === start.id) ref.id = entry.id!;
    sub.flowElements = (sub.flowElements ?? []).map((el) => (el === start ? entry : el));
    sub.triggeredByEvent = false;
    const trigger = create('bpmn:SequenceFlow', { id: `${sub.id}__trigger`, sourceRef: boundary, targetRef: sub }, scope);
    parsed.references.push({ element: trigger, property: 'bpmn:sourceRef', id: boundary.id! }, { element: trigger, property: 'bpmn:targetRef', id: sub.id! });
    boundary.outgoing = [trigger];
    sub.incoming = [trigger];
    synthetic.add(entry.id!);
    synthetic.add(trigger.id!);
    added.push(boundary, trigger, sub);
  }
  scope.flowElements = added;
}

/**
 * An escalation caught by an interrupting event sub-process interrupts its scope at the throw, as
 * an error does: the throwing path goes no further. bpmn-elements delivers an escalation only
 * after the throwing path has moved on, so each such throw event and its catcher are given an
 * error of their own (`<catcher>__escalation`) and run as an error end and an error start.
 */
function interruptingEscalationsAsErrors(moddle: Factory, parsed: ParseContext, proc: ModdleElement): void {
  const definitions = proc.$parent as ModdleElement | undefined;
  const errors = new Map<ModdleElement, ModdleElement>();
  const errorFor = (catcher: ModdleElement, start: ModdleElement): ModdleElement => {
    let error = errors.get(catcher);
    if (!error) {
      error = moddle.create('bpmn:Error', { id: `${catcher.id}__escalation`, name: start.name ?? catcher.id, errorCode: `escalation:${catcher.id}` });
      error.$parent = definitions;
      definitions?.rootElements?.push(error);
      parsed.elementsById[error.id!] = error;
      errors.set(catcher, error);
      start.eventDefinitions = [moddle.create('bpmn:ErrorEventDefinition', { errorRef: error })];
    }
    return error;
  };
  const throwers = [...walk(proc.flowElements)].filter((el) => el.$type === 'bpmn:IntermediateThrowEvent' || el.$type === 'bpmn:EndEvent');
  // Decide every throw before changing any catcher: a changed start no longer reads as an escalation start.
  const plan: [ModdleElement, ModdleElement, ModdleElement][] = [];
  for (const thrower of throwers) {
    const definition = thrower.eventDefinitions?.find((d) => d.$type === 'bpmn:EscalationEventDefinition');
    if (!definition) continue;
    const catcher = findCatcher(thrower as never, 'bpmn:EscalationEventDefinition', definition.escalationRef) as ModdleElement | undefined;
    const start = catcher?.flowElements?.find((el) => el.$type === 'bpmn:StartEvent');
    if (catcher && start && start.isInterrupting !== false) plan.push([thrower, catcher, start]);
  }
  for (const [thrower, catcher, start] of plan) {
    thrower.eventDefinitions = [moddle.create('bpmn:ErrorEventDefinition', { errorRef: errorFor(catcher, start) })];
  }
}

function* walk(elements: ModdleElement[] | undefined): Generator<ModdleElement> {
  for (const el of elements ?? []) {
    yield el;
    if (el.flowElements) yield* walk(el.flowElements);
  }
}

/** Camunda 7 takes `camunda:collection="reviewers"` as the variable's name; the engine wants an expression. */
function normalizeCollection(loop: ModdleElement): void {
  const collection = typeof loop.collection === 'string' ? loop.collection.trim() : '';
  if (collection && !collection.includes('${')) loop.collection = `\${${collection}}`;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const ErrorBase = Elements.ErrorEventDefinition as any;

interface ThrowingThis {
  isThrowing: boolean;
  broker: { publish(exchange: string, routingKey: string, content: unknown): void };
  _getReferenceInfo(message: unknown): { message: { id?: string; name?: string; code?: string } };
}

/**
 * An error end event that fails its scope with a BPMN error, as Camunda 7 does: the error travels
 * up through the enclosing sub-processes (none of them completes, nothing after them runs) to the
 * event sub-process that catches its code. bpmn-elements' own throw completes the end event and
 * its sub-process first and lets the catch arrive afterwards, so a flow after the sub-process ran.
 */
export function ScopeErrorEventDefinition(this: ThrowingThis, activity: unknown, eventDefinition: unknown) {
  ErrorBase.call(this, activity, eventDefinition);
}
ScopeErrorEventDefinition.prototype = Object.create(ErrorBase.prototype);
ScopeErrorEventDefinition.prototype.constructor = ScopeErrorEventDefinition;
ScopeErrorEventDefinition.prototype.executeThrow = function executeThrow(this: ThrowingThis, executeMessage: { content: Record<string, unknown> }) {
  const { message } = this._getReferenceInfo(executeMessage);
  const error = new Elements.ActivityError(`BPMN error ${message.code ?? message.id}`, executeMessage as never, { code: message.code, name: BPMN_ERROR } as never);
  this.broker.publish('execution', 'execute.error', { ...executeMessage.content, error });
};

/** The name our thrown BPMN errors carry, so a caught error is not mistaken for an incident. */
export const BPMN_ERROR = 'BpmnError';
