import { createHash } from 'node:crypto';
import type { Database, Queryable } from '../db/database';
import type { Clock } from '../clock';
import { compileDiagram, type CompiledDiagram, type ProcessModel } from './bpmnDefinition';
import { badRequest, notFound } from './errors';
import { appendHistory } from './history';
import { scheduleStartTimers } from './timerJobs';
import { scheduleEventStart } from './eventSubscriptions';
import type { WorkingCalendarProvider } from './calendarProvider';

/**
 * Which candidate groups exist. The SOP roles and the groups admins add (src/domain/groups.ts)
 * live outside the engine; without a catalogue, deployments take any group.
 */
export interface GroupCatalogue {
  /** Of `ids`, those that name neither an SOP role nor an active group. */
  unknownAmong(ids: readonly string[], db: Queryable): Promise<string[]>;
}

export interface ProcessDefinition {
  id: number;
  key: string;
  version: number;
  name: string | null;
  sha256: string;
  deploymentId: number;
  createdAt: string;
}

export interface LoadedDefinition {
  definition: ProcessDefinition;
  diagram: CompiledDiagram;
  model: ProcessModel;
}

export interface DeployedProcess {
  created: boolean;
  id: number;
  key: string;
  version: number;
  name: string | null;
}

/** The first executable process's version, and every process the diagram holds. */
export interface DeployResult extends DeployedProcess {
  processes: DeployedProcess[];
}

interface DefinitionRow {
  id: number;
  key: string;
  version: number;
  name: string | null;
  sha256: string;
  deployment_id: number;
  created_at: Date | string;
}

const columns = 'id, key, version, name, sha256, deployment_id, created_at';

function toDefinition(r: DefinitionRow): ProcessDefinition {
  return {
    id: r.id,
    key: r.key,
    version: r.version,
    name: r.name,
    sha256: r.sha256,
    deploymentId: r.deployment_id,
    createdAt: new Date(r.created_at).toISOString(),
  };
}

/**
 * Versioned deployments. A diagram is parsed once per version and kept compiled in memory;
 * instances run on the version they started with, so older versions stay loadable.
 */
