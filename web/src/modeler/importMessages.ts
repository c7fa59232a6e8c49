import { t } from '../i18n';

/**
 * bpmn-js and its XML reader (moddle) word their import warnings and errors in English, for
 * developers. These are the ones a diagram from disk can bring, in the user's language; an unknown
 * one is shown as it came.
 */

/** `<bpmn:Task id="Task_1" />` → `Task_1 (bpmn:Task)`. */
function element(text: string): string {
  const m = /^<([\w:-]+)(?: id="([^"]*))?"? ?\/>$/.exec(text.trim());
  if (!m) return text;
  return m[2] ? `${m[2]} (${m[1]})` : m[1];
}

const PATTERNS: [RegExp, string, (m: RegExpExecArray) => Record<string, string>][] = [
  [/^unparsable content (.*?) ?detected\s+line: (\d+)\s+column: (\d+)/, 'unparsable', (m) => ({ what: m[1] || '?', line: m[2], column: m[3] })],
  [/^unknown attribute <(.+)>$/, 'unknownAttribute', (m) => ({ name: m[1] })],
  [/^unresolved reference <(.+)>$/, 'unresolvedReference', (m) => ({ id: m[1] })],
  [/^unrecognized element <(.+)>$/, 'unrecognizedElement', (m) => ({ name: m[1] })],
  [/^multiple DI elements defined for (.+)$/, 'multipleDi', (m) => ({ element: element(m[1]) })],
  [/^no bpmnElement referenced in (.+)$/, 'noBpmnElement', (m) => ({ element: element(m[1]) })],
  [/^correcting missing bpmnElement on (.+) to (.+)$/, 'correctedPlane', (m) => ({ plane: element(m[1]), element: element(m[2]) })],
  [/^unrecognized flowElement (.+) in context (.+)$/, 'unrecognizedFlowElement', (m) => ({ element: element(m[1]), context: element(m[2]) })],
  [/^element (.+) referenced by (.+)#(\w+) not yet drawn$/, 'notYetDrawn', (m) => ({ element: element(m[1]), by: element(m[2]) })],
  [/^unknown di (.+) for element (.+)$/, 'unknownDi', (m) => ({ di: element(m[1]), element: element(m[2]) })],
  [/^missing (.+)#attachedToRef$/, 'missingAttachedTo', (m) => ({ element: element(m[1]) })],
  [/^(.+)#(source|target) Ref not specified$/, 'missingFlowEnd', (m) => ({ element: element(m[1]) })],
  [/^unsupported document encoding <(.+)>/, 'encoding', (m) => ({ encoding: m[1] })],
  [/^failed to parse document as <(.+)>/, 'notBpmn', () => ({})],
  [/^no diagram to display/, 'noDiagram', () => ({})],
  [/^no process or collaboration to display/, 'noProcess', () => ({})],
];

/** One import warning or error, in the user's language. */
export function describeImportMessage(message: string): string {
  const text = message.trim();
  for (const [pattern, key, args] of PATTERNS) {
    const m = pattern.exec(text);
    if (m) return t(`modeler.import.${key}`, args(m));
  }
  return t('modeler.import.other', { message: text.split('\n')[0] });
}
