import { DateTime } from 'luxon';
import type { Channel, DatedAnswer, PublicComplaint } from '../contract/complaints';
import type { Database, Queryable } from '../db/database';
import { SqlParams } from '../db/sqlParams';
import { badRequest, conflict, forbidden, notFound, WorkflowError } from '../engine/errors';
import type { WorkflowEngine } from '../engine/workflowEngine';
import {
  addAttachment,
  listAttachments,
  readAttachment,
  type AttachmentMeta,
  type AttachmentType,
} from './complaintsAttachments';
import { assertMayChange, assertMayReadComplaint, complaintOfOpd, complaintScope, complaintScopeSql, intakeProcessFor, mayReadIdentity, type ComplaintScope } from './access';
import { answersOf, loadChains, openTasksOfChain, type ChainInstance, type ComplaintStatus } from './complaintsChain';
import type { District, Opds } from './opds';
import { queueReceiptMail } from './reporterMail';
import type { ComplaintReplies } from './complaintReplies';
import { hashReplyCode, newReplyCode } from './replyCodes';
import { formatTrackingId, normalizeTrackingId, takeNextNumber, trackingYear } from './trackingIds';
import type { User } from './users';

export { channels, type Channel } from '../contract/complaints';

export interface NewComplaint {
  district?: District;
  channel: Channel;
  reporter?: { name?: string; contact?: string };
  /** Identity hidden from everyone: name and contact are not stored at all. */
  anonim?: boolean;
  /** Confidential: hidden from the public page; identity only for admin-utama, admin-sistem, auditor. */
  rahasia?: boolean;
  subject: string;
  description: string;
  location?: string;
  category?: string;
  opd?: string;
  /** Already answered before it was entered: the SOP takes the answer directly. */
  sudahDitindaklanjuti?: boolean;
  jawaban?: string;
}

export interface ComplaintSummary {
  trackingId: string;
  district: District;
  channel: Channel;
  status: ComplaintStatus;
  subject: string;
  description: string;
  location: string | null;
  category: string | null;
  /** The OPD handling it now (a disposition may have changed the one chosen at intake). */
  opd: string | null;
  opdName: string | null;
  anonim: boolean;
  rahasia: boolean;
  /** Null when anonymous, or confidential and the reader may not see it, or not given. */
  reporter: { name: string | null; contact: string | null } | null;
  createdAt: string;
  createdBy: string | null;
}

export interface ComplaintDetail extends ComplaintSummary {
  instances: Pick<ChainInstance, 'id' | 'key' | 'version' | 'status' | 'activeElements' | 'parentId' | 'startedAt' | 'endedAt'>[];
  openTasks: {
    id: string;
    instanceId: string;
    name: string | null;
    elementId: string;
    assignee: string | null;
    candidateGroups: string[];
    dueAt: string | null;
    overdue: boolean;
  }[];
  attachments: AttachmentMeta[];
}

/** The intake's answer: the complaint, and the reporter's reply code, which is shown this once and stored only hashed. */
export type IntakeResult = ComplaintDetail & { replyCode: string };

export type { DatedAnswer, PublicComplaint };

export interface ComplaintQuery {
  status?: ComplaintStatus;
  opd?: string;
  channel?: Channel;
  district?: District;
  /** true: with an open task past its due date; false: without one. */
  overdue?: boolean;
  /** ISO instant, or a date (yyyy-MM-dd) meaning that day in the districts' zone. */
  from?: string;
  /** ISO instant (exclusive), or a date meaning up to the end of that day. */
  to?: string;
  q?: string;
  limit?: number;
  offset?: number;
}

interface ComplaintRow {
  tracking_id: string;
  district: District;
  channel: Channel;
  anonim: boolean;
  rahasia: boolean;
  reporter_name: string | null;
  reporter_contact: string | null;
  subject: string;
  description: string;
  location: string | null;
  category: string | null;
  opd: string | null;
  current_opd: string | null;
  status: ComplaintStatus;
  created_by: string | null;
  created_at: Date | string;
  answered_at: Date | string | null;
  closed_at: Date | string | null;
}

const columns =
  'c.tracking_id, c.district, c.channel, c.anonim, c.rahasia, c.reporter_name, c.reporter_contact, c.subject, c.description, c.location, c.category, c.opd, c.current_opd, c.status, c.created_by, c.created_at, c.answered_at, c.closed_at';

