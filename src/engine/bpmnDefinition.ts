import BpmnModdle from 'bpmn-moddle';
import camundaDescriptor from 'camunda-bpmn-moddle/resources/camunda.json';
import * as Elements from 'bpmn-elements';
import serializer, { TypeResolver } from 'moddle-context-serializer';
import { EXTERNAL_TASK_TYPES, supportProblems, type ModdleNode } from '../contract/bpmnSupport';
import { readCallMapping, type CallMapping } from './callActivities';
import { invalidBpmn, WorkflowError } from './errors';
import { rewriteForEngine, ScopeErrorEventDefinition } from './eventSubProcesses';
import { readInputOutput, type InputOutput } from './inputOutput';
import { RepeatingMessageEventDefinition, RepeatingSignalEventDefinition } from './repeatingEvents';
import { MultiInstanceSubProcess } from './multiInstance';
import { expressionProblems } from './expressions';
import { readTaskForm, type TaskFormDefinition } from './taskForms';
import { resolveTimer, type TimerType } from './timerExpressions';
import { reservedVariableNames } from './variables';
import { WorkingTimeTimerEventDefinition } from './workingTimeTimer';

/** A moddle element as we read it: loosely typed, because moddle builds it from descriptors. */
export interface ModdleElement {
  $type: string;
  id?: string;
  name?: string;
  isExecutable?: boolean;
  extensionElements?: { values?: ModdleElement[] };
  eventDefinitions?: ModdleElement[];
  flowElements?: ModdleElement[];
  values?: ModdleElement[];
  value?: string;
  body?: string;
  timeDuration?: ModdleElement;
  timeDate?: ModdleElement;
  timeCycle?: ModdleElement;
  rootElements?: ModdleElement[];
  [k: string]: unknown;
}

/** An event that asks to notify a role (SOP: the superior of a late task, or the role itself as a reminder). */
export interface NotifyRequest {
  role: string;
  reason: string;
  /** The task whose deadline triggered it (the boundary event's host), for the message. */
  taskName: string | undefined;
}

/** A message or signal an element waits for (catch, boundary, receive task, start), by its name. */
export interface EventTrigger {
  elementId: string;
  kind: 'message' | 'signal';
  name: string;
}

export interface TimerStartEvent {
  elementId: string;
  timerType: 'timeDuration' | 'timeDate' | 'timeCycle';
  value: string;
  workingTime: boolean;
}

/** A group a diagram names literally (not through `${…}`), and where: deployment checks that it exists. */
export interface GroupReference {
  elementId: string;
  attribute: 'candidateGroups' | 'candidateStarterGroups';
  /** The group's id: for `pejabat-penghubung:${opd}` or `keuangan:dinkes`, the part before ":". */
  group: string;
}

/** What we know about one executable process of a deployed diagram, read once. */
export interface ProcessModel {
  key: string;
  name: string | undefined;
  candidateStarterGroups: string[];
  candidateStarterUsers: string[];
  /** Every group its user tasks and starters name literally. */
  groupReferences: GroupReference[];
  properties: Record<string, string>;
  /** Timer events counted in working time (their own or their process's `calendar=hari-kerja`). */
  workingTimeTimers: Set<string>;
  /** Each boundary or intermediate timer's `timeDuration` as written (P3D, `${…}`), by element id. */
  timerDurations: Map<string, string>;
  /** Each user task's `camunda:dueDate` as written, by element id. */
  taskDueDates: Map<string, string>;
  /** The timer boundary events attached to each activity, by the activity's id (a deadline extension moves them). */
  boundaryTimers: Map<string, string[]>;
  timerStartEvents: TimerStartEvent[];
  /** `camunda:initiator` of the process's none start event: the variable that gets the starting user's username. */
  initiatorVariable: string | undefined;
  elementNames: Map<string, string>;
  /**
   * Each flow node's kind, by id: its BPMN type with its event definitions' (`bpmn:BoundaryEvent
   * bpmn:TimerEventDefinition`), so instance migration maps a wait only onto the same kind of wait.
   */
  elementKinds: Map<string, string>;
  /** Each boundary event's host activity, by id. */
  attachedTo: Map<string, string>;
  /** Each call activity's camunda:in/out, by element id; absent for one without any (all variables pass). */
  callMappings: Map<string, CallMapping>;
  /** Whether any call activity exists, so runs of processes without one skip the call bookkeeping. */
  hasCallActivities: boolean;
  /** Elements carrying `camunda:property name="notify"`, by id. */
  notifications: Map<string, NotifyRequest>;
  /** Each user task's documentation and `camunda:formData`, by element id. */
  taskForms: Map<string, TaskFormDefinition>;
  /** Elements that wait for a message or signal, by id (their waits become event_subscriptions rows). */
  eventCatches: Map<string, EventTrigger>;
  /** The process's message or signal start event (the support table allows only one start then). */
  eventStart: EventTrigger | undefined;
  /** Each external task's `camunda:topic`, by element id (service, send and business rule tasks). */
  externalTopics: Map<string, string>;
  /** Serialized moddle context for bpmn-engine's `sourceContext`, with only this process executable. */
  sourceContext: unknown;
  /** Ids the engine's copy of the diagram adds (src/engine/eventSubProcesses.ts); never shown. */
  synthetic: Set<string>;
  /** Each user task's or sub-process's camunda:inputOutput, by element id. */
  inputOutput: Map<string, InputOutput>;
  /** Each multi-instance activity by id, with its element variable (with a collection; `item` unless named). */
  multiInstance: Map<string, string | undefined>;
}

