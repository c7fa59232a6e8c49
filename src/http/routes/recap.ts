import { z } from 'zod';
import { districts } from '../../contract/complaints';
import { maxRecapPage, type ComplaintRecapReport } from '../../domain/complaintRecap';
import { complaintReaders } from '../../domain/access';
import { recapCsv } from '../../domain/recapCsv';
import { recapFileName } from '../../domain/recapLabels';
import { recapPdf } from '../../domain/recapPdf';
import { recapXlsx } from '../../domain/recapXlsx';
import { daysIn, MAX_RANGE_DAYS, namedPeriod, PERIOD_PATTERN, quarterOf, type RecapPeriod } from '../../domain/recapPeriod';
import type { User } from '../../domain/users';
import { oneOf, wibDay } from '../queryParams';
import { XLSX_TYPE } from '../contentTypes';
import { route } from '../route';
import type { AppServices } from '../services';

const recapQuery = z
  .object({
    district: oneOf('district', districts).optional(),
    period: z
      .string()
      .regex(PERIOD_PATTERN, { error: (iss) => `period must be a month yyyy-MM or a quarter yyyy-Qn (2026-11, 2026-Q4), not ${JSON.stringify(iss.input)}` })
      .optional(),
    from: wibDay('from').optional(),
    to: wibDay('to').optional(),
    limit: z.coerce.number().int().min(1).max(maxRecapPage).optional(),
    offset: z.coerce.number().int().min(0).optional(),
  })
  .superRefine((q, ctx) => {
    const fail = (field: string, message: string) => ctx.addIssue({ code: 'custom', path: [field], message });
    if (q.period && (q.from || q.to)) fail('period', 'give either period or from and to, not both');
    else if (!q.from !== !q.to) fail(q.from ? 'to' : 'from', 'a range needs both from and to');
    else if (q.from && q.to && q.from > q.to) fail('from', 'from must not be after to');
    else if (q.from && q.to && daysIn(q.from, q.to) > MAX_RANGE_DAYS) fail('to', `a range may span at most ${MAX_RANGE_DAYS} days`);
  });

type RecapParams = z.infer<typeof recapQuery>;

/** The period asked for; the current quarter (on the workflow clock) when none is. */
function periodOf(q: RecapParams, now: Date): RecapPeriod {
  if (q.period) return namedPeriod(q.period)!;
  if (q.from && q.to) return { kind: 'range', from: q.from, to: q.to };
  return quarterOf(now);
}


const periodHelp = 'period=yyyy-MM (a month) or yyyy-Qn (a quarter), or from and to (WIB days, both inclusive, at most a year); none: the current quarter';

export function recapRoutes(s: AppServices) {
  const report = (q: RecapParams, user: User, page: { limit?: number; offset?: number } = { limit: q.limit, offset: q.offset }) =>
    s.recap.report({ district: q.district, period: periodOf(q, s.engine.clock.now()), limit: page.limit, offset: page.offset }, user);
  /** The downloads (CSV, XLSX, PDF) list the whole period, read page by page through the same report. */
  const wholePeriod = async (q: RecapParams, user: User): Promise<ComplaintRecapReport> => {
    const first = await report(q, user, { limit: maxRecapPage, offset: 0 });
    const complaints = [...first.complaints];
    while (complaints.length < first.page.total) {
      const next = await report(q, user, { limit: maxRecapPage, offset: complaints.length });
      if (next.complaints.length === 0) break;
      complaints.push(...next.complaints);
    }
    return { ...first, complaints };
  };
  return [
    route({
      method: 'get',
      path: '/api/recap',
      tag: 'recap',
      summary: `Periodic complaint recap (Rekap Pengaduan, SOP 555/03, 555/04, 555/06, Kapuas Hulu 10) of a district: totals, by channel, status and OPD, and the list; never the reporter. ${periodHelp}. OPD staff: their OPD only`,
      access: complaintReaders,
      query: recapQuery,
      responses: {
        200: `{ district, period, scope, totals, byChannel, byStatus, byOpd, complaints (one page: limit ≤ ${maxRecapPage}, offset), page: { total, limit, offset }, generatedAt }`,
        400: 'a malformed district, period or range, named',
      },
      async handler({ query, user }) {
        return { body: await report(query, user) };
      },
    }),
    route({
      method: 'get',
      path: '/api/recap.csv',
      tag: 'recap',
      summary: `The recap's list of complaints as CSV (UTF-8 with BOM, times in WIB, no formulas); same query and scope as GET /api/recap`,
      access: complaintReaders,
      query: recapQuery,
      responses: { 200: 'text/csv download rekap-pengaduan-<district>-<period>.csv', 400: 'a malformed district, period or range, named' },
      async handler({ query, user }) {
        const r = await wholePeriod(query, user);
        return { raw: { contentType: 'text/csv; charset=utf-8', text: recapCsv(r), attachment: recapFileName(r, 'csv') } };
      },
    }),
    route({
      method: 'get',
      path: '/api/recap.xlsx',
      tag: 'recap',
      summary: `The recap as an Excel workbook: a summary sheet (totals, by channel, status and OPD) and the whole list, Indonesian headings, district and period in the title rows, counts as numbers, times as dates (WIB); same query and scope as GET /api/recap.csv`,
      access: complaintReaders,
      query: recapQuery,
      responses: { 200: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet download rekap-pengaduan-<district>-<period>.xlsx', 400: 'a malformed district, period or range, named' },
      async handler({ query, user }) {
        const r = await wholePeriod(query, user);
        return { raw: { contentType: XLSX_TYPE, text: await recapXlsx(r), attachment: recapFileName(r, 'xlsx') } };
      },
    }),
    route({
      method: 'get',
      path: '/api/recap.pdf',
      tag: 'recap',
      summary: `The recap as a printable PDF (A4, Indonesian): title with district and period, the counts, the OPDs' follow-up, the whole list, the initials of SOP 555/03, page numbers; same query and scope as GET /api/recap.csv`,
      access: complaintReaders,
      query: recapQuery,
      responses: { 200: 'application/pdf download rekap-pengaduan-<district>-<period>.pdf', 400: 'a malformed district, period or range, named' },
      async handler({ query, user }) {
        const r = await wholePeriod(query, user);
        return { raw: { contentType: 'application/pdf', text: await recapPdf(r), attachment: recapFileName(r, 'pdf') } };
      },
    }),
  ];
}