/** The most answers the public page lists (a chain gets a few; the limit keeps a loop bounded). */
const maxPublicAnswers = 50;

/** The largest page a complaint search answers. */
export const maxComplaintPage = 200;

/** The same answer for an unknown and a malformed tracking ID: the public page helps no one guess. */
const publicNotFound = () => notFound('no such complaint');

const blankToNull = (v: string | undefined) => (v && v.trim() ? v.trim() : null);

/**
 * Complaints (pengaduan): intake into the district's SOP, search, reading with the reporter's
 * identity shown by the rules of LAPOR! (anonim, rahasia), the public status page, and data dukung.
 */
export class Complaints {
  constructor(
    private readonly db: Database,
    private readonly engine: WorkflowEngine,
    private readonly opds: Opds,
    private readonly zone: string,
    /** Whether the reporter's reply is awaited (the public page); without it, never. */
    private readonly replies?: Pick<ComplaintReplies, 'awaitingReply'>,
  ) {}

  /**
   * Enters a complaint and starts its SOP with the tracking ID as business key. The complaint row,
   * its number and the instance commit in one transaction: a failure leaves no trace and no gap.
   */
  async intake(input: NewComplaint, user: User): Promise<IntakeResult> {
    const district = input.district ?? (await this.homeDistrict(user));
    const { processKey, forcedOpd } = intakeProcessFor(user, district);
    const opd = forcedOpd ?? blankToNull(input.opd);
    if (opd) await this.opds.requireActiveIn(opd, district);
    const jawaban = blankToNull(input.jawaban);
    if (input.sudahDitindaklanjuti && !jawaban) throw badRequest('an already answered complaint (sudahDitindaklanjuti) needs its "jawaban"').as('complaint.answerNeeded');
    await this.requireDeployed(processKey);

    const anonim = input.anonim ?? false;
    const reporterName = anonim ? null : blankToNull(input.reporter?.name);
    const reporterContact = anonim ? null : blankToNull(input.reporter?.contact);
    const actor = { username: user.username, groups: user.groups };
    // Hashed before the transaction: scrypt takes tens of milliseconds the counter row need not wait.
    const replyCode = newReplyCode();
    const replyCodeHash = await hashReplyCode(replyCode);

    const now = this.engine.clock.now();
    const year = trackingYear(now, this.zone);
    let trackingId = '';
    await this.engine.instances.start(processKey, {}, actor, {
      // The number is taken inside the instance's transaction: the counter row stays locked until
      // it commits, so concurrent intakes queue on it, and a rollback gives the number back.
      prepare: async (tx) => {
        trackingId = formatTrackingId(district, year, await takeNextNumber(tx, district, year));
        // Never the reporter's identity: variables are shown to every task's candidates.
        const variables = {
          trackingId,
          district,
          channel: input.channel,
          opd,
          subject: input.subject,
          category: blankToNull(input.category),
          sudahDitindaklanjuti: input.sudahDitindaklanjuti ?? false,
          jawaban,
        };
        return { businessKey: trackingId, variables };
      },
      beforeCommit: async (tx) => {
        await tx.query(
          `insert into complaints (tracking_id, district, channel, anonim, rahasia, reporter_name, reporter_contact,
                                   subject, description, location, category, opd, current_opd, created_by, created_at, reply_code_hash)
           values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12, $13, $14, $15)`,
          [
            trackingId,
            district,
            input.channel,
            anonim,
            input.rahasia ?? false,
            reporterName,
            reporterContact,
            input.subject.trim(),
            input.description.trim(),
            blankToNull(input.location),
            blankToNull(input.category),
            opd,
            user.username,
            now.toISOString(),
            replyCodeHash,
          ],
        );
        // The receipt mail is the one other place the reporter is given the code in clear.
        await queueReceiptMail(tx, { trackingId, now, replyCode });
      },
    });
    return { ...(await this.get(trackingId, user)), replyCode };
  }

  async search(query: ComplaintQuery, user: User): Promise<ComplaintSummary[]> {
    const scope = complaintScope(user);
    const limit = Math.min(query.limit ?? 50, maxComplaintPage);
    return this.present(await this.select(query, scope, limit, query.offset ?? 0), user);
  }

