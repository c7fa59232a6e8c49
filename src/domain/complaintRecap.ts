import { channels, complaintStatuses, type Channel, type ComplaintStatus, type District } from '../contract/complaints';
import type { ComplaintRecapReport, RecapComplaint, RecapOpdRow, RecapPeriod, RecapTotals } from '../contract/recap';
import type { Queryable } from '../db/database';
import type { WorkflowEngine } from '../engine/workflowEngine';
import { lateTaskCondition, wibDayEnd, wibDayStart } from './auditInstances';
import { complaintOfOpd, complaintScope } from './complaintsAccess';
import { answersOf, ChainStatusReader, currentOpdOf, loadChains, type ChainInstance } from './complaintsChain';
import { districtOfCode } from './opds';
import type { User } from './users';

export type { ComplaintRecapReport, RecapComplaint, RecapOpdRow, RecapTotals } from '../contract/recap';

export interface RecapQuery {
  /** Without one: the district of the user's OPD, else Kapuas (as an intake decides it). */
  district?: District;
  period: RecapPeriod;
}

/** The complaint's own columns a recap reads: never the reporter's. */
interface ReceivedRow {
  tracking_id: string;
  channel: Channel;
  subject: string;
  opd: string | null;
  created_at: Date | string;
}

const OPEN: readonly ComplaintStatus[] = ['diterima', 'diproses'];

const iso = (v: Date | string) => new Date(v).toISOString();

/**
 * The periodic complaint recap (Rekap Pengaduan) the SOPs ask of the Admin Utama and the Kasi:
 * the complaints a district received in a period, counted by channel, status and OPD, and listed
 * one by one. OPD-bound staff get their OPD's share, as everywhere else.
 */
export class ComplaintRecap {
  private readonly statusReader: ChainStatusReader;

  constructor(
    private readonly db: Queryable,
    private readonly engine: WorkflowEngine,
  ) {
    this.statusReader = new ChainStatusReader(engine.deployments);
  }

  async report(query: RecapQuery, user: User): Promise<ComplaintRecapReport> {
    const scope = complaintScope(user);
    const onlyOpd = scope.all ? null : scope.opd;
    const district = query.district ?? (user.opd ? districtOfCode(user.opd) : 'kapuas');
    const now = this.engine.clock.now();
    const rows = await this.received(district, query.period, onlyOpd);
    const ids = rows.map((r) => r.tracking_id);
    const chains = await loadChains(this.engine.instances, ids);
    const [statuses, late, answered] = await Promise.all([this.statusReader.statuses(this.db, chains), this.lateOnes(ids, now), this.firstAnswers(ids)]);

    const items = rows.map((r) => {
      const chain = chains.get(r.tracking_id) ?? [];
      const receivedAt = iso(r.created_at);
      // An answer entered with the complaint (sudahDitindaklanjuti) was given when it was received.
      const answeredAt = answered.get(r.tracking_id) ?? (answersOf(chain).length ? receivedAt : null);
      const status = statuses.get(r.tracking_id) ?? 'diterima';
      return {
        trackingId: r.tracking_id,
        receivedAt,
        channel: r.channel,
        subject: r.subject,
        opd: currentOpdOf(chain, r.opd),
        status,
        answeredAt,
        closedAt: OPEN.includes(status) ? null : endOf(chain),
        late: late.has(r.tracking_id),
      };
    });
    const nameOf = await this.opdNames([...items.map((i) => i.opd), onlyOpd]);
    const complaints: RecapComplaint[] = items.map((i) => ({ ...i, opdName: i.opd ? (nameOf.get(i.opd) ?? null) : null }));

    return {
      district,
      period: query.period,
      scope: { opd: onlyOpd, opdName: onlyOpd ? (nameOf.get(onlyOpd) ?? null) : null },
      totals: totalsOf(complaints),
      byChannel: channels.map((channel) => ({ channel, count: complaints.filter((c) => c.channel === channel).length })),
      byStatus: complaintStatuses.map((status) => ({ status, count: complaints.filter((c) => c.status === status).length })),
      byOpd: byOpd(complaints),
      complaints,
      generatedAt: now.toISOString(),
    };
  }

