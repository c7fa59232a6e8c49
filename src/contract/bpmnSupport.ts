/**
 * The support table: every BPMN element type and Camunda attribute the engine runs, each with a
 * note, and one check that walks a bpmn-moddle tree against it. Deployment refuses a diagram with
 * any problem this check finds (one 400 listing all of them); the modeler's bpmnlint rule reports
 * the same problems with the same words while the diagram is drawn. Free of Node imports: the web
 * build imports it too.
 */

import { checkEventScopes, multiInstanceExpressions } from './eventScopes';
import { checkRepeatedOccurrences } from './repeatedOccurrences';

/** Element types that run (or are read), with what they do here. */
export const supportedElements: Record<string, string> = {
  'bpmn:Definitions': 'the diagram',
  'bpmn:Process': 'each executable process is versioned under its id; camunda:candidateStarterGroups/Users say who may start it',
  'bpmn:Collaboration': 'pools and lanes are drawing only',
  'bpmn:Participant': 'a pool: drawing only',
  'bpmn:LaneSet': 'lanes: drawing only',
  'bpmn:Lane': 'a lane: drawing only (who acts comes from camunda:candidateGroups)',
  'bpmn:StartEvent': "none start (camunda:initiator), a timer start (timeCycle, timeDate, timeDuration), or a message or signal start (then the only start event of its process); in an event sub-process a timer start (timeDuration or timeDate, interrupting or not; timeCycle non-interrupting, once per repetition while its scope runs), a message start (interrupting or not; a non-interrupting one runs at each message while its scope runs, and then must end without waiting, like a non-interrupting timeCycle start), an error start (interrupting) or an escalation start (interrupting or not)",
  'bpmn:EndEvent': 'none end; a signal end (broadcasts the signal); an error end, caught by an error boundary event on its embedded sub-process or an event sub-process of an enclosing scope; an escalation end, caught by an event sub-process of an enclosing scope',
  'bpmn:IntermediateThrowEvent': 'none throw: passes through (a camunda:property notify=<role> asks to notify that role); signal throw: broadcasts the signal; escalation throw, caught by an event sub-process of an enclosing scope',
  'bpmn:IntermediateCatchEvent': 'timer, message or signal catch',
  'bpmn:BoundaryEvent': 'timer on a task, interrupting or not; message or signal on a task, interrupting or not (a non-interrupting one sends a token per delivery and waits again while its task runs; its path must end without waiting, as must that of a repeating timer cycle, since a second occurrence cannot run beside a first that waits); error (interrupting) on an external task or an embedded sub-process',
  'bpmn:ReceiveTask': 'waits for its message (messageRef), as a message catch event does',
  'bpmn:UserTask': 'a task in the worklist (camunda:candidateGroups/candidateUsers/assignee/dueDate, camunda:formData); candidates from ${variable} may be a list or a comma-separated string',
  'bpmn:ManualTask': 'work done outside the system: passes through, recorded in the history (Camunda 7)',
  'bpmn:Task': 'passes through, recorded in the history',
  'bpmn:ServiceTask': 'an external task (camunda:type="external", camunda:topic): the instance waits until a worker fetches, locks and completes it through /api/external-tasks (Camunda 7); no code runs in the engine',
  'bpmn:SendTask': 'an external task, as a service task',
  'bpmn:BusinessRuleTask': 'an external task, as a service task (no DMN)',
  'bpmn:ScriptTask': 'JavaScript run in a sandbox (QuickJS in WebAssembly, 1 s and 32 MB per run); sees and sets variables only',
  'bpmn:SubProcess': 'embedded sub-process; an event sub-process (triggeredByEvent) listens from the start to the end of its enclosing scope (process or sub-process) for its timer, message, error or escalation',
  'bpmn:CallActivity': 'starts the latest version of calledElement as a child instance; camunda:in/out choose the variables (without any, all pass both ways)',
  'bpmn:ExclusiveGateway': 'takes the first flow whose condition holds, else the default',
  'bpmn:ParallelGateway': 'splits and joins',
  'bpmn:SequenceFlow': 'a condition is a ${…} expression or a JavaScript script condition',
  'bpmn:MessageEventDefinition': 'a message start (of a process or an event sub-process), catch or boundary event (interrupting or not), correlated by POST /api/messages (messageRef names the message)',
  'bpmn:SignalEventDefinition': 'a signal start, catch or boundary event (interrupting or not; POST /api/signals or a signal throw/end event broadcasts it); a signal throw or end event',
  'bpmn:Message': 'a message, correlated by its name',
  'bpmn:Signal': 'a signal, broadcast by its name',
  'bpmn:TimerEventDefinition': 'ISO 8601 timeDuration, timeDate or timeCycle (no cron; Rn fires at most n times, R/… forever; an interval of at least 1 minute); working time with camunda:property calendar=hari-kerja',
  'bpmn:MultiInstanceLoopCharacteristics': 'multi-instance user task, sub-process or call activity (a child instance per item), parallel or sequential: loopCardinality or camunda:collection (+ camunda:elementVariable, a local variable of each instance), completionCondition (sees nrOfInstances, nrOfCompletedInstances, nrOfActiveInstances, loopCounter)',
  'bpmn:ErrorEventDefinition': 'error boundary event (errorRef: catches that errorCode; without: every BPMN error); error end event (names its error: errorRef); the error start of an event sub-process that catches it',
  'bpmn:EscalationEventDefinition': 'escalation end or throw event, and the escalation start of an event sub-process that catches it (by escalationRef or escalationCode; one without escalationRef catches all)',
  'bpmn:Error': 'a BPMN error with its errorCode, thrown by a worker (bpmn-error) or an error end event',
  'bpmn:Escalation': 'an escalation an event throws (escalationCode)',
  'bpmn:Expression': 'a timer value or a condition',
  'bpmn:FormalExpression': 'a timer value or a condition',
  'bpmn:Documentation': 'shown on the task form',
  'bpmn:ExtensionElements': 'holds the Camunda extensions below',
  'bpmn:TextAnnotation': 'drawing only',
  'bpmn:Association': 'drawing only',
  'bpmn:Group': 'drawing only',
  'bpmn:Category': 'the label of a group: drawing only',
  'bpmn:CategoryValue': 'the label of a group: drawing only',
  'camunda:Properties': 'named properties: calendar, notify, reason, rekap, district',
  'camunda:Property': 'one named property',
  'camunda:FormData': "a user task's form",
  'camunda:FormField': 'a form field: string, long, boolean, date or enum',
  'camunda:Value': 'an enum value of a form field',
  'camunda:Validation': 'form field validation',
  'camunda:In': 'on a call activity: a variable for the child (source, target), all of them (variables="all"), or its businessKey',
  'camunda:Out': 'on a call activity: a variable the child returns (source, target), or all of them (variables="all")',
  'camunda:InputOutput': "on a user task or sub-process: its input parameters are local variables of it, evaluated on entry; its output parameters set process variables when it ends (a text or ${…} value)",
  'camunda:InputParameter': 'a local variable of the task or sub-process: name, and a text or ${…} value (none: null)',
  'camunda:OutputParameter': 'a process variable set when the task or sub-process ends: name, and a text or ${…} value over its locals and the process variables',
  'camunda:Constraint': 'a form field constraint: required, readonly, minlength/maxlength (string), min/max (long, date); enforced on completion',
};