/** A diagram parsed and compiled for bpmn-engine (parse once, run many); one model per executable process. */
export interface CompiledDiagram {
  processes: ProcessModel[];
}

export const WORKING_CALENDAR = 'hari-kerja';

// A manual task is work done outside any system (Camunda 7): the engine passes through it as
// through a plain task, instead of bpmn-elements' default of waiting for a signal.
// Service, send and business rule tasks are external tasks (Camunda 7): the instance waits for a
// worker as it waits for a person, so they wait for a signal like a user task. An error end event
// fails its scope up to its catcher (src/engine/eventSubProcesses.ts). A sub-process's
// multi-instance instances each get their item as a local variable (Camunda 7). A
// non-interrupting message or signal boundary event waits again after each delivery.
const typeResolver = TypeResolver({
  ...Elements,
  ManualTask: Elements.Task,
  ServiceTask: Elements.SignalTask,
  SendTask: Elements.SignalTask,
  BusinessRuleTask: Elements.SignalTask,
  SubProcess: MultiInstanceSubProcess,
  ErrorEventDefinition: ScopeErrorEventDefinition,
  TimerEventDefinition: WorkingTimeTimerEventDefinition,
  MessageEventDefinition: RepeatingMessageEventDefinition,
  SignalEventDefinition: RepeatingSignalEventDefinition,
});

export function camundaProperties(element: ModdleElement | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const ext of element?.extensionElements?.values ?? []) {
    if (ext.$type !== 'camunda:Properties') continue;
    for (const p of ext.values ?? []) {
      if (typeof p.name === 'string') out[p.name] = String(p.value ?? '');
    }
  }
  return out;
}

function list(value: unknown): string[] {
  return typeof value === 'string' ? value.split(',').map((s) => s.trim()).filter(Boolean) : [];
}

/**
 * The group ids a candidate list names: each entry's part before ":" (the OPD after it may be
 * `${opd}`), unless that part is itself an expression, known only when an instance runs.
 */
export function namedGroups(value: unknown): string[] {
  return list(value)
    .map((entry) => entry.split(':')[0].trim())
    .filter((id) => id && !id.includes('${'));
}

function groupReferences(proc: ModdleElement): GroupReference[] {
  const refs: GroupReference[] = namedGroups(proc.candidateStarterGroups).map((group) => ({ elementId: proc.id as string, attribute: 'candidateStarterGroups', group }));
  for (const el of walk(proc.flowElements)) {
    if (el.$type !== 'bpmn:UserTask' || !el.id) continue;
    for (const group of namedGroups(el.candidateGroups)) refs.push({ elementId: el.id, attribute: 'candidateGroups', group });
  }
  return refs;
}

function* walk(elements: ModdleElement[] | undefined): Generator<ModdleElement> {
  for (const el of elements ?? []) {
    yield el;
    if (el.flowElements) yield* walk(el.flowElements);
  }
}

