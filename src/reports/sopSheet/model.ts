/**
 * The SOP sheet of one deployed version in the Permenpan RB layout (Permenpan RB No. 35/2012, the
 * layout of the Kapuas and Kapuas Hulu source sheets): an identity block, then the procedure table
 * with one row per activity, one column per Pelaksana (the diagram's lanes) carrying the
 * flowchart, the Mutu Baku and the Keterangan. Built from the diagram alone; both renderers (HTML
 * and PDF) draw this one model.
 */
export interface SopSheet {
  key: string;
  version: number;
  /** ISO instant the version was deployed. */
  deployedAt: string;
  /** The same in words, in WIB: "5 Desember 2026 10.00 WIB". */
  deployedAtText: string;
  identity: SopIdentity;
  /** The Pelaksana columns, in the diagram's lane order. */
  lanes: SopLane[];
  /** Whether any row has an Input (the Kapuas sheets 555/01 and 555/02 have that column). */
  hasInput: boolean;
  rows: SopRow[];
}

export interface SopIdentity {
  /** Heading lines of the issuing office, e.g. ["Pemerintah Daerah Kabupaten Kapuas", "Dinas …"]. */
  organisation: string[];
  number: string;
  title: string;
  dateMade: string;
  dateRevised: string;
  dateEffective: string;
  approvedBy: string;
  legalBasis: string[];
  qualifications: string[];
  related: string[];
  equipment: string[];
  warnings: string[];
  records: string[];
}

export interface SopLane {
  id: string;
  name: string;
}

/** terminator: start or end; activity: a task (or sub-process); decision: a diamond with Ya/Tidak. */
export type SopShape = 'terminator' | 'activity' | 'decision';

export interface SopRow {
  /** "1", "2", "3a" for activities and decisions; "" for terminators. */
  no: string;
  /** The BPMN element the row shows (for a decision made in a task: the task). */
  elementId: string;
  shape: SopShape;
  /** A call activity: the row stands for another SOP (drawn with double sides). */
  calls?: string;
  activity: string;
  /** Index into SopSheet.lanes. */
  lane: number;
  input: string;
  requirement: string;
  time: string;
  output: string;
  remarks: string[];
  /** Where the flow goes from this row, in the diagram's order. */
  next: SopEdge[];
}

export interface SopEdge {
  /** Index into SopSheet.rows. */
  to: number;
  /** "Ya" / "Tidak" on a decision, a boundary event's name ("Lewat 5 hari"), or "". */
  label: string;
}