/** Element types refused with a reason of their own; any other type not above is "not supported". */
export const refusedElements: Record<string, string> = {
  'bpmn:GlobalTask': 'global tasks are not run here; draw the task in the process',
  'bpmn:GlobalUserTask': 'global tasks are not run here; draw the user task in the process',
  'bpmn:GlobalScriptTask': 'global tasks are not run here; draw the script task in the process',
  'bpmn:GlobalManualTask': 'global tasks are not run here; draw the task in the process',
  'bpmn:PotentialOwner': 'human performers are not read; use camunda:candidateGroups or camunda:candidateUsers',
  'bpmn:HumanPerformer': 'human performers are not read; use camunda:candidateGroups or camunda:candidateUsers',
  'bpmn:Performer': 'performers are not read; use camunda:candidateGroups or camunda:candidateUsers',
  'bpmn:DataStore': 'data stores are not supported',
  'bpmn:DataStoreReference': 'data stores are not supported',
  'bpmn:DataObject': 'data objects are not supported; use process variables',
  'bpmn:DataObjectReference': 'data objects are not supported; use process variables',
  'bpmn:StandardLoopCharacteristics': 'loops are not supported',
  'bpmn:ConditionalEventDefinition': 'conditional events are not supported',
  'bpmn:LinkEventDefinition': 'link events are not supported',
  'bpmn:CompensateEventDefinition': 'compensation is not supported',
  'bpmn:CancelEventDefinition': 'cancel events are not supported',
  'bpmn:TerminateEventDefinition': 'terminate end events are not supported',
  'camunda:Script': 'script values are not run here; write a text or ${…} value',
  'camunda:List': 'list values are not run here; write a text or ${…} value',
  'camunda:Map': 'map values are not run here; write a text or ${…} value',
  'camunda:Entry': 'map values are not run here; write a text or ${…} value',
  'camunda:ExecutionListener': 'listeners are not run',
  'camunda:TaskListener': 'listeners are not run',
  'camunda:Connector': 'connectors are not run',
  'camunda:Field': 'Java delegate fields are not run',
  'camunda:FailedJobRetryTimeCycle': 'retries are fixed by the server',
};

