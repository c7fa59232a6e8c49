import { ChangeHandler, diff, type ModdleLike } from 'bpmn-js-differ';

/*
 * bpmn-js-differ records a change only when it sits directly on a diagram element; a timer's
 * duration, a documentation text or a camunda property sits deeper (in an event definition or the
 * extension elements) and would be lost. This handler walks up to the owning diagram element and
 * names the path, so "Lewat 1 hari"'s new P2D shows as a change of that boundary event.
 * It also records `oldValue` as version A's and `newValue` as version B's value.
 */

export type ChangeKind = 'added' | 'removed' | 'changed' | 'layout';

export interface AttributeChange {
  /** e.g. `dueDate`, `timer › timeDuration`, `notify` */
  path: string;
  oldValue: unknown;
  newValue: unknown;
}

export interface ElementChange {
  id: string;
  name?: string;
  type: string;
  kinds: ChangeKind[];
  attrs: AttributeChange[];
}

const CONTAINERS = new Set(['bpmn:ExtensionElements', 'camunda:Properties']);
/** The property that holds an element's value, named by its parent's path already. */
const VALUE_PROPERTY: Record<string, string> = { 'bpmn:FormalExpression': 'body', 'bpmn:Documentation': 'text', 'camunda:Property': 'value' };

const isDi = (m: ModdleLike | undefined): boolean => !!m && (m.$type === 'bpmndi:BPMNShape' || m.$type === 'bpmndi:BPMNEdge');
const localName = (type: string): string => type.replace(/^.*:/, '');
const lowerFirst = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1);

/** How the parent refers to `m`: the property name, or for a list item the item's kind. */
function segmentOf(m: ModdleLike): string | undefined {
  if (CONTAINERS.has(m.$type)) return undefined;
  if (m.$type === 'camunda:Property') return String(m.name ?? 'property');
  const parent = m.$parent;
  const descriptor = parent?.$descriptor as { properties?: { name: string; isMany?: boolean }[] } | undefined;
  const holder = descriptor?.properties?.find((p) => (p.isMany ? (parent![p.name] as unknown[] | undefined)?.includes(m) : parent![p.name] === m));
  if (holder && !holder.isMany) return holder.name;
  return lowerFirst(localName(m.$type)).replace(/EventDefinition$/, '');
}

/** A list item by its kind (or a camunda property by its name) rather than by its index. */
function itemSegment(element: unknown, property: string): string {
  const m = element as ModdleLike | null;
  if (!m || typeof m !== 'object' || typeof m.$type !== 'string') return property;
  if (m.$type === 'camunda:Property') return String(m.name ?? 'property');
  return lowerFirst(localName(m.$type)).replace(/EventDefinition$/, '');
}

class SopChangeHandler extends ChangeHandler {
  private owner(model: ModdleLike): { element: ModdleLike; path: string[] } | undefined {
    const path: string[] = [];
    for (let m: ModdleLike | undefined = model; m; m = m.$parent) {
      const tracked = this._isTracked(m);
      if (tracked) return { element: tracked.element, path };
      if (isDi(m)) return undefined;
      const segment = segmentOf(m);
      if (segment) path.unshift(segment);
    }
    return undefined;
  }

  private record(model: ModdleLike, property: string, oldValue: unknown, newValue: unknown): void {
    const owner = this.owner(model);
    if (!owner?.element.id) return;
    const id = owner.element.id;
    const entry = (this._changed[id] ??= { model: owner.element, attrs: {} });
    if (oldValue === undefined && newValue === undefined) return;
    const path = VALUE_PROPERTY[model.$type] === property ? owner.path : [...owner.path, property];
    const key = path.join(' › ') || property;
    // A list item without an id that changed is seen as one removed and one added at the same place.
    const before = entry.attrs[key];
    entry.attrs[key] = before ? { oldValue: before.oldValue ?? oldValue, newValue: before.newValue ?? newValue } : { oldValue, newValue };
  }

  /**
   * The differ passes the first two items of a jsondiffpatch delta: `[old, new]` for a change,
   * `[new]` for a value that appeared, `[old, 0, 0]` for one that went away.
   */
  override changed(model: ModdleLike, property: string, first?: unknown, second?: unknown): void {
    if (isDi(model)) {
      const element = model.bpmnElement as ModdleLike | undefined;
      if (element?.id) this._layoutChanged[element.id] = element;
      return;
    }
    if (second === undefined) this.record(model, property, undefined, first);
    else if (second === 0) this.record(model, property, first, undefined);
    else this.record(model, property, first, second);
  }

  override added(model: ModdleLike, property: string, element: unknown): void {
    const tracked = this._isTracked(element);
    if (tracked && tracked.element.id) this._added[tracked.element.id] ??= tracked.element;
    else if (isDi(model) && property === 'waypoint') this.changed(model, property);
    else this.record(model, itemSegment(element, property), undefined, element);
  }