  async get(trackingId: string, user: User): Promise<ComplaintDetail> {
    const row = await this.requireVisible(trackingId, user);
    const chain = (await loadChains(this.engine.instances, [row.tracking_id])).get(row.tracking_id)!;
    const [summary] = await this.present([row], user);
    const now = this.engine.clock.now().getTime();
    const tasks = await openTasksOfChain(this.db, row.tracking_id);
    return {
      ...summary,
      instances: chain.map(({ id, key, version, status, activeElements, parentId, startedAt, endedAt }) => ({
        id,
        key,
        version,
        status,
        activeElements,
        parentId,
        startedAt,
        endedAt,
      })),
      openTasks: tasks.map((t) => ({
        id: t.id,
        instanceId: t.instanceId,
        name: t.name,
        elementId: t.elementId,
        assignee: t.assignee,
        candidateGroups: t.candidateGroups,
        dueAt: t.dueAt,
        overdue: t.dueAt !== null && new Date(t.dueAt).getTime() < now,
      })),
      attachments: await listAttachments(this.db, row.tracking_id),
    };
  }

  /** The public status page of a tracking ID. */
  async publicView(trackingId: string): Promise<PublicComplaint> {
    const id = normalizeTrackingId(trackingId);
    if (!id) throw publicNotFound();
    const row = await this.find(id);
    if (!row) throw publicNotFound();
    const status = row.status;
    // A confidential complaint's reporter may still reply: they hold the code.
    const awaitingReply = (await this.replies?.awaitingReply(id)) ?? false;
    if (row.rahasia) return { trackingId: id, status, awaitingReply };
    const chain = (await loadChains(this.engine.instances, [id])).get(id)!;
    const opd = row.current_opd ?? row.opd;
    const createdAt = new Date(row.created_at).toISOString();
    const answers = answersOf(chain);
    return {
      trackingId: id,
      status,
      awaitingReply,
      subject: row.subject,
      createdAt,
      answeredAt: row.answered_at ? new Date(row.answered_at).toISOString() : null,
      closedAt: row.closed_at ? new Date(row.closed_at).toISOString() : null,
      channel: row.channel,
      opdName: opd ? ((await this.opds.find(opd))?.name ?? null) : null,
      answers,
      answerLog: await this.answerLog(id, answers, createdAt),
    };
  }

  /**
   * When each answer was given: the completion of the step that set `jawaban`; an answer entered
   * with the complaint (sudahDitindaklanjuti) was given when it was received.
   */
  private async answerLog(trackingId: string, answers: string[], createdAt: string): Promise<DatedAnswer[]> {
    const { rows } = await this.db.query<{ at: Date | string; text: string }>(
      `select h.at, btrim(h.data->'variables'->>'jawaban') as text
         from history h join process_instances i on i.id = h.instance_id
        where i.business_key = $1 and h.type = 'task-completed' and coalesce(btrim(h.data->'variables'->>'jawaban'), '') <> ''
        order by h.at, h.id limit ${maxPublicAnswers}`,
      [trackingId],
    );
    const log: DatedAnswer[] = [];
    for (const r of rows) if (!log.some((a) => a.text === r.text)) log.push({ text: r.text, at: new Date(r.at).toISOString() });
    const given = answers.filter((a) => !log.some((l) => l.text === a)).map((text) => ({ text, at: createdAt }));
    return [...given, ...log];
  }

  async addAttachment(
    trackingId: string,
    input: { filename: string; contentType: AttachmentType; data: Buffer },
    user: User,
  ): Promise<AttachmentMeta> {
    assertMayChange(user);
    const row = await this.requireVisible(trackingId, user);
    return addAttachment(this.db, row.tracking_id, input, user.username, this.engine.clock.now());
  }

  async attachment(trackingId: string, id: string, user: User): Promise<AttachmentMeta & { data: Buffer }> {
    const row = await this.requireVisible(trackingId, user);
    return readAttachment(this.db, row.tracking_id, id);
  }

  private async find(trackingId: string, db: Queryable = this.db): Promise<ComplaintRow | undefined> {
    const { rows } = await db.query<ComplaintRow>(`select ${columns} from complaints c where c.tracking_id = $1`, [trackingId]);
    return rows[0];
  }