/** The task types that run as Camunda 7 external tasks (and only so). */
export const EXTERNAL_TASK_TYPES = ['bpmn:ServiceTask', 'bpmn:SendTask', 'bpmn:BusinessRuleTask'];

/** Camunda attributes read here, by the element types that carry them. */
export const supportedCamundaAttributes: Record<string, { on: string[]; note: string }> = {
  candidateStarterGroups: { on: ['bpmn:Process'], note: 'roles that may start the process' },
  candidateStarterUsers: { on: ['bpmn:Process'], note: 'users who may start the process' },
  historyTimeToLive: { on: ['bpmn:Process'], note: 'accepted and ignored: history is kept' },
  versionTag: { on: ['bpmn:Process'], note: 'accepted and ignored: versions count deployments' },
  isStartableInTasklist: { on: ['bpmn:Process'], note: 'accepted and ignored' },
  candidateGroups: { on: ['bpmn:UserTask'], note: 'roles offered the task; ${variable} allowed' },
  candidateUsers: { on: ['bpmn:UserTask'], note: 'users offered the task; ${variable} allowed' },
  assignee: { on: ['bpmn:UserTask'], note: 'the user the task is assigned to; ${variable} allowed' },
  dueDate: { on: ['bpmn:UserTask'], note: 'an ISO date-time or duration; ${variable} allowed' },
  initiator: { on: ['bpmn:StartEvent'], note: "the variable that gets the starting user's username" },
  resultVariable: { on: ['bpmn:ScriptTask'], note: "the variable that gets the script's completion value" },
  collection: { on: ['bpmn:MultiInstanceLoopCharacteristics'], note: 'the variable holding the list, one instance per item ("reviewers" or "${reviewers}")' },
  elementVariable: { on: ['bpmn:MultiInstanceLoopCharacteristics'], note: "each instance's local variable holding its item" },
  // Carried by the elements inside extensions (form fields, properties, values, constraints).
  id: { on: ['camunda:FormField', 'camunda:Value', 'camunda:Property'], note: 'identifier' },
  // name is also read on camunda:InputParameter / camunda:OutputParameter (an extension's own attribute).
  label: { on: ['camunda:FormField'], note: 'the label shown' },
  type: { on: ['camunda:FormField', ...EXTERNAL_TASK_TYPES], note: 'a form field: string, long, boolean, date or enum; an external task: "external"' },
  topic: { on: [...EXTERNAL_TASK_TYPES], note: 'the topic workers fetch the external task by' },
  defaultValue: { on: ['camunda:FormField'], note: 'the value offered first' },
  name: { on: ['camunda:Value', 'camunda:Property', 'camunda:Constraint'], note: 'name' },
  value: { on: ['camunda:Property'], note: 'value' },
  config: { on: ['camunda:Constraint'], note: 'constraint setting' },
};

