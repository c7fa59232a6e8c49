import type { RecapPeriod } from '../../../src/contract/recap';
import { initialForm, type RecapForm } from '../recap/recapForm';

/** The recap's period form showing a report's period (its query via the recap's queryOf). */
export function periodForm(p: RecapPeriod): RecapForm {
  const base = { ...initialForm(), from: p.from, to: p.to };
  if (p.kind === 'month') return { ...base, kind: 'bulan', year: String(p.year), month: String(p.month), quarter: String(Math.ceil(p.month / 3)) };
  if (p.kind === 'quarter') return { ...base, kind: 'triwulan', year: String(p.year), quarter: String(p.quarter), month: String((p.quarter - 1) * 3 + 1) };
  return { ...base, kind: 'rentang', year: p.from.slice(0, 4) };
}