export class Deployments {
  private readonly compiled = new Map<number, Promise<LoadedDefinition>>();
  /** Set by the system's wiring: a task offered to a group nobody can be in would wait forever. */
  groups: GroupCatalogue | undefined;

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly calendars: WorkingCalendarProvider,
  ) {}

  /**
   * Validates and stores a diagram. Each executable process in it is versioned by its key: a key
   * whose content (sha256 of the XML) changed gets version+1; identical content keeps its version.
   */
  async deploy(input: { name: string; xml: string }, actor: string | null): Promise<DeployResult> {
    const diagram = await compileDiagram(input.xml);
    const sha256 = createHash('sha256').update(input.xml).digest('hex');
    const calendar = await this.calendars.get();
    const now = this.clock.now();
    const processes = await this.db.transaction(async (tx) => {
      await this.refuseUnknownGroups(diagram, tx);
      let deploymentId: number | undefined;
      const results: DeployedProcess[] = [];
      for (const model of diagram.processes) {
        // Serialises deployments of one key across app processes, so versions never collide.
        await tx.query('select pg_advisory_xact_lock(hashtext($1))', [`deploy:${model.key}`]);
        const { rows: latest } = await tx.query<DefinitionRow>(
          `select ${columns} from process_definitions where key = $1 order by version desc limit 1`,
          [model.key],
        );
        if (latest[0] && latest[0].sha256 === sha256) {
          results.push({ created: false, id: latest[0].id, key: model.key, version: latest[0].version, name: latest[0].name });
          continue;
        }
        deploymentId ??= (
          await tx.query<{ id: number }>('insert into deployments (name, created_at, created_by) values ($1, $2, $3) returning id', [
            input.name,
            now.toISOString(),
            actor,
          ])
        ).rows[0].id;
        const version = (latest[0]?.version ?? 0) + 1;
        const { rows: def } = await tx.query<{ id: number }>(
          `insert into process_definitions (key, version, name, xml, sha256, deployment_id, created_at)
           values ($1, $2, $3, $4, $5, $6, $7) returning id`,
          [model.key, version, model.name ?? null, input.xml, sha256, deploymentId, now.toISOString()],
        );
        await scheduleStartTimers(tx, { definitionId: def[0].id, key: model.key, starts: model.timerStartEvents, now, calendar });
        await scheduleEventStart(tx, { definitionId: def[0].id, key: model.key, start: model.eventStart, now });
        await appendHistory(tx, [
          { instanceId: null, type: 'deployment', at: now, actor, data: { key: model.key, version, definitionId: def[0].id, deployment: input.name } },
        ]);
        results.push({ created: true, id: def[0].id, key: model.key, version, name: model.name ?? null });
      }
      return results;
    });
    return { ...processes[0], created: processes.some((p) => p.created), processes };
  }

  /** 400 naming each element and the group it names that is neither an SOP role nor an active group. */
  private async refuseUnknownGroups(diagram: CompiledDiagram, tx: Queryable): Promise<void> {
    if (!this.groups) return;
    const refs = diagram.processes.flatMap((p) => p.groupReferences);
    const unknown = new Set(await this.groups.unknownAmong(refs.map((r) => r.group), tx));
    const bad = refs.filter((r) => unknown.has(r.group));
    if (!bad.length) return;
    const detail = bad.map((r) => `${r.elementId} camunda:${r.attribute}: "${r.group}" is neither an SOP role nor an active group (GET /api/roles, /api/groups)`).join('; ');
    throw badRequest('invalid BPMN: unknown candidate group', detail).as('bpmn.unknownGroup', { element: bad[0].elementId, group: bad[0].group });
  }

  async latest(): Promise<ProcessDefinition[]> {
    const { rows } = await this.db.query<DefinitionRow>(
      `select distinct on (key) ${columns} from process_definitions order by key, version desc`,
    );
    return rows.map(toDefinition);
  }

  async versions(key: string): Promise<ProcessDefinition[]> {
    const { rows } = await this.db.query<DefinitionRow>(
      `select ${columns} from process_definitions where key = $1 order by version`,
      [key],
    );
    if (rows.length === 0) throw notFound(`no process definition with key "${key}"`);
    return rows.map(toDefinition);
  }

  async xml(key: string, version: number): Promise<string> {
    const { rows } = await this.db.query<{ xml: string }>(
      'select xml from process_definitions where key = $1 and version = $2',
      [key, version],
    );
    if (!rows[0]) throw notFound(`process "${key}" has no version ${version}`);
    return rows[0].xml;
  }

  /** One version with its XML (the SOP sheet reads both); 404 when the key has no such version. */
  async versionWithXml(key: string, version: number): Promise<ProcessDefinition & { xml: string }> {
    const { rows } = await this.db.query<DefinitionRow & { xml: string }>(
      `select ${columns}, xml from process_definitions where key = $1 and version = $2`,
      [key, version],
    );
    if (!rows[0]) throw notFound(`process "${key}" has no version ${version}`);
    return { ...toDefinition(rows[0]), xml: rows[0].xml };
  }

  async latestLoaded(key: string): Promise<LoadedDefinition> {
    const { rows } = await this.db.query<{ id: number }>(
      'select id from process_definitions where key = $1 order by version desc limit 1',
      [key],
    );
    if (!rows[0]) throw notFound(`no process definition with key "${key}"`);
    return this.load(rows[0].id);
  }

  /** The compiled diagram of one version, parsed at most once per process. */
  load(definitionId: number, db: Queryable = this.db): Promise<LoadedDefinition> {
    let entry = this.compiled.get(definitionId);
    if (!entry) {
      entry = this.compile(definitionId, db);
      this.compiled.set(definitionId, entry);
      entry.catch(() => this.compiled.delete(definitionId));
    }
    return entry;
  }

  private async compile(definitionId: number, db: Queryable): Promise<LoadedDefinition> {
    const { rows } = await db.query<DefinitionRow & { xml: string }>(
      `select ${columns}, xml from process_definitions where id = $1`,
      [definitionId],
    );
    if (!rows[0]) throw notFound(`no process definition with id ${definitionId}`);
    const diagram = await compileDiagram(rows[0].xml);
    const model = diagram.processes.find((p) => p.key === rows[0].key);
    if (!model) throw notFound(`definition ${definitionId} no longer holds process "${rows[0].key}"`);
    return { definition: toDefinition(rows[0]), diagram, model };
  }
}