/** Camunda attributes refused with a reason of their own; any other set Camunda attribute is "not supported". */
export const refusedCamundaAttributes: Record<string, string> = {
  class: 'Java delegates are not run',
  delegateExpression: 'Java delegates are not run',
  expression: 'method expressions are not run',
  type: 'only service, send and business rule tasks are external tasks',
  topic: 'only service, send and business rule tasks are external tasks',
  decisionRef: 'DMN decisions are not run here',
  decisionRefBinding: 'DMN decisions are not run here',
  decisionRefVersion: 'DMN decisions are not run here',
  decisionRefVersionTag: 'DMN decisions are not run here',
  decisionRefTenantId: 'DMN decisions are not run here',
  mapDecisionResult: 'DMN decisions are not run here',
  taskPriority: 'external tasks are fetched oldest first; priorities are not kept',
  errorCodeVariable: 'the caught error is not stored in a variable',
  errorMessageVariable: 'the caught error is not stored in a variable',
  resource: 'external script resources are not read; write the script inline',
  formKey: "forms come from the task's camunda:formData",
  formRef: "forms come from the task's camunda:formData",
  asyncBefore: 'every step already commits on its own',
  asyncAfter: 'every step already commits on its own',
  calledElementBinding: 'a call always starts the latest version',
  calledElementVersion: 'a call always starts the latest version',
  calledElementVersionTag: 'a call always starts the latest version',
  calledElementTenantId: 'tenants are not supported',
  variableMappingClass: 'Java delegates are not run',
  variableMappingDelegateExpression: 'Java delegates are not run',
};

export const SCRIPT_LANGUAGES = ['javascript', 'js', 'ecmascript'];

/** Camunda 7's built-in form field validators, the `name`s a `camunda:constraint` may have. */
export const FORM_CONSTRAINTS = ['required', 'readonly', 'minlength', 'maxlength', 'min', 'max'] as const;

/** A bpmn-moddle element, as both bpmn-moddle (server) and bpmnlint (modeler) hand it out. */
export interface ModdleNode {
  $type: string;
  $parent?: ModdleNode;
  $descriptor?: { properties?: ModdleProperty[] };
  $instanceOf?(type: string): boolean;
  id?: string;
  [k: string]: unknown;
}

interface ModdleProperty {
  name: string;
  isReference?: boolean;
  isAttr?: boolean;
  ns?: { prefix?: string; localName?: string };
}

/** One problem, tied to the element to mark in the modeler. */
export interface SupportProblem {
  elementId: string | undefined;
  message: string;
}

// Attributes holding ${…} expressions the engine resolves, checked against the grammar at deploy.
const EXPRESSION_ATTRIBUTES = ['candidateGroups', 'candidateUsers', 'assignee', 'dueDate'];

/**
 * A task attribute's `${…}` is filled in from one variable (src/engine/variables.ts), so beyond the
 * expression grammar it must be a variable path.
 */
function placeholderProblems(text: string, checkExpression: (text: string) => string[]): string[] {
  const grammar = checkExpression(text);
  if (grammar.length) return grammar;
  const problems: string[] = [];
  for (const match of text.matchAll(/\$\{([^}]*)\}/g)) {
    if (!/^\s*[A-Za-z_][\w]*(?:\.[A-Za-z_][\w]*)*\s*$/.test(match[1])) problems.push(`"\${${match[1]}}": only a variable name or path is allowed here`);
  }
  return problems;
}

/** What an element is called in a message: its id and type, or (without an id) its type and position. */
function describe(node: ModdleNode, position: string): string {
  return node.id ? `${node.id} (${node.$type})` : `${node.$type} ${position}`;
}

/** The nearest element with an id, to name where an id-less extension sits. */
function owner(node: ModdleNode | undefined): string {
  for (let n = node; n; n = n.$parent) if (n.id) return n.id;
  return 'the diagram';
}

