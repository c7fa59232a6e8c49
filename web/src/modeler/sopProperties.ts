import { h } from '@bpmn-io/properties-panel/preact';
import { CheckboxEntry, CheckboxGroup, TextFieldEntry } from '@bpmn-io/properties-panel';
import { useService } from 'bpmn-js-properties-panel';
import { getBusinessObject, is } from 'bpmn-js/lib/util/ModelUtil';
import { t } from '../i18n';
import type { GroupOption, RoleInfo } from './definitions';
import { describeDuration, isValidDueDate } from './durations';

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

function DueDate(props: EntryProps) {
  const { element, id } = props;
  const modeling = useService('modeling');
  const debounce = useService('debounceInput');
  const bo = getBusinessObject(element);
  const value: string | undefined = bo.get('camunda:dueDate');
  const working = countsWorkingTime(processOf(bo));
  const reading = value && isValidDueDate(value) ? describeDuration(value, working) : undefined;
  return h(TextFieldEntry, {
    element,
    id,
    label: t('modeler.sop.dueDate'),
    description: [t(working ? 'modeler.sop.dueDate.hint' : 'modeler.sop.dueDate.hintCalendar'), reading ? t('modeler.sop.dueDate.now', { reading }) : '']
      .filter(Boolean)
      .join(' '),
    debounce,
    getValue: () => value ?? '',
    validate: (v: string | undefined) => (v && !isValidDueDate(v.trim()) ? t('modeler.sop.dueDate.invalid') : undefined),
    setValue: (v: string | undefined, error?: string) => {
      if (error) return;
      modeling.updateProperties(element, { 'camunda:dueDate': v?.trim() || undefined });
    },
  });
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
      { id: 'sop-dueDate', component: DueDate },
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
      // One field per attribute: camunda:dueDate is edited in the SOP group, which checks it and
      // reads it out in working time; Camunda's own field for it would be a second, silent copy.
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
