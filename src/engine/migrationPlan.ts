import type { ProcessModel } from './bpmnDefinition';
import type { EngineState } from './processRuntime';

/**
 * The pure half of instance migration (src/engine/instanceMigration.ts): which element of the
 * target version each active element of an instance becomes, what is wrong with that, and the
 * engine state with its element ids rewritten. Nothing here reads or writes the database.
 */

/** Why an active element cannot move: no element of that id in the target, another kind, or another host. */
export type UnmappableReason = 'missing' | 'otherKind' | 'otherHost' | 'sharedTarget';

export interface MigrationProblem {
  instanceId: string;
  elementId: string;
  /** The element it would become, when there is one. */
  target: string | null;
  reason: UnmappableReason;
}

/** Old element id → new: the same id unless `overrides` says otherwise. */
export function targetOf(elementId: string, overrides: Readonly<Record<string, string>>): string {
  return Object.hasOwn(overrides, elementId) ? overrides[elementId] : elementId;
}

/**
 * The problems of moving one instance's active elements from version A to B: each must become an
 * element of B of the same kind (a user task a user task, a timer boundary event a timer boundary
 * event); a boundary event must stay on the element its host becomes; two elements may not become one.
 */
export function mappingProblems(
  instanceId: string,
  active: readonly string[],
  a: ProcessModel,
  b: ProcessModel,
  overrides: Readonly<Record<string, string>>,
): MigrationProblem[] {
  const problems: MigrationProblem[] = [];
  const seen = new Map<string, string>();
  for (const elementId of active) {
    const target = targetOf(elementId, overrides);
    const kind = b.elementKinds.get(target);
    if (!kind) {
      problems.push({ instanceId, elementId, target: null, reason: 'missing' });
      continue;
    }
    if (kind !== a.elementKinds.get(elementId)) {
      problems.push({ instanceId, elementId, target, reason: 'otherKind' });
      continue;
    }
    const host = a.attachedTo.get(elementId);
    if (host && b.attachedTo.get(target) !== targetOf(host, overrides)) {
      problems.push({ instanceId, elementId, target, reason: 'otherHost' });
      continue;
    }
    const other = seen.get(target);
    if (other !== undefined && other !== elementId) problems.push({ instanceId, elementId, target, reason: 'sharedTarget' });
    seen.set(target, elementId);
  }
  return problems;
}

/**
 * The stored engine state with each renamed element's id replaced wherever the state names it
 * (a child's own state, the broker messages about it, the flows and hosts that point at it).
 * Execution ids stay as they are: task and timer rows are keyed by them. Variables are left
 * alone, and a child state already holding a new id (an element passed earlier) gives way, so
 * the recovered process never has two states for one element.
 */
export function rewriteState(state: EngineState, renames: ReadonlyMap<string, string>): EngineState {
  if (renames.size === 0) return state;
  const targets = new Set([...renames.values()].filter((t) => !renames.has(t)));
  const visit = (value: unknown, key: string): unknown => {
    if (typeof value === 'string') return renames.get(value) ?? value;
    if (Array.isArray(value)) {
      const kept = key === 'children' ? value.filter((c) => !targets.has((c as { id?: string } | null)?.id ?? '')) : value;
      return kept.map((v) => visit(v, ''));
    }
    if (value && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) out[k] = k === 'environment' || k === 'variables' ? v : visit(v, k);
      return out;
    }
    return value;
  };
  return visit(state, '') as EngineState;
}

/** The renames an instance needs: its active elements whose target id differs, and the elements they contain. */
export function renamesFor(active: readonly string[], overrides: Readonly<Record<string, string>>): Map<string, string> {
  const renames = new Map<string, string>();
  for (const elementId of active) {
    const target = targetOf(elementId, overrides);
    if (target !== elementId) renames.set(elementId, target);
  }
  return renames;
}