  /** The complaint if this user may read it: every complaint, or (OPD-bound roles) those of their OPD. */
  private async requireVisible(trackingId: string, user: User): Promise<ComplaintRow> {
    complaintScope(user);
    const id = normalizeTrackingId(trackingId);
    const row = id ? await this.find(id) : undefined;
    if (!row) throw notFound(`no complaint "${trackingId}"`);
    assertMayReadComplaint(user, row.tracking_id, { opd: row.opd, currentOpd: row.current_opd });
    return row;
  }

  private async homeDistrict(user: User): Promise<District> {
    const opd = user.opd ? await this.opds.find(user.opd) : undefined;
    return opd?.district ?? 'kapuas';
  }

  private async requireDeployed(processKey: string): Promise<void> {
    try {
      await this.engine.deployments.latestLoaded(processKey);
    } catch (err) {
      if (err instanceof WorkflowError && err.status === 404) throw conflict(`SOP ${processKey} is not deployed`).as('process.notDeployed', { key: processKey });
      throw err;
    }
  }

  private async select(query: ComplaintQuery, scope: ComplaintScope, limit: number, offset: number): Promise<ComplaintRow[]> {
    const where: string[] = [];
    const sql = new SqlParams();
    const param = sql.bind;
    const scoped = complaintScopeSql(scope, param);
    if (scoped) where.push(scoped);
    if (query.opd) where.push(complaintOfOpd(param, query.opd));
    if (query.channel) where.push(`c.channel = ${param(query.channel)}`);
    if (query.district) where.push(`c.district = ${param(query.district)}`);
    if (query.from) where.push(`c.created_at >= ${param(this.instant(query.from, 'start').toISOString())}`);
    if (query.to) where.push(`c.created_at < ${param(this.instant(query.to, 'end').toISOString())}`);
    if (query.q?.trim()) {
      // Never the reporter's fields: a search must not reveal an identity the reader may not see.
      const p = sql.contains(query.q.trim());
      where.push(`(c.tracking_id ilike ${p} or c.subject ilike ${p} or c.description ilike ${p} or c.location ilike ${p} or c.category ilike ${p})`);
    }
    if (query.overdue !== undefined) {
      // next_due_at: the earliest due date of the chain's open tasks, kept by the database.
      const p = param(this.engine.clock.now().toISOString());
      where.push(query.overdue ? `c.next_due_at < ${p}` : `(c.next_due_at is null or c.next_due_at >= ${p})`);
    }
    if (query.status) where.push(`c.status = ${param(query.status)}`);
    const { rows } = await this.db.query<ComplaintRow>(
      `select ${columns} from complaints c ${where.length ? `where ${where.join(' and ')}` : ''}
        order by c.created_at desc, c.tracking_id desc limit ${param(limit)} offset ${param(offset)}`,
      sql.values,
    );
    return rows;
  }

  /** A query bound as an instant: a bare date is that day in the districts' zone. */
  private instant(value: string, edge: 'start' | 'end'): Date {
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
      const day = DateTime.fromISO(value, { zone: this.zone });
      return (edge === 'start' ? day : day.plus({ days: 1 })).toJSDate();
    }
    return new Date(value);
  }

  private async present(rows: ComplaintRow[], user: User): Promise<ComplaintSummary[]> {
    if (rows.length === 0) return [];
    const opdOf = new Map(rows.map((r) => [r.tracking_id, r.current_opd ?? r.opd]));
    const codes = [...new Set([...opdOf.values()].filter((c): c is string => !!c))];
    const { rows: names } = await this.db.query<{ code: string; name: string }>('select code, name from opds where code = any($1::text[])', [codes]);
    const nameOf = new Map(names.map((n) => [n.code, n.name]));
    const seesIdentity = mayReadIdentity(user);
    return rows.map((r) => {
      const opd = opdOf.get(r.tracking_id) ?? null;
      const identityShown = !r.anonim && (!r.rahasia || seesIdentity) && (r.reporter_name !== null || r.reporter_contact !== null);
      return {
        trackingId: r.tracking_id,
        district: r.district,
        channel: r.channel,
        status: r.status,
        subject: r.subject,
        description: r.description,
        location: r.location,
        category: r.category,
        opd,
        opdName: opd ? (nameOf.get(opd) ?? null) : null,
        anonim: r.anonim,
        rahasia: r.rahasia,
        reporter: identityShown ? { name: r.reporter_name, contact: r.reporter_contact } : null,
        createdAt: new Date(r.created_at).toISOString(),
        createdBy: r.created_by,
      };
    });
  }
}
