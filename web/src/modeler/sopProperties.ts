import { h } from '@bpmn-io/properties-panel/preact';
import { CheckboxEntry, CheckboxGroup, TextFieldEntry } from '@bpmn-io/properties-panel';
import { useService } from 'bpmn-js-properties-panel';
import { getBusinessObject, is } from 'bpmn-js/lib/util/ModelUtil';
import { lang, t } from '../i18n';
import { superiorOf, type RoleId } from '../../../src/domain/roles';
import type { GroupOption, RoleInfo } from './definitions';
import { describeDuration, isValidDueDate } from './durations';
import { LATE_REASON, REMIND_REASON, timerReason, type ModdleLike, type TimerReason } from './lateTimers';
import { parseTimeStandard, sameDuration, wordsOf } from './timeStandard';

/*
 * The properties panel renders with its own bundled Preact, so these entries are built with its
 * `h` and hooks rather than with the app's JSX.
 */

export interface SopPanelOptions {
  roles: RoleInfo[];
  /** The groups beyond the SOP roles (GET /api/groups); none for a viewer who cannot deploy. */
  groups?: GroupOption[];
}

/** One entry of the performer picker: an SOP role or a group beyond them. */
export interface CandidateOption {
  id: string;
  label: string;
  opdBound: boolean;
  kind: 'role' | 'group';
}

type Moddle = { $type: string; $parent?: Moddle; get(name: string): any; [key: string]: any };
type Shape = { id: string; businessObject: Moddle };
interface EntryProps {
  element: Shape;
  id: string;
}

export const WORKING_CALENDAR = 'hari-kerja';
const OPD_SUFFIX = ':${opd}';

/** A candidate group as the diagram writes it: OPD-bound roles and groups only for the complaint's OPD. */
export function candidateGroupOf(option: { id: string; opdBound: boolean }): string {
  return option.opdBound ? `${option.id}${OPD_SUFFIX}` : option.id;
}

/**
 * What the picker offers: the SOP roles, then the active groups the system administrator added
 * (a group the diagram names but that is inactive or unknown stays in the diagram, listed apart).
 * Deployment refuses a diagram naming a group that does not exist, so only real ones are offered.
 */
export function candidateOptions(options: SopPanelOptions): CandidateOption[] {
  const roleIds = new Set(options.roles.map((r) => r.id));
  return [
    ...options.roles.map((r): CandidateOption => ({ id: r.id, label: r.label, opdBound: r.opdBound, kind: 'role' })),
    ...(options.groups ?? [])
      .filter((g) => g.active && !roleIds.has(g.id))
      .map((g): CandidateOption => ({ id: g.id, label: g.name, opdBound: g.opdBound, kind: 'group' })),
  ];
}

/** The picker's label of one option: a group is marked as such, an OPD-bound one as for the complaint's OPD. */
export function candidateLabel(option: CandidateOption): string {
  const key = `modeler.sop.candidateGroups.${option.kind === 'group' ? 'group' : 'role'}${option.opdBound ? 'Opd' : ''}`;
  return t(key, { label: option.label, id: option.id });
}

export function splitGroups(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((g) => g.trim())
    .filter(Boolean);
}

function calendarProperty(bo: Moddle | undefined): Moddle | undefined {
  const values: Moddle[] = bo?.get('extensionElements')?.get('values') ?? [];
  for (const v of values) {
    if (!is(v, 'camunda:Properties')) continue;
    const found = (v.get('values') as Moddle[]).find((p) => p.get('name') === 'calendar');
    if (found) return found;
  }
  return undefined;
}

export function countsWorkingTime(bo: Moddle | undefined): boolean {
  return calendarProperty(bo)?.get('value') === WORKING_CALENDAR;
}

/** The process an element belongs to (a participant stands for its process). */
export function processOf(bo: Moddle): Moddle | undefined {
  if (is(bo, 'bpmn:Participant')) return bo.get('processRef');
  let m: Moddle | undefined = bo;
  while (m && !is(m, 'bpmn:Process')) m = m.$parent;
  return m;
}