  override removed(model: ModdleLike, property: string, element: unknown): void {
    const tracked = this._isTracked(element);
    if (tracked && tracked.element.id) this._removed[tracked.element.id] ??= tracked.element;
    else if (isDi(model) && property === 'waypoint') this.changed(model, property);
    else this.record(model, itemSegment(element, property), element, undefined);
  }
}

/** The differences between two versions' moddle definitions, one entry per diagram element. */
export function diffDefinitions(a: unknown, b: unknown): ElementChange[] {
  const h = diff(a, b, new SopChangeHandler());
  const byId = new Map<string, ElementChange>();
  const add = (id: string, model: ModdleLike, kind: ChangeKind) => {
    const entry = byId.get(id) ?? { id, name: typeof model.name === 'string' ? model.name : undefined, type: localName(model.$type), kinds: [], attrs: [] };
    if (!entry.kinds.includes(kind)) entry.kinds.push(kind);
    byId.set(id, entry);
    return entry;
  };
  for (const [id, m] of Object.entries(h._added)) add(id, m, 'added');
  for (const [id, m] of Object.entries(h._removed)) add(id, m, 'removed');
  for (const [id, c] of Object.entries(h._changed)) {
    add(id, c.model, 'changed').attrs = Object.entries(c.attrs).flatMap(([path, v]) => expandProperties(path, v.oldValue, v.newValue));
  }
  for (const [id, m] of Object.entries(h._layoutChanged)) add(id, m, 'layout');
  const order: ChangeKind[] = ['added', 'removed', 'changed', 'layout'];
  return [...byId.values()].sort((x, y) => order.indexOf(x.kinds[0]) - order.indexOf(y.kinds[0]) || x.id.localeCompare(y.id));
}

/** The camunda properties in a `<camunda:properties>` list, or in extension elements holding one. */
function propertyMap(v: unknown): Map<string, string> | undefined {
  const m = v as ModdleLike | undefined;
  const lists =
    m?.$type === 'camunda:Properties'
      ? [m]
      : m?.$type === 'bpmn:ExtensionElements'
        ? ((m.values as ModdleLike[] | undefined) ?? []).filter((x) => x.$type === 'camunda:Properties')
        : [];
  if (lists.length === 0) return undefined;
  return new Map(lists.flatMap((l) => ((l.values as ModdleLike[] | undefined) ?? []).map((p) => [String(p.name), String(p.value ?? '')] as const)));
}

/** A changed `<camunda:properties>` list as one change per property name (e.g. `notify: kasi → kabid`). */
function expandProperties(path: string, oldValue: unknown, newValue: unknown): AttributeChange[] {
  const a = propertyMap(oldValue);
  const b = propertyMap(newValue);
  if (!a && !b) return [{ path, oldValue, newValue }];
  const names = [...new Set([...(a?.keys() ?? []), ...(b?.keys() ?? [])])];
  const base = path.replace(/(^| › )(properties|extensionElements)$/, '');
  return names
    .filter((n) => a?.get(n) !== b?.get(n))
    .map((n) => ({ path: base ? `${base} › ${n}` : n, oldValue: a?.get(n), newValue: b?.get(n) }));
}

/** A value as a person reads it: a reference by its id, a camunda property as `name=value`. */
export function formatValue(v: unknown): string {
  if (v === undefined || v === null || v === '') return '–';
  if (Array.isArray(v)) return v.map(formatValue).join(', ');
  if (typeof v === 'string') return truncate(v.replace(/^#ref:/, ''));
  if (typeof v !== 'object') return String(v);
  const m = v as ModdleLike;
  if (m.$type === 'camunda:Property') return `${String(m.name)}=${String(m.value ?? '')}`;
  const properties = propertyMap(m);
  if (properties) return truncate([...properties].map(([k, val]) => `${k}=${val}`).join(', '));
  if (typeof m.body === 'string') return truncate(m.body);
  if (typeof m.text === 'string') return truncate(m.text);
  return m.$type ? `${localName(m.$type)}${m.id ? ` ${m.id}` : ''}` : truncate(JSON.stringify(v));
}

const textOf = (v: unknown): string | undefined => {
  if (typeof v === 'string') return v;
  const m = v as ModdleLike | undefined;
  return typeof m?.text === 'string' ? m.text : typeof m?.body === 'string' ? m.body : undefined;
};

/** Both sides of a change; long texts (documentation) are cut around where they first differ. */
export function formatChange(change: AttributeChange): [string, string] {
  const a = textOf(change.oldValue);
  const b = textOf(change.newValue);
  if (a === undefined || b === undefined || (a.length <= 140 && b.length <= 140)) return [formatValue(change.oldValue), formatValue(change.newValue)];
  let same = 0;
  while (same < a.length && same < b.length && a[same] === b[same]) same++;
  const from = Math.max(0, same - 40);
  const cut = (s: string) => `${from > 0 ? '…' : ''}${truncate(s.slice(from))}`;
  return [cut(a), cut(b)];
}

function truncate(s: string): string {
  return s.length > 140 ? `${s.slice(0, 137)}…` : s;
}