function needsId(node: ModdleNode): boolean {
  return Boolean(node.$instanceOf?.('bpmn:FlowElement') || node.$instanceOf?.('bpmn:Process') || node.$instanceOf?.('bpmn:Participant') || node.$instanceOf?.('bpmn:Lane'));
}

/**
 * Walks the semantic tree (not the drawing) and lists every element type or attribute outside
 * the table, plus script languages and ${…} expressions the engine would refuse to run.
 * `checkExpression` returns the grammar's problems with one attribute's text (the server passes
 * its parser; the modeler may pass none).
 */
export function supportProblems(definitions: ModdleNode, checkExpression: (text: string) => string[] = () => []): SupportProblem[] {
  const problems: SupportProblem[] = [];
  const add = (node: ModdleNode, message: string) => problems.push({ elementId: node.id ?? owner(node.$parent), message });

  const visit = (node: ModdleNode, position: string): void => {
    const type = node.$type;
    if (!(type in supportedElements)) {
      const where = type.startsWith('camunda:') || !node.id ? `${type} on ${owner(node.$parent)}` : describe(node, position);
      add(node, `${where}: ${refusedElements[type] ?? 'not supported'}`);
      checkAttributes(node, position, add, checkExpression);
      return;
    }
    if (!node.id && needsId(node)) add(node, `${describe(node, position)}: has no id`);
    checkAttributes(node, position, add, checkExpression);
    checkSpecifics(node, position, add, checkExpression);
    for (const property of node.$descriptor?.properties ?? []) {
      if (property.isReference || property.isAttr || property.name === 'diagrams' || !Object.prototype.hasOwnProperty.call(node, property.name)) continue;
      const value = node[property.name];
      const children = (Array.isArray(value) ? value : [value]).filter((v): v is ModdleNode => Boolean(v && typeof v === 'object' && '$type' in (v as object)));
      children.forEach((child, i) => visit(child, `#${i + 1} in ${node.id ?? owner(node.$parent)}`));
    }
  };
  visit(definitions, '');
  return problems;
}

function checkAttributes(node: ModdleNode, position: string, add: (n: ModdleNode, m: string) => void, checkExpression: (text: string) => string[]): void {
  const isCamundaElement = node.$type.startsWith('camunda:');
  for (const property of node.$descriptor?.properties ?? []) {
    if (property.ns?.prefix !== 'camunda' || !Object.prototype.hasOwnProperty.call(node, property.name)) continue;
    const attribute = property.ns.localName ?? property.name;
    const value = node[property.name];
    if (value === undefined || value === null || typeof value === 'object') continue; // child elements are visited as elements
    const supported = supportedCamundaAttributes[attribute];
    if (supported?.on.includes(node.$type)) {
      if (EXPRESSION_ATTRIBUTES.includes(attribute) && typeof value === 'string') {
        for (const problem of placeholderProblems(value, checkExpression)) add(node, `${describe(node, position)} camunda:${attribute}: ${problem}`);
      }
      continue;
    }
    if (isCamundaElement && !refusedCamundaAttributes[attribute]) continue; // an extension's own attributes (ids, names, values)
    add(node, `camunda:${attribute} on ${node.id ?? owner(node.$parent)}: ${refusedCamundaAttributes[attribute] ?? 'not supported'}`);
  }
}