function isTimerEvent(bo: Moddle): boolean {
  return is(bo, 'bpmn:Event') && ((bo.get('eventDefinitions') as Moddle[] | undefined) ?? []).some((d) => is(d, 'bpmn:TimerEventDefinition'));
}

// --- entries ---------------------------------------------------------------------------

function CandidateGroups(props: EntryProps) {
  const { element, id } = props;
  const modeling = useService('modeling');
  const options = candidateOptions(useService<SopPanelOptions>('config.sopLapor'));
  const current = splitGroups(getBusinessObject(element).get('camunda:candidateGroups'));
  const known = new Map(options.map((o) => [candidateGroupOf(o), o.id]));
  const others = current.filter((g) => !known.has(g));
  const description = [t('modeler.sop.candidateGroups.hint'), others.length ? t('modeler.sop.candidateGroups.others', { groups: others.join(', ') }) : '']
    .filter(Boolean)
    .join(' ');
  return h(CheckboxGroup, {
    element,
    id,
    label: t('modeler.sop.candidateGroups'),
    description,
    options: options.map((o) => ({ value: o.id, label: candidateLabel(o) })),
    getValue: () => current.filter((g) => known.has(g)).map((g) => known.get(g)),
    setValue: (checked: string[]) => {
      const chosen = options.filter((o) => checked.includes(o.id)).map(candidateGroupOf);
      const value = [...chosen, ...others].join(',');
      modeling.updateProperties(element, { 'camunda:candidateGroups': value || undefined });
    },
  });
}

/**
 * The task's time standard ("Waktu") in words. One field for the one time standard: it writes the
 * dueDate, the documentation's "Waktu:" line and the task's late (and, for a range, reminder)
 * timers together, so "Lewat 15 menit" cannot stay at PT15M when the task becomes 30 minutes.
 * A ${variable} or a date stays possible for a computed deadline; then no timer is touched.
 */
function TimeStandardEntry(props: EntryProps) {
  const { element, id } = props;
  const services = {
    modeling: useService('modeling'),
    commandStack: useService('commandStack'),
    bpmnFactory: useService('bpmnFactory'),
    elementFactory: useService('elementFactory'),
    elementRegistry: useService('elementRegistry'),
    roles: useService<SopPanelOptions>('config.sopLapor').roles,
  };
  const debounce = useService('debounceInput');
  const bo = getBusinessObject(element);
  const value: string | undefined = bo.get('camunda:dueDate');
  const working = countsWorkingTime(processOf(bo));
  const reading = value && isValidDueDate(value) ? describeDuration(value, working) : undefined;
  return h(TextFieldEntry, {
    element,
    id,
    label: t('modeler.sop.time'),
    description: [t(working ? 'modeler.sop.time.hint' : 'modeler.sop.time.hintCalendar'), reading ? t('modeler.sop.dueDate.now', { reading }) : '']
      .filter(Boolean)
      .join(' '),
    debounce,
    getValue: () => shownTimeStandard(bo),
    validate: (v: string | undefined) => {
      const text = v?.trim() ?? '';
      if (!text || isComputedDueDate(text)) return undefined;
      const parsed = parseTimeStandard(text, lang.get());
      return parsed.ok ? undefined : parsed.message;
    },
    setValue: (v: string | undefined, error?: string) => {
      if (error) return;
      applyTimeStandard(services, element, v?.trim() ?? '');
    },
  });
}

/** A deadline the engine computes: a ${variable} or a fixed date (no words, no timers). */
function isComputedDueDate(text: string): boolean {
  return text.startsWith('${') || (/^\d{4}-/.test(text) && isValidDueDate(text));
}

/** What the field shows: the SOP's words when they agree with the dueDate, else the dueDate read out. */
function shownTimeStandard(bo: Moddle): string {
  const due: string | undefined = bo.get('camunda:dueDate');
  if (!due) return '';
  const words = standardTimeOf(documentationOf(bo));
  const parsed = words ? parseTimeStandard(words) : undefined;
  if (parsed?.ok && sameDuration(parsed.value.due, due)) return words!;
  return wordsOf(due) ?? due;
}

