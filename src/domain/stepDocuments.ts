import type { StepDocumentKind, StepDocumentListing } from '../contract/stepDocuments';
import type { Queryable } from '../db/database';
import { badRequest, notFound } from '../engine/errors';
import type { Complaints } from './complaints';
import type { Letterheads } from './letterheads';
import { replyCodeMatches } from './replyCodes';
import {
  answerLetter,
  dispositionSheet,
  documentTitles,
  fieldReport,
  isDisposition,
  isFieldVerification,
  latestAnswer,
  receipt,
  type CompletedStep,
  type ComplaintFacts,
  type DocumentModel,
} from './stepDocumentContent';
import type { User } from './users';

/** A complaint's chain completes a few dozen steps; the bound keeps the read small whatever happens. */
const maxSteps = 200;

interface StepRow {
  process_key: string;
  element_id: string;
  task_name: string | null;
  at: Date | string;
  actor: string | null;
  display_name: string | null;
  variables: Record<string, unknown> | null;
}

/**
 * The documents of a complaint's steps, filled from the complaint record, its chain's completed
 * steps (history 'task-completed' with the answers each form took) and the district's letterhead.
 * Reading one is reading the complaint: Complaints.get applies the one read rule and hides the
 * reporter from whoever may not see them.
 */
export class StepDocuments {
  constructor(
    private readonly db: Queryable,
    private readonly complaints: Pick<Complaints, 'get'>,
    private readonly letterheads: Pick<Letterheads, 'of'>,
    private readonly now: () => Date,
  ) {}

  /** The documents that exist at this point of the complaint's life. */
  async list(trackingId: string, user: User): Promise<StepDocumentListing[]> {
    const facts = await this.facts(trackingId, user);
    return (await this.available(facts)).map((kind) => {
      const href = `/api/complaints/${facts.complaint.trackingId}/documents/${kind}`;
      return { kind, title: documentTitles[kind], href, pdfHref: `${href}.pdf` };
    });
  }

  async document(trackingId: string, kind: StepDocumentKind, user: User): Promise<DocumentModel> {
    const facts = await this.facts(trackingId, user);
    if (!(await this.available(facts)).includes(kind)) {
      throw notFound(`complaint ${facts.complaint.trackingId} has no ${kind} yet: the step that fills it has not been completed`).as('document.notYet', { kind });
    }
    switch (kind) {
      case 'tanda-terima':
        return receipt(facts);
      case 'lembar-disposisi':
        return dispositionSheet(facts);
      case 'berita-acara':
        return fieldReport(facts);
      case 'surat-jawaban':
        return answerLetter(facts, latestAnswer(facts, await this.intakeAnswer(facts.complaint.trackingId))!);
    }
  }

  /**
   * The receipt with the reporter's reply code, which exists in clear only where it was handed out
   * (the intake's answer): whoever holds it, right after intake, may print it on the receipt. The
   * code is checked against its stored hash, so no other code is ever printed as the reporter's.
   */
  async receiptWithCode(trackingId: string, replyCode: string, user: User): Promise<DocumentModel> {
    const facts = await this.facts(trackingId, user);
    const { rows } = await this.db.query<{ hash: string | null }>('select reply_code_hash as hash from complaints where tracking_id = $1', [facts.complaint.trackingId]);
    const hash = rows[0]?.hash;
    if (!hash || !(await replyCodeMatches(replyCode, hash))) throw badRequest('the reply code does not match this complaint').as('document.wrongCode');
    return receipt(facts, replyCode.trim().toUpperCase());
  }

  private async available(f: ComplaintFacts): Promise<StepDocumentKind[]> {
    const kinds: StepDocumentKind[] = ['tanda-terima'];
    if (f.steps.some(isDisposition)) kinds.push('lembar-disposisi');
    if (f.steps.some(isFieldVerification)) kinds.push('berita-acara');
    if (latestAnswer(f, await this.intakeAnswer(f.complaint.trackingId))) kinds.push('surat-jawaban');
    return kinds;
  }

  private async facts(trackingId: string, user: User): Promise<ComplaintFacts> {
    const detail = await this.complaints.get(trackingId, user);
    const { instances: _i, openTasks: _t, attachments, ...complaint } = detail;
    const steps = await this.completedSteps(complaint.trackingId);
    const { rows: creator } = await this.db.query<{ name: string | null; opd: string | null }>('select display_name as name, opd from users where username = $1', [complaint.createdBy]);
    const enteredByOpd = creator[0]?.opd ?? null;
    const codes = [...new Set([complaint.opd, enteredByOpd, ...steps.map((s) => s.variables.opd)].filter((c): c is string => typeof c === 'string' && c !== ''))];
    const { rows: opds } = await this.db.query<{ code: string; name: string }>('select code, name from opds where code = any($1::text[])', [codes]);
    return {
      complaint,
      steps,
      attachments,
      letterhead: await this.letterheads.of(complaint.district),
      opdNames: new Map(opds.map((o) => [o.code, o.name])),
      enteredBy: creator[0]?.name ?? complaint.createdBy,
      enteredByOpd,
      now: this.now(),
    };
  }

  private async completedSteps(trackingId: string): Promise<CompletedStep[]> {
    const { rows } = await this.db.query<StepRow>(
      `select i.key as process_key, h.element_id, t.name as task_name, h.at, h.actor, u.display_name, h.data->'variables' as variables
         from history h
         join process_instances i on i.id = h.instance_id
         left join tasks t on t.id = (h.data->>'taskId')::uuid
         left join users u on u.username = h.actor
        where i.business_key = $1 and h.type = 'task-completed'
        order by h.at, h.id
        limit ${maxSteps}`,
      [trackingId],
    );
    return rows.map((r) => ({
      processKey: r.process_key,
      elementId: r.element_id,
      taskName: r.task_name,
      at: new Date(r.at).toISOString(),
      by: r.display_name ?? r.actor,
      variables: r.variables ?? {},
    }));
  }

  /** An answer entered with the complaint (sudahDitindaklanjuti): the intake instance's variable. */
  private async intakeAnswer(trackingId: string): Promise<string | null> {
    const { rows } = await this.db.query<{ jawaban: string | null }>(
      `select btrim(variables->>'jawaban') as jawaban from process_instances where business_key = $1 and parent_id is null order by started_at limit 1`,
      [trackingId],
    );
    return rows[0]?.jawaban || null;
  }
}
