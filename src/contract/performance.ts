/**
 * SOP performance (Kinerja SOP) as GET /api/performance answers it: per activity (user task) of
 * one process version, over a period, the completions and their durations in working time
 * against the SOP's standard. Durations are working milliseconds (07:30–12:00, 13:00–16:00 WIB on
 * working days). Free of imports outside src/contract.
 */
import type { RecapPeriod } from './recap';

export interface ActivityPerformance {
  elementId: string;
  name: string | null;
  /** The SOP sheet's "Waktu" line of the activity (e.g. "3 hari"); null when it has none. */
  standard: string | null;
  /** Completed in the period. */
  done: number;
  /** Of those, how many had a due date, and how many were completed by it. */
  withDue: number;
  onTime: number;
  /** onTime / withDue; null without any due date. */
  onTimeShare: number | null;
  /** Estimates from the duration histogram (log-scale buckets, at most ~41% off), in working ms. */
  medianMs: number | null;
  p90Ms: number | null;
  /** Exact. */
  maxMs: number | null;
  meanMs: number | null;
  /** The mean working time the due dates allowed; null without due dates. */
  allowedMeanMs: number | null;
  /** Waiting before someone claimed it (0 for a task assigned when created): mean and longest. */
  waitMeanMs: number | null;
  waitMaxMs: number | null;
  /** done - onTime of those with a due date: what the drill-down lists. */
  late: number;
}

export interface SopPerformanceReport {
  processKey: string;
  version: number;
  processName: string | null;
  /** The district whose SOP it is (from the process key), null when it names none. */
  district: string | null;
  period: RecapPeriod;
  /** The OPD asked for (OPD staff: always theirs); null: every OPD. */
  opd: string | null;
  opdName: string | null;
  /** Every user task of the version, also those with nothing done in the period, in diagram order. */
  activities: ActivityPerformance[];
  generatedAt: string;
}

/** One late completion of an activity: GET /api/performance/late. */
export interface LateCompletion {
  taskId: string;
  instanceId: string;
  businessKey: string | null;
  opd: string | null;
  opdName: string | null;
  createdAt: string;
  dueAt: string;
  endedAt: string;
  endedBy: string | null;
  workMs: number | null;
  allowedMs: number | null;
}

export interface LateCompletionPage {
  /** Longest first. */
  items: LateCompletion[];
  page: { total: number; limit: number; offset: number };
}

export const maxLateCompletionPage = 100;
