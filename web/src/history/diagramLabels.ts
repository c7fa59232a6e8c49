import type { DiagramLabels } from './wording';

const CAMUNDA = 'http://camunda.org/schema/1.0/bpmn';

/**
 * Element names, form field labels and enum value names of a diagram, read with the browser's own
 * XML parser. A field id met in two tasks keeps its first label (the SOPs reuse ids for one meaning).
 */
export function diagramLabels(xml: string): DiagramLabels {
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  const elementNames: Record<string, string> = {};
  for (const el of doc.querySelectorAll('[id][name]')) elementNames[el.getAttribute('id')!] = el.getAttribute('name')!;
  const fieldLabels: Record<string, string> = {};
  const enumNames: Record<string, Record<string, string>> = {};
  for (const field of doc.getElementsByTagNameNS(CAMUNDA, 'formField')) {
    const id = field.getAttribute('id');
    const label = field.getAttribute('label');
    if (!id) continue;
    if (label) fieldLabels[id] ??= label;
    for (const value of field.getElementsByTagNameNS(CAMUNDA, 'value')) {
      const v = value.getAttribute('id');
      const name = value.getAttribute('name');
      if (v && name) (enumNames[id] ??= {})[v] ??= name;
    }
  }
  return { elementNames, fieldLabels, enumNames };
}
