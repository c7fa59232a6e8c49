import { z } from 'zod';
import { performanceReaders } from '../../domain/access';
import { performanceFileName } from '../../domain/performanceLabels';
import { performancePdf } from '../../domain/performancePdf';
import { performanceXlsx } from '../../domain/performanceXlsx';
import { daysIn, MAX_RANGE_DAYS, namedPeriod, PERIOD_PATTERN, quarterOf, type RecapPeriod } from '../../domain/recapPeriod';
import { maxLateCompletionPage } from '../../domain/sopPerformance';
import { wibDay } from '../queryParams';
import { XLSX_TYPE } from '../contentTypes';
import { route } from '../route';
import type { AppServices } from '../services';

const fields = {
  key: z.string().min(1).max(200),
  version: z.coerce.number().int().min(1).max(1_000_000).optional(),
  period: z
    .string()
    .regex(PERIOD_PATTERN, { error: (iss) => `period must be a month yyyy-MM or a quarter yyyy-Qn (2026-11, 2026-Q4), not ${JSON.stringify(iss.input)}` })
    .optional(),
  from: wibDay('from').optional(),
  to: wibDay('to').optional(),
  opd: z.string().min(1).max(100).optional(),
};

type PeriodParams = { period?: string; from?: string; to?: string };

/** The same period rules as the recap's (GET /api/recap). */
function checkPeriod(q: PeriodParams, ctx: z.RefinementCtx): void {
  const fail = (field: string, message: string) => ctx.addIssue({ code: 'custom', path: [field], message });
  if (q.period && (q.from || q.to)) fail('period', 'give either period or from and to, not both');
  else if (!q.from !== !q.to) fail(q.from ? 'to' : 'from', 'a range needs both from and to');
  else if (q.from && q.to && q.from > q.to) fail('from', 'from must not be after to');
  else if (q.from && q.to && daysIn(q.from, q.to) > MAX_RANGE_DAYS) fail('to', `a range may span at most ${MAX_RANGE_DAYS} days`);
}

const performanceQuery = z.object(fields).strict().superRefine(checkPeriod);
const lateQuery = z
  .object({
    ...fields,
    element: z.string().min(1).max(200),
    limit: z.coerce.number().int().min(1).max(maxLateCompletionPage).optional(),
    offset: z.coerce.number().int().min(0).max(100_000).optional(),
  })
  .strict()
  .superRefine(checkPeriod);

function periodOf(q: PeriodParams, now: Date): RecapPeriod {
  if (q.period) return namedPeriod(q.period)!;
  if (q.from && q.to) return { kind: 'range', from: q.from, to: q.to };
  return quarterOf(now);
}

const help =
  'key (process key), version (none: the newest), period=yyyy-MM or yyyy-Qn or from and to (WIB days, at most a year; none: the current quarter), opd (OPD staff: their own only)';

export function performanceRoutes(s: AppServices) {
  type Q = z.infer<typeof performanceQuery>;
  const report = (q: Q, user: Parameters<typeof s.performance.report>[1]) =>
    s.performance.report({ key: q.key, version: q.version, opd: q.opd, period: periodOf(q, s.engine.clock.now()) }, user);
  const errors = { 400: 'a malformed key, version, period or range, named', 403: 'OPD staff asking for another OPD (opd.otherOpd)', 404: 'no such process version (process.notDeployed)' };
  return [
    route({
      method: 'get',
      path: '/api/performance',
      tag: 'performance',
      summary: `SOP performance (Kinerja SOP) of one process version over a period: per activity the number done, on time, share on time, median, 90th percentile (estimates from a log-scale histogram) and longest duration in working time, the standard, and the wait before the claim; read from a maintained aggregate. ${help}`,
      access: performanceReaders,
      query: performanceQuery,
      responses: { 200: '{ processKey, version, processName, district, period, opd, opdName, activities: [{ elementId, name, standard, done, withDue, onTime, onTimeShare, medianMs, p90Ms, maxMs, meanMs, allowedMeanMs, waitMeanMs, waitMaxMs, late }], generatedAt }', ...errors },
      async handler({ query, user }) {
        return { body: await report(query, user) };
      },
    }),
    route({
      method: 'get',
      path: '/api/performance/late',
      tag: 'performance',
      summary: `The late completions of one activity (element) of a process version in the period, longest first, paged (limit ≤ ${maxLateCompletionPage}); same query and scope as GET /api/performance`,
      access: performanceReaders,
      query: lateQuery,
      responses: { 200: '{ items: [{ taskId, instanceId, businessKey, opd, opdName, createdAt, dueAt, endedAt, endedBy, workMs, allowedMs }], page: { total, limit, offset } }', ...errors },
      async handler({ query, user }) {
        const { element, limit, offset, ...q } = query;
        return { body: await s.performance.late({ key: q.key, version: q.version, opd: q.opd, period: periodOf(q, s.engine.clock.now()), element, limit, offset }, user) };
      },
    }),
    route({
      method: 'get',
      path: '/api/performance.xlsx',
      tag: 'performance',
      summary: 'SOP performance as an Excel workbook: Indonesian headings, SOP, district, period and OPD in the title rows, counts and working hours as numbers; same query and scope as GET /api/performance',
      access: performanceReaders,
      query: performanceQuery,
      responses: { 200: `${XLSX_TYPE} download kinerja-<key>-v<version>-<period>.xlsx`, ...errors },
      async handler({ query, user }) {
        const r = await report(query, user);
        return { raw: { contentType: XLSX_TYPE, text: await performanceXlsx(r), attachment: performanceFileName(r, 'xlsx') } };
      },
    }),
    route({
      method: 'get',
      path: '/api/performance.pdf',
      tag: 'performance',
      summary: 'SOP performance as a printable PDF (A4 landscape, Indonesian); same query and scope as GET /api/performance',
      access: performanceReaders,
      query: performanceQuery,
      responses: { 200: 'application/pdf download kinerja-<key>-v<version>-<period>.pdf', ...errors },
      async handler({ query, user }) {
        const r = await report(query, user);
        return { raw: { contentType: 'application/pdf', text: await performancePdf(r), attachment: performanceFileName(r, 'pdf') } };
      },
    }),
  ];
}