function readProcess(proc: ModdleElement, sourceContext: unknown): ProcessModel {
  const properties = camundaProperties(proc);
  const processWorkingTime = properties.calendar === WORKING_CALENDAR;
  const workingTimeTimers = new Set<string>();
  const timerDurations = new Map<string, string>();
  const taskDueDates = new Map<string, string>();
  const boundaryTimers = new Map<string, string[]>();
  const timerStartEvents: TimerStartEvent[] = [];
  const elementNames = new Map<string, string>();
  const elementKinds = new Map<string, string>();
  const attachedTo = new Map<string, string>();
  const notifications = new Map<string, NotifyRequest>();
  const taskForms = new Map<string, TaskFormDefinition>();
  const externalTopics = new Map<string, string>();
  const multiInstance = new Map<string, string | undefined>();
  const inputOutput = new Map<string, InputOutput>();
  // moddle fills `incoming` only from explicit <incoming> children; sequence flows always say it.
  const sourceOf = new Map<string, ModdleElement>();
  for (const el of walk(proc.flowElements)) {
    const target = el.targetRef as ModdleElement | undefined;
    if (el.$type === 'bpmn:SequenceFlow' && target?.id) sourceOf.set(target.id, el.sourceRef as ModdleElement);
  }
  let hasCallActivities = false;
  const callMappings = new Map<string, CallMapping>();
  let initiatorVariable: string | undefined;
  const eventCatches = new Map<string, EventTrigger>();
  let eventStart: EventTrigger | undefined;
  for (const el of walk(proc.flowElements)) {
    const trigger = eventTrigger(el);
    if (!trigger) continue;
    eventCatches.set(trigger.elementId, trigger);
    if (el.$type === 'bpmn:StartEvent' && (proc.flowElements ?? []).includes(el)) eventStart = trigger;
  }
  for (const el of proc.flowElements ?? []) {
    if (el.$type === 'bpmn:StartEvent' && typeof el.initiator === 'string' && el.initiator.trim()) initiatorVariable = readInitiator(el.id ?? '?', el.initiator);
  }
  for (const el of walk(proc.flowElements)) {
    if (el.$type === 'bpmn:CallActivity') {
      hasCallActivities = true;
      const mapping = readCallMapping((el.extensionElements?.values ?? []) as never);
      if (mapping && el.id) callMappings.set(el.id, mapping);
    }
    if (el.id && el.name) elementNames.set(el.id, el.name);
    if (el.id && el.$type !== 'bpmn:SequenceFlow') elementKinds.set(el.id, [el.$type, ...(el.eventDefinitions ?? []).map((d) => d.$type)].join(' '));
    const host = el.attachedToRef as ModdleElement | undefined;
    if (el.id && host?.id) attachedTo.set(el.id, host.id);
    if (el.id && EXTERNAL_TASK_TYPES.includes(el.$type) && typeof el.topic === 'string') externalTopics.set(el.id, el.topic.trim());
    const io = el.id && (el.$type === 'bpmn:UserTask' || el.$type === 'bpmn:SubProcess') ? readInputOutput((el.extensionElements?.values ?? []) as never) : undefined;
    if (io) inputOutput.set(el.id!, io);
    const loop = el.loopCharacteristics as ModdleElement | undefined;
    if (el.id && loop) multiInstance.set(el.id, typeof loop.collection !== 'string' ? undefined : typeof loop.elementVariable === 'string' && loop.elementVariable.trim() ? loop.elementVariable.trim() : 'item');
    if (el.id && el.$type === 'bpmn:UserTask') {
      taskForms.set(el.id, readTaskForm(el));
      checkDueDate(el.id, el.dueDate);
      if (typeof el.dueDate === 'string' && el.dueDate.trim()) taskDueDates.set(el.id, el.dueDate.trim());
    }
    const props = camundaProperties(el);
    if (el.id && props.notify) notifications.set(el.id, { role: props.notify, reason: props.reason ?? 'pemberitahuan', taskName: hostTaskName(sourceOf.get(el.id)) });
    const timer = el.eventDefinitions?.find((d) => d.$type === 'bpmn:TimerEventDefinition');
    if (!timer || !el.id) continue;
    checkTimerValues(el.id, timer);
    if (el.$type === 'bpmn:BoundaryEvent' && host?.id) boundaryTimers.set(host.id, [...(boundaryTimers.get(host.id) ?? []), el.id]);
    const own = camundaProperties(el).calendar;
    const workingTime = own ? own === WORKING_CALENDAR : processWorkingTime;
    if (workingTime) workingTimeTimers.add(el.id);
    const duration = timer.timeDuration?.body;
    if (el.$type !== 'bpmn:StartEvent' && typeof duration === 'string' && duration.trim()) timerDurations.set(el.id, duration.trim());
    // Only the process's own start events start it; one in an event sub-process belongs to that scope.
    if (el.$type === 'bpmn:StartEvent' && el.$parent === proc) {
      for (const timerType of ['timeCycle', 'timeDate', 'timeDuration'] as const) {
        const body = timer[timerType]?.body;
        if (body) {
          timerStartEvents.push({ elementId: el.id, timerType, value: body.trim(), workingTime });
          break;
        }
      }
    }
  }
  return {
    key: proc.id as string,
    name: proc.name,
    candidateStarterGroups: list(proc.candidateStarterGroups),
    candidateStarterUsers: list(proc.candidateStarterUsers),
    groupReferences: groupReferences(proc),
    properties,
    workingTimeTimers,
    timerDurations,
    taskDueDates,
    boundaryTimers,
    timerStartEvents,
    initiatorVariable,
    elementNames,
    elementKinds,
    attachedTo,
    callMappings,
    hasCallActivities,
    notifications,
    taskForms,
    eventCatches,
    eventStart,
    externalTopics,
    sourceContext,
    synthetic: new Set(),
    multiInstance,
    inputOutput,
  };
}