function checkSpecifics(node: ModdleNode, position: string, add: (n: ModdleNode, m: string) => void, checkExpression: (text: string) => string[]): void {
  const name = describe(node, position);
  if (node.$type === 'bpmn:ScriptTask') {
    const format = String(node.scriptFormat ?? '');
    if (!SCRIPT_LANGUAGES.includes(format.toLowerCase())) add(node, `${name}: script language "${format}" is not run here; only JavaScript (${SCRIPT_LANGUAGES.join(', ')})`);
    else if (!String(node.script ?? '').trim()) add(node, `${name}: the script is empty`);
  }
  checkEventScopes(node, add);
  checkRepeatedOccurrences(node, add);
  for (const text of multiInstanceExpressions(node)) for (const problem of checkExpression(text)) add(node, `multi-instance on ${owner(node)}: ${problem}`);
  if (node.$type === 'bpmn:SequenceFlow' && node.conditionExpression) {
    const condition = node.conditionExpression as ModdleNode & { body?: string; language?: string };
    const language = String(condition.language ?? '').toLowerCase();
    const body = String(condition.body ?? '').trim();
    if (SCRIPT_LANGUAGES.includes(language)) {
      if (!body) add(node, `${name}: the condition script is empty`);
    } else if (language && language !== 'juel') {
      add(node, `${name}: condition language "${condition.language}" is not run here; use a \${…} expression or JavaScript`);
    } else if (!/^\$\{[^}]*\}$/.test(body)) {
      add(node, `${name}: a condition must be one \${…} expression${language ? ' (JUEL with code is not run)' : ''}`);
    } else {
      for (const problem of checkExpression(body)) add(node, `${name} condition: ${problem}`);
    }
  }
  if (node.$type === 'bpmn:TimerEventDefinition') {
    for (const key of ['timeDuration', 'timeDate', 'timeCycle']) {
      const body = (node[key] as { body?: string } | undefined)?.body;
      if (typeof body === 'string') for (const problem of checkExpression(body)) add(node, `${owner(node)} ${key}: ${problem}`);
    }
  }
  if (node.$type === 'camunda:Constraint' && !(FORM_CONSTRAINTS as readonly string[]).includes(String(node.name ?? ''))) {
    add(node, `constraint "${String(node.name ?? '')}" on form field ${owner(node)}: not one of ${FORM_CONSTRAINTS.join(', ')}`);
  }
  if (EXTERNAL_TASK_TYPES.includes(node.$type)) checkExternalTask(node, name, add);
  if (node.$type === 'bpmn:ErrorEventDefinition') checkErrorEvent(node, add);
  if (node.$type === 'bpmn:Error' && !String(node.errorCode ?? '').trim()) add(node, `${name}: errorCode is missing (boundary events catch errors by it)`);
  if (node.$type === 'camunda:In' || node.$type === 'camunda:Out') checkCallMapping(node, add, checkExpression);
  if (node.$type === 'camunda:InputParameter' || node.$type === 'camunda:OutputParameter') checkIoParameter(node, add, checkExpression);
  if (node.$type === 'bpmn:CallActivity' && !String(node.calledElement ?? '').trim()) add(node, `${name}: calledElement is missing`);
  if (node.$type === 'bpmn:MessageEventDefinition') checkEventReference(node, 'message', add);
  if (node.$type === 'bpmn:SignalEventDefinition') checkEventReference(node, 'signal', add);
  if (node.$type === 'bpmn:ReceiveTask' && !node.messageRef) add(node, `${name}: a receive task needs a messageRef`);
  if (node.$type === 'bpmn:Message' || node.$type === 'bpmn:Signal') {
    const kind = node.$type === 'bpmn:Message' ? 'message' : 'signal';
    const text = typeof node.name === 'string' ? node.name.trim() : '';
    if (!text) add(node, `${name}: a ${kind} needs a name (it is ${kind === 'message' ? 'correlated' : 'broadcast'} by its name)`);
    else if (text.includes('${')) add(node, `${name}: a ${kind} name with an expression is not supported`);
  }
}

/**
 * Where a message or signal event runs here (Camunda 7 semantics, waiting in the database): a
 * start event at the top of its process as its only start, a catch event, a boundary event
 * (interrupting or not); a signal also as a throw or end event. Message throws would need a sender
 * (Camunda runs them as Java delegates).
 */
