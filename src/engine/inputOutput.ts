import { expressions } from './expressions';
import type { Variables } from './variables';

/**
 * `camunda:inputOutput` on user tasks and sub-processes, with Camunda 7's scoping:
 * - each `camunda:inputParameter` is evaluated when the activity is entered and becomes a local
 *   variable of the activity: a user task's candidates and due date see it, as does everything
 *   inside a sub-process; the process does not. They are kept in the activity's run message, so
 *   they survive in the stored state exactly as evaluated.
 * - each `camunda:outputParameter` is evaluated when the activity ends, over the process's
 *   variables, the activity's locals and what completing the task set, and is set on the process.
 * - completing a task sets a variable named like one of its inputs locally (it ends with the
 *   task unless an output maps it); every other variable goes to the process, as without a mapping.
 * A value is text, or `${…}` (the whole value keeps its type, text around one makes a string);
 * no value is null. Script, list and map values are refused at deploy.
 */

export interface Parameter {
  name: string;
  /** The text or `${…}` expression; undefined is null. */
  value: string | undefined;
}

export interface InputOutput {
  inputs: Parameter[];
  outputs: Parameter[];
}

interface MappingElement {
  $type: string;
  inputParameters?: { name?: string; value?: string; definition?: unknown }[];
  outputParameters?: { name?: string; value?: string; definition?: unknown }[];
}

/** The mapping of an activity's extension elements, or undefined without `camunda:inputOutput`. */
export function readInputOutput(extensions: MappingElement[]): InputOutput | undefined {
  const io = extensions.find((e) => e.$type === 'camunda:InputOutput');
  if (!io) return undefined;
  const params = (list: MappingElement['inputParameters']) =>
    (list ?? []).filter((p) => p.name?.trim()).map((p) => ({ name: p.name!.trim(), value: typeof p.value === 'string' ? p.value : undefined }));
  return { inputs: params(io.inputParameters), outputs: params(io.outputParameters) };
}

/** Evaluates parameters in order; a later one sees the earlier ones (Camunda evaluates them one by one). */
export function evaluateParameters(params: Parameter[], scope: Variables): Variables {
  const out: Variables = {};
  const context = { environment: { variables: { ...scope } } };
  for (const p of params) {
    const value = p.value === undefined || p.value === '' ? null : expressions.resolveExpression(p.value, context);
    out[p.name] = value === undefined ? null : value;
    context.environment.variables[p.name] = out[p.name];
  }
  return out;
}

/** The variables a task completion sets on the process: those not named like one of its inputs. */
export function processPart(io: InputOutput | undefined, variables: Variables): Variables {
  if (!io || io.inputs.length === 0) return variables;
  const local = new Set(io.inputs.map((p) => p.name));
  return Object.fromEntries(Object.entries(variables).filter(([k]) => !local.has(k)));
}

interface ExtensionActivity {
  id: string;
  environment: { variables: Variables };
  broker: {
    publish(exchange: string, routingKey: string, content: unknown): void;
    subscribeTmp(exchange: string, pattern: string, fn: (routingKey: string, message: { content: Record<string, unknown> }) => void, options: object): void;
    cancel(consumerTag: string): void;
  };
}

/** Where input locals live in an activity's messages (and its stored state). */
export const INPUT_LOCALS = 'inputLocals';

/**
 * The bpmn-engine extension that runs the mappings of `mappings` (by element id); `onOutput`
 * receives the variables an activity's outputs set on the process.
 */
export function inputOutputExtension(mappings: Map<string, InputOutput>, onOutput: (variables: Variables) => void) {
  return (activity: ExtensionActivity) => {
    const io = mappings.get(activity.id);
    if (!io) return undefined;
    const tag = '_camunda-io-output';
    return {
      activate(message: { fields: { routingKey?: string; redelivered?: boolean }; content: Record<string, unknown> }) {
        if (message.fields.routingKey === 'run.enter' && !message.fields.redelivered && io.inputs.length) {
          const locals = evaluateParameters(io.inputs, activity.environment.variables);
          activity.broker.publish('format', 'run.camunda.input', { [INPUT_LOCALS]: locals });
        }
        if (!io.outputs.length) return;
        activity.broker.cancel(tag);
        activity.broker.subscribeTmp(
          'event',
          'activity.end',
          (_key, end) => {
            const content = end.content;
            if (content.id !== activity.id) return;
            if (content.isMultiInstance && content.index !== undefined) return; // the loop as a whole maps, once
            const completion = ((content.output as { variables?: Variables } | undefined)?.variables ?? {}) as Variables;
            const scope = { ...activity.environment.variables, ...((content[INPUT_LOCALS] as Variables | undefined) ?? {}), ...completion };
            onOutput(evaluateParameters(io.outputs, scope));
          },
          { noAck: true, consumerTag: tag },
        );
      },
      deactivate() {
        activity.broker.cancel(tag);
      },
    };
  };
}