function documentationOf(bo: Moddle): string {
  return ((bo.get('documentation') as Moddle[] | undefined) ?? []).map((d) => d.get('text') ?? '').join('\n');
}

/** The SOP's "Waktu:" line (a dash means none). */
function standardTimeOf(doc: string): string | undefined {
  const m = /^\s*Waktu\s*:\s*(.+?)\s*$/im.exec(doc);
  return m && !/^[-–—]+$/.test(m[1]) ? m[1] : undefined;
}

interface TimeServices {
  modeling: any;
  commandStack: any;
  bpmnFactory: any;
  elementFactory: any;
  elementRegistry: any;
  roles: RoleInfo[];
}

type ShapeWithAttachers = Shape & { x: number; y: number; width: number; height: number; attachers?: Shape[]; parent?: Shape };

function timersOf(task: ShapeWithAttachers, reason: TimerReason): Shape[] {
  return (task.attachers ?? []).filter((a) => timerReason(a.businessObject as ModdleLike) === reason);
}

function applyTimeStandard(services: TimeServices, element: Shape, text: string): void {
  const { modeling, commandStack, bpmnFactory } = services;
  const task = element as ShapeWithAttachers;
  const bo = getBusinessObject(element);
  if (!text || isComputedDueDate(text)) {
    modeling.updateProperties(element, { 'camunda:dueDate': text || undefined });
    return;
  }
  const parsed = parseTimeStandard(text);
  if (!parsed.ok) return;
  const standard = parsed.value;
  const commands: { cmd: string; context: Record<string, unknown> }[] = [];
  commands.push({ cmd: 'element.updateProperties', context: { element, properties: { 'camunda:dueDate': standard.due } } });

  // The SOP sheet's own line follows, so the documentation never states another time.
  const docs = (bo.get('documentation') as Moddle[] | undefined) ?? [];
  const withWaktu = docs.find((d) => /^\s*Waktu\s*:/im.test(d.get('text') ?? ''));
  if (withWaktu) {
    const updated = String(withWaktu.get('text')).replace(/^(\s*Waktu\s*:\s*).*$/im, `$1${standard.words}`);
    commands.push({ cmd: 'element.updateModdleProperties', context: { element, moddleElement: withWaktu, properties: { text: updated } } });
  }

  const retime = (timer: Shape, duration: string, name: string) => {
    const definition = (timer.businessObject.get('eventDefinitions') as Moddle[])[0];
    const expression = bpmnFactory.create('bpmn:FormalExpression', { body: duration });
    expression.$parent = definition;
    commands.push({ cmd: 'element.updateModdleProperties', context: { element: timer, moddleElement: definition, properties: { timeDuration: expression } } });
    commands.push({ cmd: 'element.updateProperties', context: { element: timer, properties: { name } } });
  };
  const late = timersOf(task, LATE_REASON);
  const reminders = timersOf(task, REMIND_REASON);
  const words = (iso: string) => wordsOf(iso) ?? iso;
  for (const timer of late) retime(timer, standard.due, `Lewat ${words(standard.due)}`);
  // A single value leaves a reminder alone (555/01 reminds at 3 of "5 hari"); a range sets it.
  if (standard.remind) for (const timer of reminders) retime(timer, standard.remind, `Sudah ${words(standard.remind)}`);
  commandStack.execute('properties-panel.multi-command-executor', commands);

  // Missing timers are drawn as the SOP diagrams draw them: timer → notice → end.
  const role = firstRoleOf(bo);
  if (late.length === 0) {
    const superior = (role && superiorOf[role as RoleId]) || undefined;
    if (superior) addTimerChain(services, task, { duration: standard.due, name: `Lewat ${words(standard.due)}`, reason: LATE_REASON, notify: superior });
  }
  if (standard.remind && reminders.length === 0 && role) {
    addTimerChain(services, task, { duration: standard.remind, name: `Sudah ${words(standard.remind)}`, reason: REMIND_REASON, notify: role });
  }
}

function firstRoleOf(bo: Moddle): string | undefined {
  const [first] = splitGroups(bo.get('camunda:candidateGroups'));
  return first?.split(':')[0];
}

