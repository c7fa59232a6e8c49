import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import request from 'supertest';
import type { HistoryRecord } from '../../src/contract/audit';
import type { System } from '../../src/system';
import { roleIds } from '../../src/domain/roles';
import type { UserTask } from '../../src/engine/userTasks';
import type { TestSystem } from '../support/testSystem';

/** Shared by the integration suites: fixtures, deploying them, and request helpers. */

/** Every demo user's username: one per role. */
export const DEMO_ROLE_IDS: string[] = [...roleIds];

/** The roles the SOP sheets name (Pelaksana), without the system's own (owner, auditor, admin, worker). */
export const sopRoleIds: string[] = roleIds.filter((r) => !['pemilik-proses', 'auditor', 'admin-sistem', 'worker'].includes(r));

export type Agent = ReturnType<typeof request.agent>;

export function fixture(name: string): string {
  return fs.readFileSync(path.join(__dirname, '..', 'fixtures', `${name}.bpmn`), 'utf8');
}

/** Deploys test/fixtures/<name>.bpmn (as a deployer) and checks it was accepted. */
export async function deployFixture(agent: Agent, name: string): Promise<{ key: string; version: number; id: number }> {
  const res = await agent.post('/api/deployments').send({ name: `${name}.bpmn`, xml: fixture(name) });
  if (res.status !== 201 && res.status !== 200) throw new Error(`deploying ${name} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** A client without a session. */
export function anonymous(system: System) {
  return request(system.app);
}

/** The value of the session cookie a response sets, as a `Cookie` header. */
export function sessionCookieOf(res: { headers: Record<string, unknown> }): string {
  const setCookie = ([] as string[]).concat((res.headers['set-cookie'] as string[] | string | undefined) ?? []);
  const session = setCookie.find((c) => c.startsWith('sop_session='));
  if (!session) throw new Error(`no session cookie in ${JSON.stringify(setCookie)}`);
  return session.split(';')[0];
}

/** Fills an OpenAPI path template: `{id}` becomes a random UUID, any other parameter `x`. */
export function fillPath(template: string): string {
  return template.replace(/\{(\w+)\}/g, (_m, name: string) => (name === 'id' ? randomUUID() : 'x'));
}

/** A supertest parser that keeps the body as bytes: a CSV's BOM must arrive as sent. */
export const rawBody = (res: NodeJS.ReadableStream, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

/** Enters a complaint through POST /api/complaints; a WhatsApp report of a damaged road unless `body` says otherwise. */
export async function enterComplaint(agent: Agent, body: Record<string, unknown>): Promise<{ trackingId: string; replyCode: string; instances: { id: string }[] }> {
  const res = await agent.post('/api/complaints').send({ channel: 'whatsapp', subject: 'Jalan rusak', description: 'Berlubang', ...body });
  if (res.status !== 201) throw new Error(`intake failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Claims and completes the complaint's open task `elementId` as `agent`; `reader` (who sees every complaint) finds it. */
export async function completeComplaintTask(reader: Agent, agent: Agent, trackingId: string, elementId: string, variables: Record<string, unknown> = {}): Promise<void> {
  const detail = (await reader.get(`/api/complaints/${trackingId}`)).body as { openTasks: { id: string; elementId: string }[] };
  const task = detail.openTasks.find((x) => x.elementId === elementId);
  if (!task) throw new Error(`${trackingId} has no open task ${elementId}`);
  await agent.post(`/api/tasks/${task.id}/claim`).send({}).expect(200);
  await agent.post(`/api/tasks/${task.id}/complete`).send({ variables }).expect(200);
}

/** A task as GET /api/tasks returns it: the engine's view without its internal fields. */
export type TaskItem = Omit<UserTask, 'rev' | 'executionId' | 'status' | 'candidateUsers'> & { status?: string };

/** The caller's open tasks in one instance. */
export async function tasksIn(agent: Agent, instanceId: string): Promise<TaskItem[]> {
  const res = await agent.get('/api/tasks');
  if (res.status !== 200) throw new Error(`GET /api/tasks: ${res.status}`);
  return (res.body as TaskItem[]).filter((t) => t.instanceId === instanceId);
}

/** Claims and completes the instance's open task `elementId` as `agent`, who must be offered it. */
export async function completeTaskIn(agent: Agent, instanceId: string, elementId: string, variables: Record<string, unknown> = {}): Promise<void> {
  const task = (await tasksIn(agent, instanceId)).find((x) => x.elementId === elementId);
  if (!task) throw new Error(`no open task ${elementId} in ${instanceId}`);
  await agent.post(`/api/tasks/${task.id}/claim`).send({}).expect(200);
  await agent.post(`/api/tasks/${task.id}/complete`).send({ variables }).expect(200);
}

/** An entry of GET /api/instances/:id/history. */
export type HistoryItem = HistoryRecord;

/** Instant in WIB (+07:00) as the API writes it (UTC ISO). */
export function wib(local: string): string {
  return new Date(`${local}+07:00`).toISOString();
}

/**
 * Closes a test system, waiting on a PostgreSQL server until its connections are really gone
 * before the database is dropped. pg's Pool.end() resolves before its idle clients have said
 * goodbye; `drop database … with (force)` then kills them, and because src/db/postgresDatabase.ts
 * has no pool 'error' listener the pool emits an unhandled 'error' that fails the suite.
 */
export async function closeTestSystem(t: TestSystem | undefined): Promise<void> {
  if (!t) return;
  const url = t.system.config.databaseUrl;
  await t.system.close();
  if (url && process.env.TEST_DATABASE_URL) await waitForNoConnections(new URL(url).pathname.slice(1));
  t.system.close = async () => undefined; // already closed; t.close() then only drops the database
  await t.close();
}

async function waitForNoConnections(database: string): Promise<void> {
  const c = new Client({ connectionString: process.env.TEST_DATABASE_URL });
  await c.connect();
  try {
    for (let i = 0; i < 250; i++) {
      const { rows } = await c.query<{ n: number }>('select count(*)::int as n from pg_stat_activity where datname = $1', [database]);
      if (rows[0].n === 0) return;
      await new Promise((r) => setTimeout(r, 20));
    }
  } finally {
    await c.end();
  }
}
