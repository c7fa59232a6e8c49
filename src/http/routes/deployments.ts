import { z } from 'zod';
import { deployerRoles } from '../../domain/roles';
import { positiveIntParam } from '../params';
import { route } from '../route';
import type { AppServices } from '../services';

export function deploymentRoutes(s: AppServices) {
  const d = s.engine.deployments;
  return [
    route({
      method: 'post',
      path: '/api/deployments',
      tag: 'deployments',
      summary: 'Deploy a BPMN diagram as a new version of its process key (same content: existing version)',
      access: deployerRoles,
      body: z.object({ name: z.string().min(1).max(200), xml: z.string().min(1) }),
      responses: { 201: 'new version {key, version, id, processes}', 200: 'identical content: the existing version' },
      async handler({ body, user }) {
        const r = await d.deploy(body, user.username);
        const { created: _c, ...first } = r;
        return { status: r.created ? 201 : 200, body: { ...first, processes: r.processes.map(({ created: _x, ...p }) => p) } };
      },
    }),
    route({
      method: 'get',
      path: '/api/process-definitions',
      tag: 'deployments',
      summary: 'The latest version of each process',
      access: 'user',
      async handler() {
        return { body: await d.latest() };
      },
    }),
    route({
      method: 'get',
      path: '/api/process-definitions/:key/versions',
      tag: 'deployments',
      summary: 'Every version of one process',
      access: 'user',
      responses: { 200: 'versions, oldest first', 404: 'unknown key' },
      async handler({ params }) {
        return { body: await d.versions(params.key) };
      },
    }),
    route({
      method: 'get',
      path: '/api/process-definitions/:key/versions/:version/xml',
      tag: 'deployments',
      summary: 'The BPMN XML of one version',
      access: 'user',
      responses: { 200: 'application/xml', 404: 'unknown key or version' },
      async handler({ params }) {
        const version = positiveIntParam(params.version, 'version');
        return { raw: { contentType: 'application/xml', text: await d.xml(params.key, version) } };
      },
    }),
  ];
}
