import { z } from 'zod';
import { historyCsv } from '../../domain/auditCsv';
import { uuidParam } from '../params';
import { wibDay } from '../queryParams';
import { route } from '../route';
import type { AppServices } from '../services';

const instanceStatuses = ['running', 'completed', 'terminated', 'failed'] as const;

const auditQuery = z
  .object({
    trackingId: z.string().max(100).optional(),
    key: z.string().max(200).optional(),
    status: z
      .enum(instanceStatuses, { error: (iss) => `unknown status ${JSON.stringify(iss.input)}: use one of ${instanceStatuses.join(', ')}` })
      .optional(),
    opd: z.string().max(100).optional(),
    from: wibDay('from').optional(),
    to: wibDay('to').optional(),
    overdue: z.enum(['true', 'false'], { error: 'overdue must be true or false' }).transform((v) => v === 'true').optional(),
    limit: z.coerce.number().int().min(1).max(200).optional(),
    offset: z.coerce.number().int().min(0).optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { error: 'from must not be after to', path: ['from'] });

export function auditRoutes(s: AppServices) {
  const audit = s.audit;
  return [
    route({
      method: 'get',
      path: '/api/audit/instances',
      tag: 'audit',
      summary:
        'Search instances for audit, newest first: every instance for auditors, admin-sistem and pemilik-proses; the chains of complaints the caller may read otherwise (OPD staff: their OPD’s)',
      access: 'user',
      query: auditQuery,
      responses: { 200: '{ total, items }', 400: 'a malformed filter, named', 403: 'the caller reads neither histories nor complaints' },
      async handler({ query, user }) {
        return { body: await audit.search(query, user) };
      },
    }),
    route({
      method: 'get',
      path: '/api/audit/instances/:id',
      tag: 'audit',
      summary: 'One instance for audit: its history, tasks with lateness in working time, mails sent, variables, chain and element names',
      access: 'user',
      responses: { 200: 'the instance with its history', 403: 'outside the caller’s scope', 404: 'unknown id' },
      async handler({ params, user }) {
        return { body: await audit.detail(uuidParam(params.id), user) };
      },
    }),
    route({
      method: 'get',
      path: '/api/instances/:id/history.csv',
      tag: 'audit',
      summary: 'The history of an instance as CSV (UTF-8 with BOM, times in WIB): for whoever may read its history or audit it',
      access: 'user',
      responses: { 200: 'text/csv download <trackingId or id>-riwayat.csv', 403: 'not yours to read', 404: 'unknown id' },
      async handler({ params, user }) {
        const id = uuidParam(params.id);
        await audit.requireReadable(id, user);
        const instance = await s.engine.instances.get(id);
        const [history, notifications, loaded] = await Promise.all([
          s.engine.history.list(id),
          audit.notifications(id),
          s.engine.deployments.load(instance.definitionId),
        ]);
        const actors = await audit.displayNames([...new Set(history.map((h) => h.actor).filter((a): a is string => !!a))]);
        const csv = historyCsv({ history, notifications, elementNames: Object.fromEntries(loaded.model.elementNames), actors });
        const name = `${(instance.businessKey ?? id).replace(/[^A-Za-z0-9._-]/g, '_')}-riwayat.csv`;
        return { raw: { contentType: 'text/csv; charset=utf-8', text: csv, attachment: name } };
      },
    }),
  ];
}

