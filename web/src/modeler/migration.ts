import { ApiError, post } from '../api';

/** The answers of POST /api/process-definitions/:key/migrations (src/engine/instanceMigration.ts). */
export interface DueChange {
  from: string | null;
  to: string | null;
}

export interface InstanceMigrationResult {
  instanceId: string;
  businessKey: string | null;
  status: 'moved' | 'planned' | 'failed';
  code?: string;
  reason?: string;
  elements: { from: string; to: string }[];
  tasks: { taskId: string; elementId: string; name: string | null; assignee: string | null; dueAt: DueChange }[];
  timers: { jobId: string; elementId: string; dueAt: DueChange }[];
}

export interface MigrationReport {
  from: number;
  to: number;
  dryRun: boolean;
  remaining: number;
  results: InstanceMigrationResult[];
}

export interface MigrationProblem {
  instanceId: string;
  elementId: string;
  target: string | null;
  reason: 'missing' | 'otherKind' | 'otherHost' | 'sharedTarget';
}

/** How many instances one request moves: small, so the progress bar advances as they go. */
export const MIGRATION_STEP = 5;

export function migrate(
  key: string,
  body: { from: number; to: number; instances: string[] | 'all'; mapping: Record<string, string>; dryRun: boolean },
): Promise<MigrationReport> {
  return post<MigrationReport>(`/api/process-definitions/${encodeURIComponent(key)}/migrations`, body);
}

/** The elements a refused migration could not map (its 400's detail), or undefined for another error. */
export function problemsOf(error: unknown): MigrationProblem[] | undefined {
  if (!(error instanceof ApiError) || error.code !== 'migration.unmappable' || !error.detail) return undefined;
  try {
    const parsed = JSON.parse(error.detail) as unknown;
    return Array.isArray(parsed) ? (parsed as MigrationProblem[]) : undefined;
  } catch {
    return undefined;
  }
}

/** The flow elements of a diagram version (id → name), for the mapping's choices. */
export function flowElementsOf(xml: string): { id: string; name: string }[] {
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  const out: { id: string; name: string }[] = [];
  for (const el of Array.from(doc.getElementsByTagNameNS('http://www.omg.org/spec/BPMN/20100524/MODEL', '*'))) {
    const id = el.getAttribute('id');
    if (!id || el.localName === 'sequenceFlow' || !/(Task|Event|SubProcess|CallActivity|Gateway)$/i.test(el.localName)) continue;
    out.push({ id, name: el.getAttribute('name') ?? '' });
  }
  return out;
}
