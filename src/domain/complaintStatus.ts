import type { ProcessModel } from '../engine/bpmnDefinition';
import type { CommitFacts } from '../engine/commitProjection';
import type { BatchPart } from '../engine/statementBatch';

/**
 * A complaint's status: the one place its rules live. The status is stored on the complaint and
 * moved by each step of its chain (every instance whose business key is the tracking ID), in the
 * step's own commit. In order of precedence:
 * - `diteruskan-ombudsman` once any instance entered a "Teruskan ke Ombudsman RI" element;
 * - while an instance of the chain runs (or waits on an incident): `diterima` until the first
 *   task is completed, then `diproses`;
 * - when all ended: `tidak-ditindaklanjuti` if one ended in an end event named "… Tidak …",
 *   else `selesai`.
 * Beside it the complaint keeps the OPD handling it now (the latest `opd` a step set, else the
 * intake's), and when it was first worked on, answered (`jawaban`), forwarded and closed.
 * The reporter is mailed when `answered_at` and `closed_at` are first set, by a trigger on this
 * record (reporter_mail_on_change, migration 16), so the mail request commits with the step.
 */

/** The elements of one process version that decide a status. */
export interface StatusMarks {
  /** End events whose name says the complaint was not followed up ("… Tidak …"). */
  notFollowedUpEnds: Set<string>;
  /** Elements that forward the complaint to the Ombudsman RI. */
  ombudsman: Set<string>;
}

const OMBUDSMAN = /teruskan ke ombudsman/i;
const NOT_FOLLOWED_UP = /\btidak\b/i;
const marksOfModel = new WeakMap<ProcessModel, StatusMarks>();

/** Read from the diagram's names once per deployed version. */
export function statusMarks(model: ProcessModel): StatusMarks {
  let marks = marksOfModel.get(model);
  if (!marks) {
    const endEvents = endEventIds(model.sourceContext);
    marks = { notFollowedUpEnds: new Set(), ombudsman: new Set() };
    for (const [id, name] of model.elementNames) {
      if (OMBUDSMAN.test(name)) marks.ombudsman.add(id);
      if (NOT_FOLLOWED_UP.test(name) && (endEvents ? endEvents.has(id) : true)) marks.notFollowedUpEnds.add(id);
    }
    marksOfModel.set(model, marks);
  }
  return marks;
}

/**
 * The end events of a compiled process, from the serialized moddle context bpmn-engine runs;
 * undefined if the context cannot tell, and then every element named "… Tidak …" counts as such an end.
 */
function endEventIds(sourceContext: unknown): Set<string> | undefined {
  const ctx = sourceContext as { getActivities?: () => { id: string; type: string }[] } | undefined;
  if (typeof ctx?.getActivities !== 'function') return undefined;
  return new Set(ctx.getActivities().filter((a) => a.type === 'bpmn:EndEvent').map((a) => a.id));
}

/** What a step (or, for data that existed before the record, a whole chain) says about a complaint. */
export interface StepFacts {
  trackingId: string;
  /** The instance the step ran in; the others of the chain are read as committed. */
  instanceId: string | null;
  /** That instance still runs or waits on an incident after the step. */
  live: boolean;
  worked: boolean;
  forwarded: boolean;
  notFollowedUp: boolean;
  /** The OPD the step set (a disposition), if it set one. */
  opd: string | null;
  answered: boolean;
  now: Date;
}

/** A step's facts from the engine's commit. */
export function factsOfCommit(facts: CommitFacts): StepFacts {
  const marks = statusMarks(facts.model);
  const entered = facts.events.filter((e) => e.type === 'element-entered' || e.type === 'element-left').map((e) => e.elementId);
  const changed = (name: string) => facts.changedVariables.includes(name);
  const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : null);
  return {
    trackingId: facts.businessKey,
    instanceId: facts.instanceId,
    live: facts.status === 'running' || facts.status === 'failed',
    worked: facts.completedTask,
    forwarded: entered.some((id) => marks.ombudsman.has(id)),
    notFollowedUp: entered.some((id) => marks.notFollowedUpEnds.has(id)),
    opd: changed('opd') ? text(facts.variables.opd) : null,
    answered: changed('jawaban') && text(facts.variables.jawaban) !== null,
    now: facts.now,
  };
}

/**
 * The complaint's update for one step, as one statement (a part of the step's commit). The rest
 * of the chain counts as live when another of its instances runs; a complaint that is not one
 * (another business key) matches no row and nothing is written.
 */
export function complaintStepPart(f: StepFacts): BatchPart {
  return {
    sql: `update complaints c set
            current_opd = coalesce($8::text, c.current_opd),
            worked_at = case when $5 then coalesce(c.worked_at, $3::timestamptz) else c.worked_at end,
            answered_at = case when $9 then coalesce(c.answered_at, $3::timestamptz) else c.answered_at end,
            forwarded_at = case when $6 then coalesce(c.forwarded_at, $3::timestamptz) else c.forwarded_at end,
            not_followed_up = c.not_followed_up or $7,
            status = case when c.forwarded_at is not null or $6 then 'diteruskan-ombudsman'
                          when s.live then case when c.worked_at is not null or $5 then 'diproses' else 'diterima' end
                          when c.not_followed_up or $7 then 'tidak-ditindaklanjuti'
                          else 'selesai' end,
            closed_at = case when s.live then null else coalesce(c.closed_at, $3::timestamptz) end
          from (select $4::boolean or exists (select 1 from process_instances j where j.business_key = $1
                  and j.id is distinct from $2::uuid and j.status in ('running', 'failed')) as live) s
         where c.tracking_id = $1`,
    params: [f.trackingId, f.instanceId, f.now.toISOString(), f.live, f.worked, f.forwarded, f.notFollowedUp, f.opd, f.answered],
  };
}

/** Registered with the engine: every commit of an instance with a business key moves its complaint. */
export function complaintProjection(facts: CommitFacts): BatchPart {
  return complaintStepPart(factsOfCommit(facts));
}
