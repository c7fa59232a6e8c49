import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

const root = path.join(__dirname, '..', '..');
const read = (f: string) => fs.readFileSync(path.join(root, f), 'utf8');

interface Service {
  image?: string;
  build?: string | { context: string };
  environment?: Record<string, string>;
  ports?: string[];
  expose?: string[];
  volumes?: string[];
  depends_on?: string[] | Record<string, unknown>;
  healthcheck?: unknown;
}

const compose = parse(read('docker-compose.yml')) as { services: Record<string, Service>; volumes?: Record<string, unknown> };
const services = compose.services;
const app = services.app;
const env = app.environment ?? {};

/** What a production app process must be told (config.ts reads each of them). */
const productionVariables = ['NODE_ENV', 'PORT', 'DATABASE_URL', 'TRUST_PROXY', 'SMTP_URL', 'MAIL_FROM', 'PUBLIC_URL'];

describe('docker-compose.yml', () => {
  test('every service a service depends on exists, and every named volume is declared', () => {
    for (const [name, s] of Object.entries(services)) {
      const deps = Array.isArray(s.depends_on) ? s.depends_on : Object.keys(s.depends_on ?? {});
      for (const d of deps) expect({ service: name, dependsOn: d, exists: d in services }).toEqual({ service: name, dependsOn: d, exists: true });
      for (const v of s.volumes ?? []) {
        const source = v.split(':')[0];
        if (source.startsWith('.') || source.startsWith('/')) expect(fs.existsSync(path.join(root, source))).toBe(true);
        else expect(Object.keys(compose.volumes ?? {})).toContain(source);
      }
    }
  });

  test('the app is built from this repository and given every variable production needs', () => {
    expect(app.build).toBe('.');
    for (const name of productionVariables) {
      expect({ name, set: typeof env[name] === 'string' && env[name] !== '' }).toEqual({ name, set: true });
      // The list stays honest: each is one the app reads.
      expect(read('src/config.ts')).toContain(`env.${name}`);
    }
    expect(env.NODE_ENV).toBe('production');
  });

  test('the app reaches the database and the mail catcher by service name, with the database’s own credentials', () => {
    const db = new URL(env.DATABASE_URL);
    expect(services[db.hostname]).toBeDefined();
    const pg = services[db.hostname].environment!;
    expect([decodeURIComponent(db.username), decodeURIComponent(db.password), db.pathname.slice(1)]).toEqual([pg.POSTGRES_USER, pg.POSTGRES_PASSWORD, pg.POSTGRES_DB]);
    const smtp = new URL(env.SMTP_URL);
    expect(services[smtp.hostname]?.image).toMatch(/mailpit/);
    expect(smtp.port).toBe('1025');
  });

  test('the app can be scaled: no fixed host port; the proxy publishes one and sends to every replica on the app’s port', () => {
    expect(app.ports).toBeUndefined();
    expect(services.proxy.ports?.length).toBeGreaterThan(0);
    const caddyfile = read('deploy/Caddyfile');
    expect(caddyfile).toMatch(new RegExp(`dynamic a app ${env.PORT}\\b`));
    expect(caddyfile).toMatch(/health_uri \/api\/ready/);
    // Metrics are for the internal network only.
    expect(caddyfile).toMatch(/respond @metrics 404/);
  });
});

describe('Dockerfile', () => {
  const dockerfile = read('Dockerfile');
  test('multi-stage, runs as a non-root user, checks readiness, and starts the compiled server', () => {
    expect(dockerfile.match(/^FROM /gm)?.length).toBeGreaterThanOrEqual(2);
    const finalStage = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
    expect(finalStage).toMatch(/^USER node$/m);
    expect(finalStage).toMatch(/HEALTHCHECK[\s\S]*\/api\/ready/);
    expect(finalStage).toMatch(/CMD \["node", "dist\/src\/main.js"\]/);
    expect(fs.existsSync(path.join(root, 'tsconfig.build.json'))).toBe(true);
  });
});

describe('deploy/grafana-dashboard.json', () => {
  test('charts only metrics the app exports', () => {
    const dashboard = JSON.parse(read('deploy/grafana-dashboard.json')) as { panels: { targets: { expr: string }[] }[] };
    const exported = read('src/ops/metrics.ts');
    const names = new Set(dashboard.panels.flatMap((p) => p.targets.flatMap((t) => t.expr.match(/\b(?:sop|http)_[a-z_]+/g) ?? [])));
    expect(names.size).toBeGreaterThan(5);
    for (const name of names) expect({ name, exported: exported.includes(`'${name.replace(/_(bucket|count|sum)$/, '')}'`) }).toEqual({ name, exported: true });
  });
});