/** "Kepala Seksi (Kasi)" → "Kasi", "Pimpinan OPD / SKPD" → "Pimpinan OPD": the diagrams' short names. */
function shortRoleName(roles: RoleInfo[], id: string): string {
  const label = roles.find((r) => r.id === id)?.label ?? id;
  return (/\(([^)]+)\)\s*$/.exec(label)?.[1] ?? label.split(' / ')[0]).trim();
}

function addTimerChain(
  services: TimeServices,
  task: ShapeWithAttachers,
  spec: { duration: string; name: string; reason: TimerReason; notify: string },
): void {
  const { modeling, elementFactory, bpmnFactory, elementRegistry, roles } = services;
  const reminder = spec.reason === REMIND_REASON;
  // The SOP diagrams' ids (Task_X_Lewat, Task_X_Lewat_Beritahu, …) when free, so the history reads alike.
  const base = `${task.id}_${reminder ? 'Ingat' : 'Lewat'}`;
  const shapeOf = (type: string, id: string, attrs: Record<string, unknown> = {}) => {
    const businessObject = bpmnFactory.create(type, elementRegistry.get(id) ? {} : { id });
    return elementFactory.createShape({ type, businessObject, ...attrs });
  };
  const boundary = shapeOf('bpmn:BoundaryEvent', base, { eventDefinitionType: 'bpmn:TimerEventDefinition', cancelActivity: false });
  // Along the task's lower edge, right to left, clear of the timers already there.
  const x = task.x + task.width - 25 - 45 * (task.attachers?.length ?? 0);
  const placed = modeling.createShape(boundary, { x, y: task.y + task.height }, task, { attach: true });
  const definition = (placed.businessObject.get('eventDefinitions') as Moddle[])[0];
  const expression = bpmnFactory.create('bpmn:FormalExpression', { body: spec.duration });
  modeling.updateModdleProperties(placed, definition, { timeDuration: expression });
  modeling.updateProperties(placed, { name: spec.name });

  const who = shortRoleName(roles, spec.notify);
  const notice = modeling.appendShape(placed, shapeOf('bpmn:IntermediateThrowEvent', `${base}_Beritahu`), { x: placed.x + 18, y: placed.y + 110 });
  const values = [
    bpmnFactory.create('camunda:Property', { name: 'notify', value: spec.notify }),
    bpmnFactory.create('camunda:Property', { name: 'reason', value: spec.reason }),
  ];
  const properties = bpmnFactory.create('camunda:Properties', { values });
  const extensionElements = bpmnFactory.create('bpmn:ExtensionElements', { values: [properties] });
  modeling.updateProperties(notice, { name: reminder ? `Ingatkan ${who}` : `Beritahu ${who}`, extensionElements });
  const end = modeling.appendShape(notice, shapeOf('bpmn:EndEvent', `${base}_Selesai`), { x: notice.x + 18 + 100, y: notice.y + 18 });
  modeling.updateProperties(end, { name: reminder ? `${who} Diingatkan` : `${who} Diberitahu` });
}

/** Adds or removes `<camunda:property name="calendar" value="hari-kerja"/>` on `target` in one undo step. */
function setWorkingCalendar(
  services: { bpmnFactory: any; commandStack: any },
  element: Shape,
  target: Moddle,
  on: boolean,
): void {
  const { bpmnFactory, commandStack } = services;
  const commands: { cmd: string; context: Record<string, unknown> }[] = [];
  const update = (moddleElement: Moddle, properties: Record<string, unknown>) =>
    commands.push({ cmd: 'element.updateModdleProperties', context: { element, moddleElement, properties } });

  let ext: Moddle | undefined = target.get('extensionElements');
  const existing = calendarProperty(target);
  if (!on) {
    if (!existing?.$parent) return;
    const container = existing.$parent;
    update(container, { values: (container.get('values') as Moddle[]).filter((p) => p !== existing) });
  } else {
    if (existing) {
      update(existing, { value: WORKING_CALENDAR });
    } else {
      if (!ext) {
        ext = bpmnFactory.create('bpmn:ExtensionElements', { values: [] }) as Moddle;
        ext.$parent = target;
        update(target, { extensionElements: ext });
      }
      let props = (ext.get('values') as Moddle[]).find((v) => is(v, 'camunda:Properties'));
      if (!props) {
        props = bpmnFactory.create('camunda:Properties', { values: [] }) as Moddle;
        props.$parent = ext;
        update(ext, { values: [...ext.get('values'), props] });
      }
      const property = bpmnFactory.create('camunda:Property', { name: 'calendar', value: WORKING_CALENDAR }) as Moddle;
      property.$parent = props;
      update(props, { values: [...props.get('values'), property] });
    }
  }
  commandStack.execute('properties-panel.multi-command-executor', commands);
}

