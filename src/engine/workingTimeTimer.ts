import { TimerEventDefinition } from 'bpmn-elements';

/**
 * What a timer needs from us at run time, handed to bpmn-engine as `services.workflowTime`.
 * bpmn-elements reads `new Date()` and counts calendar time; we substitute the workflow clock
 * and, for timers marked `calendar=hari-kerja`, the Indonesian working calendar.
 */
export interface WorkflowTimeService {
  now(): Date;
  /**
   * Due date of the timer on element `elementId`, counted from `from`; `repeat` as bpmn-elements
   * counts it (-1 unbounded).
   */
  due(elementId: string, elementType: string, timerType: string, value: string, from: Date): { expireAt: Date; repeat?: number };
  /**
   * The due date the timer job of this execution holds, when the instance has one: the job is
   * the deadline's record, moved by a calendar change (src/engine/deadlines.ts), and beats the
   * due date the engine's state remembers.
   */
  dueOf?(executionId: string): Date | undefined;
}

interface TimerResult {
  expireAt?: Date;
  timeout?: number;
  repeat?: number;
  timerType?: string;
  [k: string]: unknown;
}

interface TimerMessage {
  content: Record<string, unknown> & { expireAt?: string | Date; inbound?: { repeat?: number }[] };
  fields: { routingKey: string; redelivered?: boolean };
}

const timerTypes = ['timeDuration', 'timeDate', 'timeCycle'] as const;

// bpmn-elements ships plain JS with loose typings; we extend its constructor the prototype way.
type TimerEventDefinitionThis = {
  activity: { id: string; type: string };
  environment: { services: { workflowTime: WorkflowTimeService }; resolveExpression(expr: string, msg: unknown): string };
  [k: string]: unknown;
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const Base = TimerEventDefinition as any;

/**
 * A TimerEventDefinition whose due dates come from WorkflowTimeService. A stored due date
 * (`expireAt` in a recovered message) is kept, so resuming an instance never moves its deadline;
 * once the workflow clock passes it, the timer completes as soon as the instance is resumed,
 * which is exactly how our durable job fires it.
 */
export function WorkingTimeTimerEventDefinition(this: TimerEventDefinitionThis, activity: unknown, eventDefinition: unknown) {
  Base.call(this, activity, eventDefinition);
}
WorkingTimeTimerEventDefinition.prototype = Object.create(Base.prototype);
WorkingTimeTimerEventDefinition.prototype.constructor = WorkingTimeTimerEventDefinition;

WorkingTimeTimerEventDefinition.prototype._getTimers = function getTimers(this: TimerEventDefinitionThis, message: TimerMessage): TimerResult {
  const content = message.content;
  const time = this.environment.services.workflowTime;
  const now = time.now();
  const result: TimerResult = {};
  const recorded = content.executionId ? time.dueOf?.(String(content.executionId)) : undefined;
  const stored = recorded ?? (content.expireAt ? new Date(content.expireAt) : undefined);
  // A cycle's next repetition counts from the moment the previous one fired (bpmn-elements does
  // not hand us the previous due date), so it may lag by up to one scheduler poll per repetition.
  const from = now;
  for (const timerType of timerTypes) {
    let value: unknown;
    if (timerType in content) value = content[timerType];
    else if (timerType in this) value = this.environment.resolveExpression(this[timerType] as string, message);
    else continue;
    result[timerType] = value;
    if (!value || result.expireAt) continue;
    const due = time.due(this.activity.id, this.activity.type, timerType, String(value), from);
    result.timerType = timerType;
    result.expireAt = due.expireAt;
    result.repeat = due.repeat;
  }
  // A recovered or repeated timer carries its due date; a repeat must move past the one that fired.
  if (stored) result.expireAt = stored;
  if (content.inbound?.[0] && 'repeat' in content.inbound[0]) result.repeat = content.inbound[0].repeat;
  result.timeout = result.expireAt ? result.expireAt.getTime() - now.getTime() : 0;
  return result;
};
