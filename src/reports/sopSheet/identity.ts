import type { SopIdentity } from './model';
import { dateWords } from './words';

/**
 * The identity block from the process's camunda:properties (the names processes/*.bpmn use);
 * list values are separated by "|", as the sheets' numbered lists are.
 */
export function sopIdentity(props: Record<string, string>, fallbackTitle: string): SopIdentity {
  const list = (name: string) =>
    (props[name] ?? '')
      .split('|')
      .map((s) => s.trim())
      .filter((s) => s && !/^[-–—]$/.test(s));
  return {
    organisation: list('organisation'),
    number: (props['sop-number'] ?? '').trim(),
    title: (props['sop-title'] ?? '').trim() || fallbackTitle,
    dateMade: dateWords(props['date-made']),
    dateRevised: dateWords(props['date-revised']),
    dateEffective: dateWords(props['date-effective']),
    approvedBy: (props['approved-by'] ?? '').trim(),
    legalBasis: list('legal-basis'),
    qualifications: list('qualifications'),
    related: list('related'),
    equipment: list('equipment'),
    warnings: list('warnings'),
    records: list('records-rule'),
  };
}
