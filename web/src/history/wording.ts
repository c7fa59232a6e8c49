import { isRoleId, roles } from '../../../src/domain/roles';

/**
 * A history entry worded for people: element NAMES (never ids), answers under their form labels,
 * absent values left out. The technical view (the switch "Tampilkan detail teknis") adds the
 * token's own events and raw variable names, with ids where an element has no name.
 *
 * Pure: the translator is passed in, so the wording is unit-tested without a browser.
 */

export type Translate = (key: string, vars?: Record<string, string | number>) => string;

/** What a diagram says about its elements and forms (see diagramLabels.ts). */
export interface DiagramLabels {
  elementNames: Record<string, string>;
  /** Form field id (the variable it sets) → its label. */
  fieldLabels: Record<string, string>;
  /** Form field id → enum value id → the value's name. */
  enumNames: Record<string, Record<string, string>>;
}

export interface WordedEntry {
  type: string;
  elementId: string | null;
  data: Record<string, unknown>;
}

export interface Detail {
  label: string;
  value: string;
}

/**
 * A superior's extension of a deadline (Ditunda), as one sentence: "Ditunda: Menunggu data dukung,
 * tenggat 19/11/2026 08.00 → 23/11/2026 08.00 oleh Kasi". `formatAt` words an instant (WIB).
 */
export function extensionSentence(data: Record<string, unknown>, who: string, t: Translate, formatAt: (iso: string) => string): string | undefined {
  const { reason, from, to } = data;
  if (typeof reason !== 'string' || typeof from !== 'string' || typeof to !== 'string') return undefined;
  return t('plain.deadline-extended.sentence', { reason, from: formatAt(from), to: formatAt(to), who });
}

/** Events that trace the token rather than what a person or timer did. */
export const TECHNICAL_TYPES = new Set(['element-entered', 'element-left', 'flow-taken']);

export function isTechnical(type: string): boolean {
  return TECHNICAL_TYPES.has(type);
}

/** The element as people know it: its name; its id only in the technical view. */
export function elementLabel(elementId: string | null, labels: Pick<DiagramLabels, 'elementNames'>, technical: boolean): string | null {
  if (!elementId) return null;
  const name = labels.elementNames[elementId]?.trim();
  if (name) return name;
  return technical ? elementId : null;
}

/** "Tugas diselesaikan: Menyusun Jawaban". The plain wording unless the technical view asks for the engine's. */
export function entryTitle(entry: WordedEntry, labels: DiagramLabels, technical: boolean, t: Translate): string {
  const plainKey = `plain.${entry.type}`;
  // A migration names its versions: "Dipindahkan v1 → v2".
  const vars = entry.type === 'migrated' ? { from: String(entry.data.fromVersion ?? '?'), to: String(entry.data.toVersion ?? '?') } : undefined;
  const plain = t(plainKey, vars);
  const what = technical || plain === plainKey ? t(`event.${entry.type}`, vars) : plain;
  const name = elementLabel(entry.elementId, labels, technical);
  return name ? `${what}: ${name}` : what;
}

const isAbsent = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

function plainValue(field: string, value: unknown, labels: DiagramLabels, t: Translate): string | undefined {
  if (isAbsent(value)) return undefined;
  if (typeof value === 'boolean') return t(value ? 'plain.yes' : 'plain.no');
  if (typeof value === 'string') return labels.enumNames[field]?.[value] ?? value;
  if (typeof value === 'number') return String(value);
  return undefined; // lists and objects (attachments, mappings) are the technical view's
}

function rawValue(value: unknown): string {
  if (value === undefined || value === null) return '–';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * The details under an entry: for a completed task, what it answered (only what it changed, when
 * the record says). Plain: form labels, enum names, "Ya"/"Tidak", absent values left out.
 * Technical: variable names and raw values, an absent value as "–".
 */
export function entryDetails(entry: WordedEntry, labels: DiagramLabels, technical: boolean, t: Translate, when: (iso: string) => string = (iso) => iso): Detail[] {
  const d = entry.data;
  if (entry.type === 'migrated') return migrationDetails(d, labels, technical, t, when);
  if ((entry.type === 'task-completed' || entry.type === 'message-received') && d.variables && typeof d.variables === 'object') {
    const changed = Array.isArray(d.changedVariables) ? new Set(d.changedVariables as string[]) : undefined;
    const vars = Object.entries(d.variables as Record<string, unknown>).filter(([k]) => !changed || changed.has(k));
    if (technical) return vars.map(([k, v]) => ({ label: k, value: rawValue(v) }));
    return vars.flatMap(([k, v]) => {
      const label = labels.fieldLabels[k];
      const value = plainValue(k, v, labels, t);
      // A variable no form asked for is the process's bookkeeping: shown in the technical view.
      return label && value !== undefined ? [{ label, value }] : [];
    });
  }
  if (entry.type === 'notification') {
    const role = String(d.role ?? '');
    const who = isRoleId(role) ? roles[role].label : role;
    const reasonKey = `plain.reason.${String(d.reason ?? '')}`;
    const reason = t(reasonKey) === reasonKey ? String(d.reason ?? '') : t(reasonKey);
    const out: Detail[] = [
      { label: t('plain.notification.reason'), value: reason },
      { label: t('plain.notification.to'), value: technical ? `${role}${d.opd ? `:${String(d.opd)}` : ''}` : `${who}${d.opd ? ` (${String(d.opd)})` : ''}` },
    ];
    return out;
  }
  const out: Detail[] = [];
  for (const [key, label] of [
    ['message', 'plain.detail.message'],
    ['reason', 'plain.detail.reason'],
    ['calledElement', 'plain.detail.calledElement'],
  ] as const) {
    if (!isAbsent(d[key]) && typeof d[key] === 'string') out.push({ label: t(label), value: d[key] as string });
  }
  return out;
}

interface DueMove {
  elementId?: string;
  from?: string | null;
  to?: string | null;
}

/** A migration's details: each step that changed its id (old → new), each due date it moved (old → new). */
function migrationDetails(d: Record<string, unknown>, labels: DiagramLabels, technical: boolean, t: Translate, when: (iso: string) => string): Detail[] {
  const name = (id: string | undefined) => (id ? (elementLabel(id, labels, technical) ?? id) : '?');
  const out: Detail[] = [];
  for (const e of (Array.isArray(d.elements) ? d.elements : []) as { from?: string; to?: string }[]) {
    out.push({ label: t('plain.detail.step'), value: `${e.from ?? '?'} → ${name(e.to)}` });
  }
  for (const m of [...(Array.isArray(d.tasks) ? d.tasks : []), ...(Array.isArray(d.timers) ? d.timers : [])] as DueMove[]) {
    out.push({ label: t('plain.detail.due', { name: name(m.elementId) }), value: `${m.from ? when(m.from) : '–'} → ${m.to ? when(m.to) : '–'}` });
  }
  return out;
}
