/**
 * The periodic complaint recap (Rekap Pengaduan) as GET /api/recap answers it: SOP 555/03's
 * quarterly report, 555/04's quarterly recap, 555/06's daily recap and Kapuas Hulu's monthly
 * recap. Days are WIB calendar days (yyyy-MM-dd), instants ISO strings. Never a reporter's
 * identity. Free of imports outside src/contract (see tasks.ts).
 */
import type { Channel, ComplaintStatus, District } from './complaints';

/** The days a recap covers, both inclusive, and how they were asked for (the title says it so). */
export type RecapPeriod =
  | { kind: 'month'; year: number; month: number; from: string; to: string }
  | { kind: 'quarter'; year: number; quarter: 1 | 2 | 3 | 4; from: string; to: string }
  | { kind: 'range'; from: string; to: string };

/**
 * Counts over the complaints received in the period, each in the status it has when the recap
 * is made: `received` = `finished` + `open`.
 */
export interface RecapTotals {
  received: number;
  /** Followed up: an answer (`jawaban`) was recorded, or the chain ended as `selesai`. */
  answered: number;
  /** No longer handled here: selesai, tidak-ditindaklanjuti or diteruskan-ombudsman. */
  finished: number;
  /** Still running: diterima or diproses. */
  open: number;
  /** A task of its chain was completed after its due date, or is open past it now. */
  late: number;
}

/** The follow-up of one OPD: the complaints it handles now (a disposition moves them). */
export interface RecapOpdRow {
  /** null: no OPD chosen yet. */
  opd: string | null;
  opdName: string | null;
  received: number;
  answered: number;
  open: number;
  late: number;
}

/** One complaint of the period, as the SOP's print-out of reports lists it. */
export interface RecapComplaint {
  trackingId: string;
  receivedAt: string;
  channel: Channel;
  subject: string;
  opd: string | null;
  opdName: string | null;
  status: ComplaintStatus;
  /** When the first answer was recorded; null when none is, or when it is not known. */
  answeredAt: string | null;
  /** When the last instance of its chain ended, once the complaint is finished. */
  closedAt: string | null;
  late: boolean;
  /**
   * Present (true) when a superior extended a deadline of its chain (Ditunda): within the new
   * deadline it is not late, and the recap says "Diperpanjang" instead.
   */
  extended?: true;
}

export interface ComplaintRecapReport {
  district: District;
  period: RecapPeriod;
  /** OPD-bound staff see their OPD's complaints only: which OPD (null for readers of all). */
  scope: { opd: string | null; opdName: string | null };
  totals: RecapTotals;
  /** Every channel, also those with no complaint, in the intake's order. */
  byChannel: { channel: Channel; count: number }[];
  /** Every status, also those with no complaint. */
  byStatus: { status: ComplaintStatus; count: number }[];
  /** OPDs with complaints in the period, most first. */
  byOpd: RecapOpdRow[];
  /** Oldest first, as they came in: one page of them (`page`). */
  complaints: RecapComplaint[];
  /** The list's page: `total` complaints in the period, this page from `offset`, at most `limit`. */
  page: { total: number; limit: number; offset: number };
  /** On the workflow clock. */
  generatedAt: string;
}

/**
 * The recap an SOP step works on (task property `rekap`), as GET /api/tasks/:id/form names it:
 * the query of GET /api/recap and of the page `#/rekap`.
 */
export interface RecapQueryLink {
  district: string | null;
  /** `yyyy-MM` or `yyyy-Qn`; absent for a day's recap, which gives `from` = `to`. */
  period?: string;
  from?: string;
  to?: string;
}
