import { z } from 'zod';
import { districts, opdCodePattern } from '../../domain/opds';
import { systemAdminRoles } from '../../domain/roles';
import { route } from '../route';
import type { AppServices } from '../services';

const district = z.enum(districts, { error: (iss) => `unknown district ${JSON.stringify(iss.input)}: use one of ${districts.join(', ')}` });

export function opdRoutes(s: AppServices) {
  return [
    route({
      method: 'get',
      path: '/api/opds',
      tag: 'opds',
      summary: 'The OPD catalogue (regional agencies a complaint can be about)',
      access: 'user',
      query: z.object({
        district: district.optional(),
        active: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
      }),
      async handler({ query }) {
        return { body: await s.opds.list(query) };
      },
    }),
    route({
      method: 'post',
      path: '/api/opds',
      tag: 'opds',
      summary: 'Add an OPD (codes of kapuas-hulu start with "kph-")',
      access: systemAdminRoles,
      body: z
        .object({
          code: z.string().max(60).regex(opdCodePattern, 'lowercase letters and digits in words joined by "-", e.g. dinkes or kph-dinkes'),
          name: z.string().trim().min(1).max(200),
          district,
          active: z.boolean().optional(),
        })
        .strict(),
      responses: { 201: 'the OPD', 409: 'the code exists' },
      async handler({ body }) {
        return { status: 201, body: await s.opds.create(body) };
      },
    }),
    route({
      method: 'patch',
      path: '/api/opds/:code',
      tag: 'opds',
      summary: 'Rename or (de)activate an OPD; an inactive OPD takes no new complaints',
      access: systemAdminRoles,
      body: z
        .object({ name: z.string().trim().min(1).max(200).optional(), active: z.boolean().optional() })
        .strict()
        .refine((b) => b.name !== undefined || b.active !== undefined, 'give "name" or "active"'),
      responses: { 200: 'the OPD', 404: 'unknown code' },
      async handler({ params, body }) {
        return { body: await s.opds.update(params.code, body) };
      },
    }),
  ];
}