function checkEventReference(node: ModdleNode, kind: 'message' | 'signal', add: (n: ModdleNode, m: string) => void): void {
  const event = node.$parent;
  const where = `${node.$type} on ${owner(event)}`;
  if (!node[`${kind}Ref`]) add(node, `${where}: a ${kind} event needs a ${kind}Ref`);
  if (!event) return;
  if (((event.eventDefinitions as unknown[] | undefined)?.length ?? 0) > 1) add(node, `${where}: an event with several event definitions is not supported`);
  const scope = event.$parent;
  switch (event.$type) {
    case 'bpmn:StartEvent':
      // An event sub-process's start: eventScopes.ts (a message start runs there, a signal start is refused).
      if (scope?.$type === 'bpmn:SubProcess' && scope.triggeredByEvent) return;
      if (scope?.$type !== 'bpmn:Process') add(node, `${where}: a ${kind} start event runs only at the top of a process`);
      else if (((scope.flowElements as ModdleNode[] | undefined) ?? []).filter((e) => e.$type === 'bpmn:StartEvent').length > 1) {
        add(node, `${where}: a process started by a ${kind} has it as its only start event`);
      }
      return;
    case 'bpmn:IntermediateCatchEvent':
      return;
    case 'bpmn:BoundaryEvent':
      // Interrupting or not; a non-interrupting one waits again after each delivery (src/engine/repeatingEvents.ts).
      return;
    case 'bpmn:IntermediateThrowEvent':
    case 'bpmn:EndEvent':
      if (kind === 'message') add(node, `${where}: message throw events are not run here (nothing sends messages); use a signal, or let the receiver be told through POST /api/messages`);
      return;
    default:
      add(node, `${where}: not supported on ${event.$type}`);
  }
}

/** A camunda:in/out mapping: one kind of mapping, plain variable names, on a call activity. */
function checkCallMapping(node: ModdleNode, add: (n: ModdleNode, m: string) => void, checkExpression: (text: string) => string[]): void {
  const where = `${node.$type} on ${owner(node.$parent)}`;
  const text = (key: string) => (typeof node[key] === 'string' ? (node[key] as string).trim() : undefined);
  const [source, target, variables, businessKey] = [text('source'), text('target'), text('variables'), text('businessKey')];
  if (node.$parent?.$parent?.$type !== 'bpmn:CallActivity') add(node, `${where}: only call activities map variables`);
  if (text('sourceExpression') !== undefined) add(node, `${where}: sourceExpression is not run; map a variable with source`);
  if (node.local === true) add(node, `${where}: local variables are not supported`);
  if (variables !== undefined && variables !== 'all') add(node, `${where}: variables must be "all"`);
  if ((source === undefined) !== (target === undefined)) add(node, `${where}: needs both source and target`);
  for (const name of [source, target]) {
    if (name !== undefined && (!/^[A-Za-z_][\w]*$/.test(name) || ['__proto__', 'constructor', 'prototype'].includes(name))) add(node, `${where}: "${name}" is not a variable name`);
  }
  if (businessKey !== undefined) {
    if (node.$type !== 'camunda:In') add(node, `${where}: businessKey is passed with camunda:in`);
    for (const problem of placeholderProblems(businessKey, checkExpression)) add(node, `${where} businessKey: ${problem}`);
  }
  if (source === undefined && target === undefined && variables === undefined && businessKey === undefined) add(node, `${where}: maps nothing (source and target, variables="all" or businessKey)`);
}

/** Service, send and business rule tasks run only as external tasks: a worker does the work, never the engine. */
function checkExternalTask(node: ModdleNode, name: string, add: (n: ModdleNode, m: string) => void): void {
  if (node.type !== 'external') {
    add(node, `${name}: runs only as an external task (camunda:type="external" with camunda:topic); no code runs in the engine`);
    return;
  }
  const topic = typeof node.topic === 'string' ? node.topic.trim() : '';
  if (!topic) add(node, `${name}: camunda:topic is missing`);
  else if (!/^[A-Za-z0-9_.:/-]+$/.test(topic)) add(node, `${name}: camunda:topic "${topic}" must be a plain name (letters, digits, _ . : / -)`);
}

const isErrorDefinition = (d: unknown) => (d as ModdleNode | undefined)?.$type === 'bpmn:ErrorEventDefinition';
const errorCodeOf = (definition: ModdleNode) => (definition.errorRef as ModdleNode | undefined)?.errorCode as string | undefined;

/**
 * Error boundary events with Camunda 7 semantics where something can throw to them: always
 * interrupting, on an external task (its worker's bpmn-error) or an embedded sub-process (an error
 * end event inside it).
 */