const catching = new Set(['bpmn:StartEvent', 'bpmn:IntermediateCatchEvent', 'bpmn:BoundaryEvent']);

/** What an element waits for: a receive task's message, a catching event's message or signal. */
function eventTrigger(el: ModdleElement): EventTrigger | undefined {
  if (!el.id) return undefined;
  const nameOf = (ref: unknown) => String((ref as ModdleElement | undefined)?.name ?? '').trim();
  if (el.$type === 'bpmn:ReceiveTask') return { elementId: el.id, kind: 'message', name: nameOf(el.messageRef) };
  if (!catching.has(el.$type)) return undefined;
  for (const d of el.eventDefinitions ?? []) {
    if (d.$type === 'bpmn:MessageEventDefinition') return { elementId: el.id, kind: 'message', name: nameOf(d.messageRef) };
    if (d.$type === 'bpmn:SignalEventDefinition') return { elementId: el.id, kind: 'signal', name: nameOf(d.signalRef) };
  }
  return undefined;
}

/** `camunda:initiator` names a variable: a plain name, never one that reaches a prototype. */
function readInitiator(elementId: string, value: string): string {
  const name = value.trim();
  if (!/^[A-Za-z_][\w]*$/.test(name) || reservedVariableNames.includes(name)) {
    throw invalidBpmn(`start event ${elementId}: camunda:initiator "${name}" is not a variable name`);
  }
  return name;
}

/** The task a notification is about: the host of the boundary event that leads to it. */
function hostTaskName(source: ModdleElement | undefined): string | undefined {
  const host = (source?.attachedToRef as ModdleElement | undefined) ?? source;
  return host?.name;
}

/** A timer value that cannot be read fails the deployment, not an instance months later. */
function checkTimerValues(elementId: string, timer: ModdleElement): void {
  const values = (['timeDuration', 'timeDate', 'timeCycle'] as const).filter((t) => timer[t]?.body?.trim());
  if (values.length === 0) throw invalidBpmn(`timer ${elementId} has no timeDuration, timeDate or timeCycle`);
  for (const type of values) {
    const value = timer[type]!.body!.trim();
    if (value.includes('${')) continue; // resolved per instance
    try {
      resolveTimer(type as TimerType, value, new Date(0));
    } catch (err) {
      throw invalidBpmn(`timer ${elementId}: ${(err as Error).message}`);
    }
  }
}

/** Like a timer: a due date that cannot be read (or is years long) fails the deployment. */
function checkDueDate(elementId: string, dueDate: unknown): void {
  if (typeof dueDate !== 'string' || !dueDate.trim() || dueDate.includes('${')) return;
  const value = dueDate.trim();
  try {
    resolveTimer(/^P/i.test(value) ? 'timeDuration' : 'timeDate', value, new Date(0));
  } catch (err) {
    throw invalidBpmn(`task ${elementId}: camunda:dueDate: ${(err as Error).message}`);
  }
}

interface ModdleWarning {
  message: string;
  line?: number;
  column?: number;
}

/**
 * Parses and validates BPMN XML. Rejects DTDs and entities outright (no entity expansion, no
 * external fetches), then requires bpmn-moddle to read it without a warning and to find an
 * executable process. Throws a 400 naming the problem, with line/column when the parser has one.
 */
