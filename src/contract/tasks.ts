/**
 * The API's answers about user tasks and worklists, as JSON carries them (instants as ISO strings).
 * Shared by the server that writes them and the web app that reads them: like every file in
 * src/contract, it declares types (and at most a constant list) and imports nothing outside this
 * folder, so the browser bundle never pulls in server code.
 */
export type TaskStatus = 'open' | 'completed' | 'cancelled';

/** A user task as staff see it (GET /api/tasks, claim, unclaim). */
export interface TaskView {
  id: string;
  instanceId: string;
  processKey: string;
  elementId: string;
  name: string | null;
  assignee: string | null;
  candidateGroups: string[];
  candidateUsers: string[];
  dueAt: string | null;
  createdAt: string;
}

/** GET /api/tasks/:id and the answer to complete: the task with its status. */
export interface TaskDetail extends TaskView {
  status: TaskStatus;
}

/** Where a task stands against its SOP time: the badge colour staff see in their worklist. */
export type SlaState = 'green' | 'amber' | 'red' | 'none';

export interface TaskSla {
  /** The SOP's "Waktu" text, e.g. "3 hari". */
  standard: string | null;
  dueAt: string | null;
  /** When the task's reminder timer fires (or fired); null when it has none. */
  reminderAt: string | null;
  /** Working time left until dueAt (negative when overdue); null without a due date. */
  remainingWorkingMs: number | null;
  state: SlaState;
  /**
   * The due date the task had before a superior extended it (Ditunda), its first one; absent when
   * never extended. With a state other than red, the badge says "Diperpanjang", not late.
   */
  extendedFrom?: string | null;
}

/** A superior's extension of a task's deadline (Ditunda), as the task carries it. */
export interface TaskExtension {
  reason: string;
  /** The first due date, before any extension. */
  originalDueAt: string;
  extendedAt: string;
  /** The superior's username. */
  extendedBy: string;
}

/** A task as a worklist shows it: the task, the SOP and complaint it belongs to, and its SLA. */
export interface WorklistItem extends TaskView {
  processName: string | null;
  /** The instance's business key when it is a complaint's tracking ID. */
  trackingId: string | null;
  complaintSubject: string | null;
  /** The OPD handling it: the instance's `opd` variable, else the complaint's. */
  opd: string | null;
  sla: TaskSla;
  /** The latest extension of its deadline; absent when never extended. */
  extension?: TaskExtension;
  /** GET /api/worklist/:id only, present (true) when the caller may extend its deadline (POST /api/tasks/:id/extensions). */
  mayExtend?: true;
}

/** The most a worklist tab counts exactly; past it the tab says "1000+". */
export const worklistCountCap = 1_000;

export type WorklistCounts = { mine: number; group: number; overdue: number };

/** GET /api/worklist */
export interface Worklist {
  /** Totals of the caller's tasks whatever the filters, for the tabs, each at most worklistCountCap. */
  counts: WorklistCounts;
  /** Which totals reached the cap: there are more than it says. */
  countsCapped: Record<keyof WorklistCounts, boolean>;
  items: WorklistItem[];
}

/** One answer of a completed step, worded with its form's label. */
export interface StepAnswer {
  id: string;
  label: string;
  type: 'string' | 'long' | 'boolean' | 'date' | 'enum';
  value: string | number | boolean;
  /** An enum's chosen value by its name ("Dinas Kesehatan" for dinkes). */
  text?: string;
}

/** GET /api/tasks/:id/previous-steps: what the steps before this one decided, newest first. */
export interface PreviousStep {
  taskName: string | null;
  elementId: string;
  processKey: string;
  completedAt: string;
  /** Who completed it: their display name, else their username. */
  completedBy: string | null;
  answers: StepAnswer[];
}
