import { fmt, table } from '../stats';
import type { GenerateResult } from './generate';
import { LABELS, median, p95, type Timing } from './measure';

export interface SizeRun {
  size: number;
  generation?: GenerateResult;
  timings: Timing[];
  error?: string;
}

const GROWTH_TARGET = 2;
const COUNT_TARGET = 3;

export const sizeName = (n: number): string =>
  n >= 1_000_000 && n % 1_000_000 === 0 ? `${n / 1_000_000}m` : n >= 1000 && n % 1000 === 0 ? `${n / 1000}k` : String(n);

const cell = (t: Timing | undefined, f: (t: Timing) => number): string => {
  if (!t) return '-';
  if (t.failure) return t.failure.startsWith('timeout') ? 'timeout' : t.failure.split(' ').slice(0, 2).join(' ');
  return fmt(f(t));
};

const verdict = (ratio: number, target: number): string => (Number.isNaN(ratio) ? '-' : ratio <= target ? 'met' : 'NOT met');

/** Generation time and row counts of each size. */
export function generationTable(runs: SizeRun[]): string {
  const present = runs.filter((r) => r.generation);
  if (present.length === 0) return '(no data generated)';
  const keys = [...new Set(present.flatMap((r) => Object.keys(r.generation!.rows)))];
  const header = ['', ...present.map((r) => sizeName(r.size))];
  const rows = [
    ['generation, s', ...present.map((r) => fmt(r.generation!.seconds))],
    ...[...new Set(present.flatMap((r) => r.generation!.steps.map((s) => s.step)))].map((step) => [
      `  ${step}, s`,
      ...present.map((r) => fmt(r.generation!.steps.find((s) => s.step === step)?.seconds)),
    ]),
    ...keys.map((k) => [k, ...present.map((r) => fmt(r.generation!.rows[k], 0))]),
    ['history rows / complaint', ...present.map((r) => fmt(r.generation!.rows.history / r.generation!.rows.complaints, 1))],
    ['complaint-record columns filled', ...present.map((r) => r.generation!.recordColumns.length ? `${r.generation!.recordColumns.length} (migration 7)` : 'none (schema before migration 7)')],
    ['triggers disabled while loading', ...present.map((r) => r.generation!.triggersDisabled.join(' ') || 'none')],
    ['aggregates rebuilt', ...present.map((r) => r.generation!.rebuilt ?? 'none')],
  ];
  return table(header, rows);
}

/** The final table: each read at both sizes, its growth against the ≤ 2× target, and the count(*) comparisons. */
export function finalTable(base: SizeRun, large: SizeRun | undefined): string {
  const bn = sizeName(base.size);
  const ln = large ? sizeName(large.size) : 'large';
  const find = (run: SizeRun | undefined, label: string) => run?.timings.find((t) => t.label === label);
  const reads = Object.values(LABELS);
  const header = ['read', `${bn} median ms`, `${bn} p95 ms`, `${ln} median ms`, `${ln} p95 ms`, `${ln}/${bn}`, 'target', ''];
  const rows = reads.map((label) => {
    const a = find(base, label);
    const b = find(large, label);
    const ratio = a && b ? median(b) / median(a) : NaN;
    // The plain count(*) statements are the yardstick, not a read with a target.
    const reference = label === LABELS.countAll || label === LABELS.countQuarter || label === LABELS.health;
    const target = reference ? ['(reference)', ''] : [`≤ ${GROWTH_TARGET}×`, verdict(ratio, GROWTH_TARGET)];
    return [label, cell(a, median), cell(a, p95), cell(b, median), cell(b, p95), Number.isNaN(ratio) ? '-' : `${fmt(ratio, 2)}×`, ...target];
  });
  const vsCount = (run: SizeRun | undefined, label: string, count: string): string[] => {
    const a = find(run, label);
    const b = find(run, count);
    const r = a && b ? median(a) / median(b) : NaN;
    return [Number.isNaN(r) ? '-' : `${fmt(r, 1)}×`, verdict(r, COUNT_TARGET)];
  };
  const ratioRows = [
    [`${LABELS.dashboard} / ${LABELS.countAll}`, ...vsCount(base, LABELS.dashboard, LABELS.countAll), ...vsCount(large, LABELS.dashboard, LABELS.countAll), `≤ ${COUNT_TARGET}×`],
    [`${LABELS.recap} / ${LABELS.countQuarter}`, ...vsCount(base, LABELS.recap, LABELS.countQuarter), ...vsCount(large, LABELS.recap, LABELS.countQuarter), `≤ ${COUNT_TARGET}×`],
  ];
  return [
    table(header, rows),
    '',
    table(['same scope as count(*)', `${bn}`, '', `${ln}`, '', 'target'], ratioRows),
  ].join('\n');
}
