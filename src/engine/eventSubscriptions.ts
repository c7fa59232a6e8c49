import { randomUUID } from 'node:crypto';
import type { Queryable } from '../db/database';
import type { EventTrigger } from './bpmnDefinition';
import type { WaitingEvent } from './processRuntime';
import { invalidBpmn } from './errors';
import type { BatchPart } from './statementBatch';
import type { Variables } from './variables';

/**
 * What waits for a message or signal, one SQL operation per function. An instance waiting in a
 * catch event, boundary event or receive task has a row per wait, kept in step with its engine on
 * every commit (like its task rows and timer jobs); the start event of a process's latest version
 * has a row per definition, replaced at each deployment (like start timers). Correlation reads
 * these rows by name, never the engine states.
 */
export type EventKind = 'message' | 'signal';

/** One thing a message or signal can reach: a waiting instance, or a start event (instanceId null). */
export interface Subscription {
  id: string;
  kind: EventKind;
  name: string;
  instanceId: string | null;
  executionId: string | null;
  definitionId: number | null;
  elementId: string;
  /** The process key (of the instance, or of the start event's definition). */
  processKey: string;
  businessKey: string | null;
}

interface SubscriptionRow {
  id: string;
  kind: EventKind;
  name: string;
  instance_id: string | null;
  execution_id: string | null;
  definition_id: number | null;
  element_id: string;
  process_key: string;
  business_key: string | null;
}

const toSubscription = (r: SubscriptionRow): Subscription => ({
  id: r.id,
  kind: r.kind,
  name: r.name,
  instanceId: r.instance_id,
  executionId: r.execution_id,
  definitionId: r.definition_id,
  elementId: r.element_id,
  processKey: r.process_key,
  businessKey: r.business_key,
});

// Waits of running instances, and start events (only the latest version of a key has rows).
const reachable = `
  select s.id, s.kind, s.name, s.instance_id, s.execution_id, s.definition_id, s.element_id,
         coalesce(i.key, d.key) as process_key, i.business_key
    from event_subscriptions s
    left join process_instances i on i.id = s.instance_id
    left join process_definitions d on d.id = s.definition_id
   where s.kind = $1 and s.name = $2 and (i.status = 'running' or s.definition_id is not null)`;

/**
 * The writes that make the instance's subscription rows exactly its engine's waits: waits gone
 * are deleted, new ones inserted (a wait seen again after recovery is the same row).
 */
export function subscriptionParts(instanceId: string, waiting: WaitingEvent[], triggers: Map<string, EventTrigger>, now: Date): BatchPart[] {
  const rows = waiting.map((w) => ({ w, t: triggers.get(w.elementId) })).filter((r): r is { w: WaitingEvent; t: EventTrigger } => Boolean(r.t));
  const parts: BatchPart[] = [
    {
      sql: `delete from event_subscriptions where instance_id = $1 and not (execution_id = any($2::text[]))`,
      params: [instanceId, rows.map((r) => r.w.executionId)],
    },
  ];
  if (rows.length) {
    parts.push({
      sql: `insert into event_subscriptions (id, kind, name, instance_id, execution_id, element_id, created_at)
            select gen_random_uuid(), k, n, $1, x, e, $6 from unnest($2::text[], $3::text[], $4::text[], $5::text[]) as t(k, n, x, e)
            on conflict (instance_id, execution_id) do nothing`,
      params: [instanceId, rows.map((r) => r.t.kind), rows.map((r) => r.t.name), rows.map((r) => r.w.executionId), rows.map((r) => r.w.elementId), now.toISOString()],
    });
  }
  return parts;
}

/** A new version replaces the start subscriptions of the older ones: only the latest version starts by message or signal. */
export async function scheduleEventStart(tx: Queryable, args: { definitionId: number; key: string; start: EventTrigger | undefined; now: Date }): Promise<void> {
  await tx.query(
    `delete from event_subscriptions where instance_id is null and definition_id in (select id from process_definitions where key = $1)`,
    [args.key],
  );
  if (!args.start) return;
  if (args.start.kind === 'message') {
    // Camunda 7 refuses the deployment: one message starts at most one process.
    const { rows } = await tx.query<{ key: string }>(
      `select d.key from event_subscriptions s join process_definitions d on d.id = s.definition_id
        where s.instance_id is null and s.kind = 'message' and s.name = $1 and d.key <> $2 limit 1`,
      [args.start.name, args.key],
    );
    if (rows[0]) throw invalidBpmn(`start event ${args.start.elementId}: the message "${args.start.name}" already starts the process "${rows[0].key}"`);
  }
  await tx.query(
    `insert into event_subscriptions (id, kind, name, definition_id, element_id, created_at) values ($1, $2, $3, $4, $5, $6)`,
    [randomUUID(), args.start.kind, args.start.name, args.definitionId, args.start.elementId, args.now.toISOString()],
  );
}

/** What a message of this name reaches (Camunda 7: businessKey and processInstanceId narrow it; an instance id excludes start events). */
export async function messageTargets(db: Queryable, args: { name: string; businessKey?: string; processInstanceId?: string }): Promise<Subscription[]> {
  const params: unknown[] = ['message', args.name];
  let sql = reachable;
  if (args.processInstanceId) {
    params.push(args.processInstanceId);
    sql += ` and s.instance_id = $${params.length}`;
  }
  if (args.businessKey) {
    params.push(args.businessKey);
    sql += ` and (i.business_key = $${params.length} or s.definition_id is not null)`;
  }
  const { rows } = await db.query<SubscriptionRow>(`${sql} order by s.created_at, s.id`, params);
  return rows.map(toSubscription);
}

/** Claims one wait for the delivery committing in `tx`: a second delivery finds it gone. */
export async function claimSubscription(tx: Queryable, id: string): Promise<boolean> {
  const { rowCount } = await tx.query('delete from event_subscriptions where id = $1', [id]);
  return rowCount === 1;
}

/**
 * A signal reaches everything waiting for it now: one `signal` job per wait and per start event,
 * inserted in one statement (in the thrower's transaction, or on its own for POST /api/signals),
 * each carried out in the transaction of the instance it moves. `except` is the throwing instance,
 * whose own waits bpmn-engine already signalled in the same run.
 */
export async function fanOutSignal(
  db: Queryable,
  args: { name: string; variables: Variables; now: Date; actor: string | null; except?: string },
): Promise<{ instanceId: string | null; definitionId: number | null; elementId: string; processKey: string }[]> {
  const { rows } = await db.query<{ instance_id: string | null; definition_id: number | null; element_id: string; process_key: string }>(
    `with targets as (${reachable} and ($3::uuid is null or s.instance_id is distinct from $3::uuid))
     insert into jobs (id, kind, instance_id, definition_id, element_id, execution_id, due_at, created_at, payload)
     select gen_random_uuid(), 'signal', t.instance_id, t.definition_id, t.element_id, t.execution_id, $4, $4,
            jsonb_build_object('name', $2::text, 'variables', $5::jsonb, 'processKey', t.process_key, 'actor', $6::text)
       from targets t
     on conflict (instance_id, execution_id) do nothing
     returning instance_id, definition_id, element_id, payload->>'processKey' as process_key`,
    ['signal', args.name, args.except ?? null, args.now.toISOString(), JSON.stringify(args.variables), args.actor],
  );
  return rows.map((r) => ({ instanceId: r.instance_id, definitionId: r.definition_id, elementId: r.element_id, processKey: r.process_key }));
}
