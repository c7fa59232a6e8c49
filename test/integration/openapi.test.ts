import { backends, startTestSystem, type TestSystem } from '../support/testSystem';
import { anonymous, closeTestSystem } from './helpers';
import { servedRoutes } from '../support/servedRoutes';

jest.setTimeout(30_000);

const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/** "METHOD /path/{param}" for every route express serves, as OpenAPI writes paths. */
function expressRoutes(t: TestSystem): string[] {
  return servedRoutes(t).map((r) => r.replace(/:(\w+)/g, '{$1}')).sort();
}

describe.each(backends)('OpenAPI document (%s)', (backend) => {
  let t: TestSystem;
  let doc: { openapi: string; paths: Record<string, Record<string, { parameters?: { name: string; in: string }[]; responses?: object }>> };

  beforeAll(async () => {
    t = await startTestSystem(backend);
    doc = (await anonymous(t.system).get('/api/openapi.json')).body;
  });

  afterAll(async () => {
    await closeTestSystem(t);
  });

  const documented = () =>
    Object.entries(doc.paths)
      .flatMap(([path, ops]) => Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`))
      .sort();

  it('finds the routes of the app (the walk itself works)', () => {
    const routes = expressRoutes(t);
    expect(routes.length).toBeGreaterThanOrEqual(25);
    expect(routes).toEqual(expect.arrayContaining(['GET /api/health', 'POST /api/tasks/{id}/complete', 'GET /api/openapi.json']));
    expect(new Set(routes).size).toBe(routes.length);
  });

  it('documents every route express serves', () => {
    const missing = expressRoutes(t).filter((r) => !documented().includes(r));
    expect(missing).toEqual([]);
  });

  it('serves every path the document lists', () => {
    const unserved = documented().filter((r) => !expressRoutes(t).includes(r));
    expect(unserved).toEqual([]);
    expect(documented().every((r) => HTTP_METHODS.includes(r.split(' ')[0].toLowerCase()))).toBe(true);
  });

  it('declares every path parameter of each operation', () => {
    for (const [path, ops] of Object.entries(doc.paths)) {
      const inPath = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      for (const [method, op] of Object.entries(ops)) {
        const declared = (op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name).sort();
        expect([method, path, declared]).toEqual([method, path, inPath]);
        expect(Object.keys(op.responses ?? {}).length).toBeGreaterThan(0);
      }
    }
  });

  it('answers an unknown API path with a JSON 404, not the express HTML page', async () => {
    const res = await anonymous(t.system).get('/api/no-such-route');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: 'not found', detail: 'no route GET /api/no-such-route' });
  });
});