function checkErrorEvent(node: ModdleNode, add: (n: ModdleNode, m: string) => void): void {
  const event = node.$parent;
  const where = owner(event);
  if (event?.$type === 'bpmn:BoundaryEvent') {
    const host = event.attachedToRef as ModdleNode | undefined;
    const hostIsScope = host?.$type === 'bpmn:SubProcess' && !host.triggeredByEvent;
    if (!host || !(EXTERNAL_TASK_TYPES.includes(host.$type) || hostIsScope)) {
      add(node, `error boundary event ${where}: only external tasks and embedded sub-processes throw BPMN errors here (${host ? describe(host, '') : 'no host'})`);
    }
    if (event.cancelActivity === false) add(node, `error boundary event ${where}: an error boundary event always interrupts (cancelActivity="false" is not BPMN)`);
    // bpmn-elements' catch-all also catches a script's own failure, which Camunda 7 leaves uncaught (an incident).
    if (hostIsScope && !node.errorRef && runsScripts(host)) {
      add(node, `error boundary event ${where}: one without errorRef on ${owner(host)} would also catch its scripts' failures; name the error (errorRef)`);
    }
    // bpmn-elements lets the first of several matching boundary events win, where Camunda 7 prefers
    // the one naming the code: only unambiguous sets run.
    const others = ((event.$parent?.flowElements ?? []) as ModdleNode[]).filter(
      (e) => e !== event && e.$type === 'bpmn:BoundaryEvent' && e.attachedToRef === host && ((e.eventDefinitions ?? []) as ModdleNode[]).some(isErrorDefinition),
    );
    const code = errorCodeOf(node);
    const codes = others.map((e) => errorCodeOf(((e.eventDefinitions ?? []) as ModdleNode[]).find(isErrorDefinition)!));
    if (others.length && !node.errorRef) add(node, `error boundary event ${where}: one catching every error must be the only error boundary event on ${owner(host)}`);
    else if (node.errorRef && codes.includes(code)) add(node, `error boundary event ${where}: another error boundary event on ${owner(host)} catches errorCode "${code}" too`);
    return;
  }
  // Error end events and error start events (an event sub-process's): eventScopes.ts, where
  // the catchers of both kinds (boundary event, event sub-process) are looked for.
}

/** Whether a scope runs a script anywhere inside it: a script task or a script condition. */
function runsScripts(scope: ModdleNode): boolean {
  return ((scope.flowElements ?? []) as ModdleNode[]).some((e) => {
    if (e.$type === 'bpmn:ScriptTask') return true;
    const language = String((e.conditionExpression as ModdleNode | undefined)?.language ?? '').toLowerCase();
    if (e.$type === 'bpmn:SequenceFlow' && SCRIPT_LANGUAGES.includes(language)) return true;
    return e.$type === 'bpmn:SubProcess' && runsScripts(e);
  });
}

/** A camunda:inputParameter/outputParameter: on a user task or sub-process, a variable name, a text or ${…} value. */
function checkIoParameter(node: ModdleNode, add: (n: ModdleNode, m: string) => void, checkExpression: (text: string) => string[]): void {
  const host = node.$parent?.$parent?.$parent;
  const where = `${node.$type} ${typeof node.name === 'string' ? `"${node.name}" ` : ''}on ${owner(node.$parent)}`;
  if (host?.$type !== 'bpmn:UserTask' && host?.$type !== 'bpmn:SubProcess') add(node, `${where}: input/output mappings run on user tasks and sub-processes only`);
  // Camunda maps each instance of a multi-instance activity; here the loop would map once.
  else if (host.loopCharacteristics) add(node, `${where}: input/output mappings on a multi-instance activity are not run here`);
  const name = typeof node.name === 'string' ? node.name.trim() : '';
  if (!/^[A-Za-z_][\w]*$/.test(name) || ['__proto__', 'constructor', 'prototype'].includes(name)) add(node, `${where}: "${name}" is not a variable name`);
  if (typeof node.value === 'string') for (const problem of checkExpression(node.value)) add(node, `${where}: ${problem}`);
}