export async function compileDiagram(xml: string): Promise<CompiledDiagram> {
  if (typeof xml !== 'string' || !xml.trim()) throw invalidBpmn('the diagram XML is empty');
  const dtd = /<!(DOCTYPE|ENTITY)/i.exec(xml);
  if (dtd) {
    const line = xml.slice(0, dtd.index).split('\n').length;
    throw invalidBpmn(`a DTD or entity declaration is not allowed (line ${line})`);
  }
  const moddle = new BpmnModdle({ camunda: camundaDescriptor });
  let parsed: { rootElement: ModdleElement; warnings: ModdleWarning[] };
  try {
    // Not trimmed: the parser's line/column must count from the text as submitted.
    parsed = (await moddle.fromXML(xml, 'bpmn:Definitions')) as unknown as typeof parsed;
  } catch (err) {
    throw invalidBpmn(describeParseError(err));
  }
  // One answer lists every problem: what the parser warned about, then what the engine does not run.
  const problems = [
    ...parsed.warnings.filter((w) => !isHarmlessEncoding(w, xml)).map((w) => describeParseError(w)),
    ...supportProblems(parsed.rootElement as unknown as ModdleNode, expressionProblems).map((p) => p.message),
  ];
  if (problems.length) throw invalidBpmn(problems.join('; '));
  const executable = (parsed.rootElement.rootElements ?? []).filter((e) => e.$type === 'bpmn:Process' && e.isExecutable);
  if (executable.length === 0) throw invalidBpmn('the diagram has no executable process (isExecutable="true")');
  try {
    // Read as drawn; then every process is rewritten for the engine before any is serialized.
    const models = executable.map((proc) => readProcess(proc, undefined));
    executable.forEach((proc, i) => (models[i].synthetic = rewriteForEngine(moddle as never, parsed as never, proc).synthetic));
    executable.forEach((proc, i) => (models[i].sourceContext = serializeFor(parsed, proc, executable)));
    return { processes: models };
  } catch (err) {
    // The support table should have refused whatever the engine cannot read; a well-formed file is never a 500.
    if (err instanceof WorkflowError) throw err;
    throw invalidBpmn(`the diagram could not be read: ${(err as Error).message}`);
  }
}

/**
 * The XML arrives as a JSON string, already decoded, so its declared encoding says nothing about
 * its bytes; saxen only warns that it reads UTF-8. Pure ASCII reads the same in any of them.
 */
function isHarmlessEncoding(warning: ModdleWarning, xml: string): boolean {
  // eslint-disable-next-line no-control-regex
  return /unsupported document encoding/i.test(warning.message) && /^[\x00-\x7f]*$/.test(xml.replace(/^\uFEFF/, ''));
}

/**
 * bpmn-engine runs every executable process of a definition; to run one of several (an SOP with
 * a monthly recap beside its complaint flow) we serialize a context in which only it is executable.
 */
function serializeFor(parsed: { rootElement: ModdleElement }, proc: ModdleElement, executable: ModdleElement[]): unknown {
  const others = executable.filter((p) => p !== proc);
  for (const p of others) p.isExecutable = false;
  try {
    return withSerializedOnce(serializer(parsed as never, typeResolver));
  } finally {
    for (const p of others) p.isExecutable = true;
  }
}

/**
 * bpmn-engine's getState re-serializes the whole source context into every state it returns
 * (JSON.stringify of all elements, on every command), and processRuntime drops it again, since we
 * keep the diagram per version. The context is compiled once and never changed afterwards, so its
 * text is computed once.
 */
function withSerializedOnce<T>(context: T): T {
  const ctx = context as { serialize?: () => string };
  const serialize = ctx.serialize?.bind(ctx);
  if (serialize) {
    let text: string | undefined;
    ctx.serialize = () => (text ??= serialize());
  }
  return context;
}

function describeParseError(err: unknown): string {
  const e = err as ModdleWarning & { error?: { message?: string } };
  let message = String(e?.message ?? err).split('\n')[0];
  const where = /line:\s*(\d+)\s*\n?\s*column:\s*(\d+)/i.exec(String(e?.message ?? ''));
  // saxen counts lines and columns from 0; editors count from 1.
  if (where) message += ` (line ${Number(where[1]) + 1}, column ${Number(where[2]) + 1})`;
  else if (e?.line !== undefined) message += ` (line ${e.line + 1}, column ${(e.column ?? 0) + 1})`;
  return message;
}
