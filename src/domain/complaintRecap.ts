import { channels, complaintStatuses, type Channel, type ComplaintStatus, type District } from '../contract/complaints';
import type { ComplaintRecapReport, RecapComplaint, RecapOpdRow, RecapPeriod, RecapTotals } from '../contract/recap';
import type { Queryable } from '../db/database';
import type { WorkflowEngine } from '../engine/workflowEngine';
import { DateTime } from 'luxon';
import { WIB, wibDayEnd, wibDayStart } from './auditInstances';
import { complaintCountsOfOpd, complaintOfOpd, complaintScope } from './access';
import { isoOrNull, SqlParams } from '../db/sqlParams';
import { districtOfCode } from './opds';
import type { User } from './users';

export type { ComplaintRecapReport, RecapComplaint, RecapOpdRow, RecapTotals } from '../contract/recap';

export interface RecapQuery {
  /** Without one: the district of the user's OPD, else Kapuas (as an intake decides it). */
  district?: District;
  period: RecapPeriod;
  /** The page of the list: at most maxRecapPage complaints from `offset`. */
  limit?: number;
  offset?: number;
}

/** The largest page of the recap's list in JSON (the CSV takes the whole period, page by page). */
export const maxRecapPage = 500;

/** The complaint's own columns a recap lists: never the reporter's. */
interface ListedRow {
  tracking_id: string;
  channel: Channel;
  subject: string;
  current_opd: string | null;
  status: ComplaintStatus;
  answered_at: Date | string | null;
  closed_at: Date | string | null;
  late: boolean;
  extended: boolean;
  created_at: Date | string;
}

interface CountRow {
  channel: Channel;
  status: ComplaintStatus;
  opd: string | null;
  received: number;
  answered: number;
  late: number;
}

const OPEN: readonly ComplaintStatus[] = ['diterima', 'diproses'];

const iso = (v: Date | string) => new Date(v).toISOString();

/**
 * The periodic complaint recap (Rekap Pengaduan) the SOPs ask of the Admin Utama and the Kasi:
 * the complaints a district received in a period, counted by channel, status and OPD, and listed
 * one by one. OPD-bound staff get their OPD's share, as everywhere else.
 */
export class ComplaintRecap {
  constructor(
    private readonly db: Queryable,
    private readonly engine: WorkflowEngine,
  ) {}

  /**
   * Totals, by channel, status and OPD come from the aggregate the database keeps per month
   * (complaint_month_counts), plus the complaints open past a due date now (the index on
   * next_due_at); the list is one page of the period.
   */
  async report(query: RecapQuery, user: User): Promise<ComplaintRecapReport> {
    const scope = complaintScope(user);
    const onlyOpd = scope.all ? null : scope.opd;
    const district = query.district ?? (user.opd ? districtOfCode(user.opd) : 'kapuas');
    const now = this.engine.clock.now();
    const limit = Math.min(query.limit ?? 100, maxRecapPage);
    const offset = query.offset ?? 0;
    const [counts, complaints] = await Promise.all([
      this.counts(district, query.period, onlyOpd, now),
      this.list(district, query.period, onlyOpd, now, limit, offset),
    ]);
    const nameOf = await this.opdNames([...counts.map((c) => c.opd), ...complaints.map((c) => c.opd), onlyOpd]);
    const sum = (rows: CountRow[], pick: (r: CountRow) => number) => rows.reduce((n, r) => n + pick(r), 0);
    const open = counts.filter((c) => OPEN.includes(c.status));
    const received = sum(counts, (r) => r.received);
    const totals: RecapTotals = {
      received,
      answered: sum(counts, (r) => r.answered),
      finished: received - sum(open, (r) => r.received),
      open: sum(open, (r) => r.received),
      late: sum(counts, (r) => r.late),
    };
    return {
      district,
      period: query.period,
      scope: { opd: onlyOpd, opdName: onlyOpd ? (nameOf.get(onlyOpd) ?? null) : null },
      totals,
      byChannel: channels.map((channel) => ({ channel, count: sum(counts.filter((c) => c.channel === channel), (r) => r.received) })),
      byStatus: complaintStatuses.map((status) => ({ status, count: sum(counts.filter((c) => c.status === status), (r) => r.received) })),
      byOpd: byOpd(counts, nameOf),
      complaints: complaints.map((c) => ({ ...c, opdName: c.opd ? (nameOf.get(c.opd) ?? null) : null })),
      page: { total: received, limit, offset },
      generatedAt: now.toISOString(),
    };
  }

