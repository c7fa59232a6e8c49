import { z } from 'zod';
import { migratorRoles } from '../../domain/access';
import { MIGRATION_BATCH_MAX } from '../../engine/instanceMigration';
import { route } from '../route';
import type { AppServices } from '../services';

// An element id (XML NCName-like); never a name that reaches an object's prototype.
const elementId = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z_][\w.-]*$/, 'an element id')
  .refine((id) => !['__proto__', 'constructor', 'prototype'].includes(id), 'an element id');

const migrationBody = z.object({
  from: z.number().int().positive(),
  to: z.number().int().positive(),
  instances: z.union([z.literal('all'), z.array(z.uuid()).min(1).max(MIGRATION_BATCH_MAX)]),
  mapping: z
    .record(elementId, elementId)
    .refine((m) => Object.keys(m).length <= 1000, 'at most 1000 mapped elements')
    .default({}),
  dryRun: z.boolean().default(false),
});

export function migrationRoutes(s: AppServices) {
  return [
    route({
      method: 'post',
      path: '/api/process-definitions/:key/migrations',
      tag: 'deployments',
      summary: `Move running instances from one version of a process to another (dryRun: only say what would change); at most ${MIGRATION_BATCH_MAX} per request`,
      access: migratorRoles,
      body: migrationBody,
      responses: {
        200: 'per instance: moved (or planned) with its element mapping and old → new due dates, or failed with the reason',
        400: 'migration.unmappable: detail lists each active element (instance, element, why) that has no element of the same kind in the target',
        404: 'unknown key or version',
      },
      async handler({ params, body, user }) {
        const report = await s.engine.migrations.migrate({ key: params.key, ...body, actor: user.username });
        return { body: report };
      },
    }),
  ];
}