  private async received(district: District, period: RecapPeriod, onlyOpd: string | null): Promise<ReceivedRow[]> {
    const params: unknown[] = [district, wibDayStart(period.from).toISOString(), wibDayEnd(period.to).toISOString()];
    const param = (v: unknown) => `$${params.push(v)}`;
    const { rows } = await this.db.query<ReceivedRow>(
      `select c.tracking_id, c.channel, c.subject, c.opd, c.created_at from complaints c
        where c.district = $1 and c.created_at >= $2 and c.created_at < $3 ${onlyOpd ? `and ${complaintOfOpd(param, onlyOpd)}` : ''}
        order by c.created_at, c.tracking_id`,
      params,
    );
    return rows;
  }

  /** The complaints with a late task in their chain (the audit trail's rule of lateness). */
  private async lateOnes(trackingIds: string[], now: Date): Promise<Set<string>> {
    if (trackingIds.length === 0) return new Set();
    const { rows } = await this.db.query<{ business_key: string }>(
      `select distinct i.business_key from tasks t join process_instances i on i.id = t.instance_id
        where i.business_key = any($1::text[]) and ${lateTaskCondition('$2')}`,
      [trackingIds, now.toISOString()],
    );
    return new Set(rows.map((r) => r.business_key));
  }

  /** When each complaint's first answer (`jawaban`) was recorded by a completed task. */
  private async firstAnswers(trackingIds: string[]): Promise<Map<string, string>> {
    if (trackingIds.length === 0) return new Map();
    const { rows } = await this.db.query<{ business_key: string; at: Date | string }>(
      `select i.business_key, min(h.at) as at from history h join process_instances i on i.id = h.instance_id
        where i.business_key = any($1::text[]) and h.type = 'task-completed' and coalesce(btrim(h.data->'variables'->>'jawaban'), '') <> ''
        group by i.business_key`,
      [trackingIds],
    );
    return new Map(rows.map((r) => [r.business_key, iso(r.at)]));
  }

  private async opdNames(codes: (string | null)[]): Promise<Map<string, string>> {
    const wanted = [...new Set(codes.filter((c): c is string => !!c))];
    if (wanted.length === 0) return new Map();
    const { rows } = await this.db.query<{ code: string; name: string }>('select code, name from opds where code = any($1::text[])', [wanted]);
    return new Map(rows.map((r) => [r.code, r.name]));
  }
}

/** When the chain's last instance ended; null while one still runs. */
function endOf(chain: ChainInstance[]): string | null {
  if (chain.length === 0 || chain.some((i) => !i.endedAt)) return null;
  return chain.map((i) => i.endedAt!).reduce((a, b) => (a > b ? a : b));
}

const isAnswered = (c: RecapComplaint) => c.answeredAt !== null || c.status === 'selesai';
const isOpen = (c: RecapComplaint) => OPEN.includes(c.status);

function totalsOf(complaints: RecapComplaint[]): RecapTotals {
  const open = complaints.filter(isOpen).length;
  return {
    received: complaints.length,
    answered: complaints.filter(isAnswered).length,
    finished: complaints.length - open,
    open,
    late: complaints.filter((c) => c.late).length,
  };
}

/** The follow-up of each OPD, most complaints first; those without an OPD yet last. */
function byOpd(complaints: RecapComplaint[]): RecapOpdRow[] {
  const rows = new Map<string | null, RecapOpdRow>();
  for (const c of complaints) {
    const row = rows.get(c.opd) ?? { opd: c.opd, opdName: c.opdName, received: 0, answered: 0, open: 0, late: 0 };
    row.received++;
    if (isAnswered(c)) row.answered++;
    if (isOpen(c)) row.open++;
    if (c.late) row.late++;
    rows.set(c.opd, row);
  }
  return [...rows.values()].sort(
    (a, b) => Number(a.opd === null) - Number(b.opd === null) || b.received - a.received || (a.opdName ?? a.opd ?? '').localeCompare(b.opdName ?? b.opd ?? ''),
  );
}
