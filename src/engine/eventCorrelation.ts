import type { Database } from '../db/database';
import type { Actor } from './actor';
import type { Clock } from '../clock';
import { conflict, notFound } from './errors';
import { claimSubscription, fanOutSignal, messageTargets, type Subscription } from './eventSubscriptions';
import type { Instances } from './instances';
import { claimJob } from './callActivities';
import { deleteJob, type TimerJob } from './timerJobs';
import type { Variables } from './variables';

/** One instance a message or signal reached: a waiting one moved on, or a new one its start event began. */
export interface EventReceiver {
  resultType: 'execution' | 'processDefinition';
  instanceId: string | null;
  processKey: string;
  elementId: string;
}

export interface MessageInput {
  messageName: string;
  businessKey?: string;
  processInstanceId?: string;
  variables?: Variables;
  all?: boolean;
  /**
   * More to record in the delivery's `message-received` history entry than the variables' names
   * (which is all a message records otherwise): e.g. the reporter's reply, so the complaint's
   * history shows what was answered without reading the instance's variables.
   */
  record?: Record<string, unknown>;
}

/**
 * Messages and signals with Camunda 7's semantics (RuntimeService.correlateMessage,
 * signalEventReceived). A message goes to what waits for it (a catch event, boundary event or
 * receive task of a running instance, narrowed by business key or instance id), else to the
 * message start event of a process's latest version; one receiver unless `all`. A signal goes to
 * everything waiting for it. Each delivery commits in the transaction of the instance it moves,
 * which also claims the wait, so two deliveries to the same wait cannot both succeed.
 */
export class EventCorrelation {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly instances: Instances,
  ) {}

  async correlateMessage(input: MessageInput, actor: Actor | null): Promise<EventReceiver[]> {
    const name = input.messageName;
    const targets = await messageTargets(this.db, { name, businessKey: input.businessKey, processInstanceId: input.processInstanceId });
    const waiting = targets.filter((t) => t.instanceId);
    // Camunda 7: waiting executions first; a start event only when nothing waits (or with all).
    const chosen = input.all ? targets : waiting.length ? waiting : targets;
    // correlateAll finding nothing is no error in Camunda 7; a single correlation is.
    if (chosen.length === 0 && !input.all) throw notFound(`nothing waits for the message "${name}"`).as('message.notCorrelated', { name });
    if (!input.all && chosen.length > 1) {
      throw conflict(`the message "${name}" would reach ${chosen.length} receivers; narrow it with businessKey or processInstanceId, or send "all": true`, {
        receivers: chosen.map(describe),
      }).as('message.ambiguous', { name, count: chosen.length });
    }
    const received: EventReceiver[] = [];
    for (const target of chosen) received.push(await this.deliverMessage(target, input, actor));
    return received;
  }

  /** Broadcasts a signal: one job per receiver, carried out before this returns (the poller is the safety net). */
  async broadcastSignal(input: { name: string; variables?: Variables }, actor: Actor | null): Promise<EventReceiver[]> {
    const targets = await fanOutSignal(this.db, { name: input.name, variables: input.variables ?? {}, now: this.clock.now(), actor: actor?.username ?? null });
    if (targets.length) await this.instances.followUp();
    return targets.map((t) => ({
      resultType: t.instanceId ? 'execution' : 'processDefinition',
      instanceId: t.instanceId,
      processKey: t.processKey,
      elementId: t.elementId,
    }));
  }

  /** Carries out one `signal` job: its wait receives the signal, or its start event starts an instance. */
  async receiveSignal(job: TimerJob): Promise<void> {
    const name = String(job.payload.name ?? '');
    const variables = (job.payload.variables ?? {}) as Variables;
    const actor = typeof job.payload.actor === 'string' ? job.payload.actor : null;
    const history = { type: 'signal-received' as const, elementId: job.elementId, at: this.clock.now(), actor, data: { name, variables: Object.keys(variables) } };
    const claim = async (tx: Parameters<typeof claimJob>[0]) => {
      if (!(await claimJob(tx, job.id))) throw conflict('the signal was delivered by another worker');
    };
    if (job.definitionId) {
      await this.instances.start(String(job.payload.processKey ?? ''), { variables }, null, {
        definitionId: job.definitionId,
        byEvent: { history },
        beforeCommit: claim,
      });
      return;
    }
    const { rows } = await this.db.query<{ id: string }>(
      `select s.id from event_subscriptions s join process_instances i on i.id = s.instance_id
        where s.instance_id = $1 and s.execution_id = $2 and i.status = 'running'`,
      [job.instanceId, job.executionId],
    );
    // The wait ended before the job ran (a timer, a message): nothing receives the signal.
    if (!rows[0]) return deleteJob(this.db, job.id);
    await this.instances.advance(job.instanceId!, {
      actor,
      deliver: { elementId: job.elementId, executionId: job.executionId!, variables },
      beforeCommit: async (tx) => {
        await claim(tx);
        return [{ ...history, instanceId: job.instanceId }];
      },
    });
  }

  private async deliverMessage(target: Subscription, input: MessageInput, actor: Actor | null): Promise<EventReceiver> {
    const variables = input.variables ?? {};
    const history = {
      type: 'message-received' as const,
      elementId: target.elementId,
      at: this.clock.now(),
      actor: actor?.username ?? null,
      data: { ...input.record, name: input.messageName, variables: Object.keys(variables) },
    };
    if (!target.instanceId) {
      const started = await this.instances.start(target.processKey, { businessKey: input.businessKey, variables }, actor, {
        definitionId: target.definitionId!,
        byEvent: { history },
      });
      return { resultType: 'processDefinition', instanceId: started.id, processKey: target.processKey, elementId: target.elementId };
    }
    await this.instances.advance(target.instanceId, {
      actor: actor?.username ?? null,
      deliver: { elementId: target.elementId, executionId: target.executionId!, variables },
      beforeCommit: async (tx) => {
        if (!(await claimSubscription(tx, target.id))) throw conflict(`the message "${input.messageName}" was just delivered to this wait`).as('event.noLongerWaiting');
        return [{ ...history, instanceId: target.instanceId }];
      },
    });
    return { resultType: 'execution', instanceId: target.instanceId, processKey: target.processKey, elementId: target.elementId };
  }
}

function describe(t: Subscription): Record<string, unknown> {
  return t.instanceId ? { instanceId: t.instanceId, processKey: t.processKey, elementId: t.elementId } : { processKey: t.processKey, elementId: t.elementId, start: true };
}