function TimerCalendar(props: EntryProps) {
  const { element, id } = props;
  const bpmnFactory = useService('bpmnFactory');
  const commandStack = useService('commandStack');
  const bo = getBusinessObject(element);
  const processWide = countsWorkingTime(processOf(bo));
  return h(CheckboxEntry, {
    element,
    id,
    label: t('modeler.sop.calendar.timer'),
    description: t(processWide ? 'modeler.sop.calendar.timerProcessWide' : 'modeler.sop.calendar.timerHint'),
    getValue: () => countsWorkingTime(bo),
    setValue: (on: boolean) => setWorkingCalendar({ bpmnFactory, commandStack }, element, bo, on),
  });
}

function ProcessCalendar(props: EntryProps) {
  const { element, id } = props;
  const bpmnFactory = useService('bpmnFactory');
  const commandStack = useService('commandStack');
  const process = processOf(getBusinessObject(element));
  return h(CheckboxEntry, {
    element,
    id,
    label: t('modeler.sop.calendar.process'),
    description: t('modeler.sop.calendar.processHint'),
    getValue: () => countsWorkingTime(process),
    setValue: (on: boolean) => process && setWorkingCalendar({ bpmnFactory, commandStack }, element, process, on),
  });
}

// --- provider --------------------------------------------------------------------------

interface Entry {
  id: string;
  component: (props: EntryProps) => unknown;
}

function entriesFor(element: Shape): Entry[] {
  const bo = element.businessObject;
  if (is(bo, 'bpmn:UserTask')) {
    return [
      // The short due date first: the role list is long.
      { id: 'sop-dueDate', component: TimeStandardEntry },
      { id: 'sop-candidateGroups', component: CandidateGroups },
    ];
  }
  if (isTimerEvent(bo)) return [{ id: 'sop-timerCalendar', component: TimerCalendar }];
  if ((is(bo, 'bpmn:Participant') && bo.get('processRef')) || is(bo, 'bpmn:Process')) {
    return [{ id: 'sop-processCalendar', component: ProcessCalendar }];
  }
  return [];
}

class SopPropertiesProvider {
  static $inject = ['propertiesPanel'];

  constructor(propertiesPanel: { registerProvider(priority: number, provider: unknown): void }) {
    // A low priority runs after the BPMN and Camunda providers, so the general group exists.
    propertiesPanel.registerProvider(200, this);
  }

  getGroups(element: Shape) {
    return (groups: { id: string }[]) => {
      const entries = entriesFor(element).map((e) => ({ ...e, element }));
      if (entries.length === 0) return groups;
      const general = groups.findIndex((g) => g.id === 'general');
      groups.splice(general + 1, 0, { id: 'sop-lapor', label: t('modeler.sop.group'), entries, shouldOpen: true } as { id: string });
      // One field per attribute: camunda:dueDate is edited in the SOP group ("Waktu"), which keeps
      // the timers with it; Camunda's own field for it would be a second, silent copy.
      const assignment = groups.find((g) => g.id === 'CamundaPlatform__UserAssignment') as { entries?: { id: string }[] } | undefined;
      if (assignment?.entries) assignment.entries = assignment.entries.filter((e) => e.id !== 'dueDate');
      return groups;
    };
  }
}

export const SopPropertiesModule = {
  __init__: ['sopPropertiesProvider'],
  sopPropertiesProvider: ['type', SopPropertiesProvider],
};
