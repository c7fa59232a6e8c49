import { z } from 'zod';
import { errorCodes } from '../contract/errors';
import type { Route } from './route';

/** The OpenAPI 3.1 document, written from the same route registry that serves requests. */
export function openApiDocument(routes: Route<unknown, unknown>[]): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const path = r.path.replace(/:(\w+)/g, '{$1}');
    const params = [...r.path.matchAll(/:(\w+)/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
    const query = r.query ? queryParameters(r.query) : [];
    paths[path] ??= {};
    paths[path][r.method] = {
      summary: r.summary,
      tags: [r.tag],
      ...(r.access === 'public' ? { security: [] } : {}),
      ...(Array.isArray(r.access) && { description: `Roles: ${r.access.join(', ')}` }),
      parameters: [...params, ...query],
      ...(r.body && { requestBody: { required: true, content: { 'application/json': { schema: z.toJSONSchema(r.body, { unrepresentable: 'any' }) } } } }),
      responses: {
        ...Object.fromEntries(Object.entries(r.responses ?? { 200: 'OK' }).map(([code, description]) => [code, { description }])),
        ...(r.access !== 'public' && { 401: { description: 'not signed in' } }),
        ...(Array.isArray(r.access) && { 403: { description: 'role not allowed' } }),
        // Every write passes the cross-site guard (crossSiteGuard.ts) before its route.
        ...(r.method !== 'get' && {
          403: { description: Array.isArray(r.access) ? 'role not allowed, or a cross-site request (an Origin other than this server)' : 'a cross-site request (an Origin other than this server)' },
          415: { description: 'the body is not application/json' },
        }),
        400: { description: 'invalid input', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'LAPOR!-SP4N SOP workflow API', version: '0.1.0' },
    components: {
      securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'sop_session' } },
      schemas: { Error: errorSchema },
    },
    security: [{ session: [] }],
    paths: {
      '/api/openapi.json': { get: { summary: 'This document', tags: ['meta'], security: [], responses: { 200: { description: 'OK' } } } },
      ...paths,
    },
  };
}

/** Every 4xx answer; `code` and `params` only on the errors the web app words for staff. */
const errorSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: { type: 'string', description: 'what went wrong, in English' },
    detail: { description: 'which field, element or value; line and column for a diagram' },
    code: { type: 'string', enum: [...errorCodes] },
    params: { type: 'object', additionalProperties: { type: ['string', 'number'] } },
  },
};

function queryParameters(schema: z.ZodType): Record<string, unknown>[] {
  const json = z.toJSONSchema(schema, { unrepresentable: 'any', io: 'input' }) as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, s]) => ({ name, in: 'query', required: json.required?.includes(name) ?? false, schema: s }));
}