  /**
   * Counts per channel, status and OPD of the period: whole months from the monthly aggregate (a
   * quarter reads three rows per combination, whatever the years behind), the days of a range
   * outside whole months from the complaints themselves (bounded by the range, through the
   * (district, created_at) index).
   */
  private async counts(district: District, period: RecapPeriod, onlyOpd: string | null, now: Date): Promise<CountRow[]> {
    const { wholeFrom, wholeTo, edges } = splitAtMonths(period.from, period.to);
    const sql = new SqlParams([district, wholeFrom, wholeTo]);
    const scopedK = onlyOpd ? `and ${complaintCountsOfOpd(sql.bind, onlyOpd)}` : '';
    const scopedC = onlyOpd ? `and ${complaintOfOpd(sql.bind, onlyOpd)}` : '';
    const edgeSql = edges.map(([from, to]) => `(c.created_at >= ${sql.bind(from.toISOString())} and c.created_at < ${sql.bind(to.toISOString())})`);
    const { rows: kept } = await this.db.query<CountRow>(
      `with parts as (
         select k.channel, k.status, nullif(k.current_opd, '') as opd, k.received, k.answered, k.completed_late as late
           from complaint_month_counts k where k.district = $1 and k.month >= $2::date and k.month < $3::date ${scopedK}
         union all
         select c.channel, c.status, c.current_opd, 1, (c.answered_at is not null or c.status = 'selesai')::int, c.completed_late::int
           from complaints c where c.district = $1 and (${edgeSql.length ? edgeSql.join(' or ') : 'false'}) ${scopedC}
       )
       select channel, status, opd, sum(received)::int as received, sum(answered)::int as answered, sum(late)::int as late
         from parts group by 1, 2, 3 having sum(received) > 0`,
      sql.values,
    );
    // Late now, not yet late when done: open past a due date (few: today's backlog, not the years).
    const late = new SqlParams([district, wibDayStart(period.from).toISOString(), wibDayEnd(period.to).toISOString(), now.toISOString()]);
    const scoped2 = onlyOpd ? `and ${complaintOfOpd(late.bind, onlyOpd)}` : '';
    const { rows: lateNow } = await this.db.query<{ channel: Channel; status: ComplaintStatus; opd: string | null; n: number }>(
      `select c.channel, c.status, c.current_opd as opd, count(*)::int as n from complaints c
        where c.next_due_at < $4 and not c.completed_late and c.district = $1 and c.created_at >= $2 and c.created_at < $3 ${scoped2}
        group by 1, 2, 3`,
      late.values,
    );
    for (const l of lateNow) {
      const row = kept.find((k) => k.channel === l.channel && k.status === l.status && k.opd === l.opd);
      if (row) row.late += l.n;
    }
    return kept;
  }

  private async list(district: District, period: RecapPeriod, onlyOpd: string | null, now: Date, limit: number, offset: number): Promise<Omit<RecapComplaint, 'opdName'>[]> {
    const sql = new SqlParams([district, wibDayStart(period.from).toISOString(), wibDayEnd(period.to).toISOString(), now.toISOString(), limit, offset]);
    const scoped = onlyOpd ? `and ${complaintOfOpd(sql.bind, onlyOpd)}` : '';
    const { rows } = await this.db.query<ListedRow>(
      `select c.tracking_id, c.channel, c.subject, c.current_opd, c.status, c.answered_at, c.closed_at, c.created_at,
              (c.completed_late or coalesce(c.next_due_at < $4, false)) as late, c.extended_at is not null as extended
         from complaints c where c.district = $1 and c.created_at >= $2 and c.created_at < $3 ${scoped}
        order by c.created_at, c.tracking_id limit $5 offset $6`,
      sql.values,
    );
    return rows.map((r) => ({
      trackingId: r.tracking_id,
      receivedAt: iso(r.created_at),
      channel: r.channel,
      subject: r.subject,
      opd: r.current_opd,
      status: r.status,
      answeredAt: isoOrNull(r.answered_at),
      closedAt: OPEN.includes(r.status) ? null : isoOrNull(r.closed_at),
      late: r.late,
      ...(r.extended ? { extended: true as const } : {}),
    }));
  }

  private async opdNames(codes: (string | null)[]): Promise<Map<string, string>> {
    const wanted = [...new Set(codes.filter((c): c is string => !!c))];
    if (wanted.length === 0) return new Map();
    const { rows } = await this.db.query<{ code: string; name: string }>('select code, name from opds where code = any($1::text[])', [wanted]);
    return new Map(rows.map((r) => [r.code, r.name]));
  }
}

/**
 * A period of WIB days (both inclusive) as its whole months (`wholeFrom` ≤ month < `wholeTo`,
 * yyyy-MM-dd; equal when there is none) and the instants outside them.
 */
export function splitAtMonths(from: string, to: string): { wholeFrom: string; wholeTo: string; edges: [Date, Date][] } {
  const start = DateTime.fromISO(from, { zone: WIB });
  const end = DateTime.fromISO(to, { zone: WIB }).plus({ days: 1 });
  const first = start.day === 1 ? start : start.startOf('month').plus({ months: 1 });
  const last = end.startOf('month');
  if (first >= last) return { wholeFrom: from, wholeTo: from, edges: [[start.toJSDate(), end.toJSDate()]] };
  const edges: [Date, Date][] = [];
  if (start < first) edges.push([start.toJSDate(), first.toJSDate()]);
  if (last < end) edges.push([last.toJSDate(), end.toJSDate()]);
  return { wholeFrom: first.toISODate()!, wholeTo: last.toISODate()!, edges };
}

/** The follow-up of each OPD, most complaints first; those without an OPD yet last. */
function byOpd(counts: CountRow[], nameOf: Map<string, string>): RecapOpdRow[] {
  const rows = new Map<string | null, RecapOpdRow>();
  for (const c of counts) {
    const row = rows.get(c.opd) ?? { opd: c.opd, opdName: c.opd ? (nameOf.get(c.opd) ?? null) : null, received: 0, answered: 0, open: 0, late: 0 };
    row.received += c.received;
    row.answered += c.answered;
    if (OPEN.includes(c.status)) row.open += c.received;
    row.late += c.late;
    rows.set(c.opd, row);
  }
  return [...rows.values()].sort(
    (a, b) => Number(a.opd === null) - Number(b.opd === null) || b.received - a.received || (a.opdName ?? a.opd ?? '').localeCompare(b.opdName ?? b.opd ?? ''),
  );
}
