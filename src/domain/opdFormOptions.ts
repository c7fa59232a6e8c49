import type { FormOption } from '../engine/taskForms';
import { districts, type District, type Opds } from './opds';

/**
 * The OPDs a task form may choose (`source=opd`): the active ones of the complaint's district,
 * so a Kapuas complaint cannot be disposed to a Kapuas Hulu agency. An unknown district offers all.
 */
export async function opdFormOptions(opds: Opds, district: string | null): Promise<FormOption[]> {
  const known = (districts as readonly string[]).includes(district ?? '') ? (district as District) : undefined;
  const list = await opds.list({ district: known, active: true });
  return list.map((o) => ({ id: o.code, name: o.name }));
}
