import * as Elements from 'bpmn-elements';

/**
 * Non-interrupting message and signal boundary events (and the message starts of non-interrupting
 * event sub-processes, which run as such boundary events) with Camunda 7 semantics: each delivery
 * sends a new token out of the boundary while its activity stays, and the boundary waits again
 * for the next one until the activity ends. bpmn-elements re-arms a non-interrupting boundary
 * only when its event definition asks (`execute.repeat`, as its timer cycles do); its message and
 * signal definitions never ask, so after one delivery the boundary would be gone. These ask.
 */

interface CatchingThis {
  isThrowing: boolean;
  activity: { type: string; behaviour?: { cancelActivity?: unknown } };
  broker: { publish(exchange: string, routingKey: string, content: unknown, options?: unknown): void };
}

const Key = Symbol.for('executeMessage');

/** Whether this definition belongs to a boundary event that leaves its activity running. */
function repeats(self: CatchingThis): boolean {
  return !self.isThrowing && self.activity.type === 'bpmn:BoundaryEvent' && self.activity.behaviour?.cancelActivity === false;
}

function askToRepeat(self: CatchingThis): void {
  const executeMessage = (self as unknown as Record<symbol, { content: Record<string, unknown> } | undefined>)[Key];
  // Before execute.completed: the boundary queues its own restart, then completes this occurrence.
  if (executeMessage) self.broker.publish('execution', 'execute.repeat', { ...executeMessage.content });
}

// bpmn-elements ships plain JS with loose typings; we extend its constructors the prototype way.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const MessageBase = Elements.MessageEventDefinition as any;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const SignalBase = Elements.SignalEventDefinition as any;

export function RepeatingMessageEventDefinition(this: CatchingThis, activity: unknown, eventDefinition: unknown) {
  MessageBase.call(this, activity, eventDefinition);
}
RepeatingMessageEventDefinition.prototype = Object.create(MessageBase.prototype);
RepeatingMessageEventDefinition.prototype.constructor = RepeatingMessageEventDefinition;
RepeatingMessageEventDefinition.prototype._complete = function complete(this: CatchingThis, ...args: unknown[]) {
  if (repeats(this)) askToRepeat(this);
  return MessageBase.prototype._complete.apply(this, args);
};

export function RepeatingSignalEventDefinition(this: CatchingThis, activity: unknown, eventDefinition: unknown) {
  SignalBase.call(this, activity, eventDefinition);
}
RepeatingSignalEventDefinition.prototype = Object.create(SignalBase.prototype);
RepeatingSignalEventDefinition.prototype.constructor = RepeatingSignalEventDefinition;
RepeatingSignalEventDefinition.prototype._complete = function complete(this: CatchingThis, ...args: unknown[]) {
  if (repeats(this)) askToRepeat(this);
  return SignalBase.prototype._complete.apply(this, args);
};
