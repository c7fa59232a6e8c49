import fs from 'node:fs';
import type { Server } from 'node:http';
import path from 'node:path';
import request from 'supertest';
import { allComplaintsReaders, complaintReaders, intakeRoles, letterheadEditors, letterheadReaders, migratorRoles, opdComplaintsReaders, outboxReaders, readOnlyRoles, superiorRoles } from '../../src/domain/access';
import { defaultLetterheads } from '../../src/domain/letterheads';
import { DEMO_OPD } from '../../src/domain/demoUsers';
import { deployerRoles, eventSenderRoles, historyReaderRoles, roleIds, roles, superiorOf, systemAdminRoles, workerRoles, type RoleId } from '../../src/domain/roles';
import { backends, startTestSystem, type TestSystem } from '../support/testSystem';
import { servedRoutes } from '../support/servedRoutes';
import { type Agent, closeTestSystem, completeComplaintTask, deployFixture, fixture } from './helpers';

/**
 * The access matrix: EVERY route the app serves × EVERY role (the demo users, username = role id,
 * OPD-bound ones in OPD A = the demo OPD), the OPD-bound roles of another OPD B, two users who
 * carry auditor next to a writing role, a member of a custom group only (no role), and anonymous —
 * through real HTTP on the real SOP diagrams in processes/ (plus one diagram offering a task to that
 * custom group). Each cell asserts the exact status: 401 for anonymous on a non-public route, 403
 * for a principal the policy refuses, and the route's success status (or the named non-refusal
 * 4xx: 409 claiming a task someone else holds, 400 completing with a variable the form does not
 * have, 404 for an unknown id) for a principal it allows. Who is allowed is derived from the role
 * lists in src/domain/access.ts and src/domain/roles.ts, never copied.
 *
 * The table is keyed by "METHOD path" and must have exactly the keys of the routes express serves:
 * a new route without a row fails the test. Write cells restore what they change (a claim is
 * released, a release re-claimed, a deleted holiday re-added before the next cell; login and logout
 * use a second session of the principal) or create fresh objects (users, OPDs, complaints,
 * attachments, hand-started instances), so one fixture serves the whole matrix. List routes also
 * check that complaint A, its instance and its tasks are listed exactly for those who may see them,
 * and refusals of another OPD's staff must carry the code opd.otherOpd (not merely "not a
 * candidate"). All mismatches are collected and reported at once.
 */

jest.setTimeout(240_000);

const PROCESSES_DIR = path.resolve(__dirname, '..', '..', 'processes');
const PASSWORD = 'demo12345';
const OPD_A = DEMO_OPD; // the demo users' OPD
const OPD_B = 'disdik'; // another OPD of the same district (Kapuas)
const CLOCK_START = '2026-11-16T08:00:00+07:00'; // testSystem's SOP_CLOCK_START
const UNKNOWN_UUID = '00000000-0000-4000-8000-000000000000';
const UNISSUED_KPS = 'KPS-2026-999999';
const UNISSUED_KPH = 'KPH-2026-000001'; // no Kapuas Hulu complaint is entered here
const HOLIDAY = '2030-03-04';
const FAKE_ANSWER = 'JAWABAN PALSU';
const TINY_PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
/** A group beyond the SOP roles; its one member carries no role. */
const CUSTOM_GROUP = 'matrix-keuangan';
const CUSTOM_KEY = 'matrix-keuangan';
const CUSTOM_DIAGRAM = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d-matrix" targetNamespace="http://example.org/test">
  <bpmn:process id="${CUSTOM_KEY}" isExecutable="true">
    <bpmn:startEvent id="start"/>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="Task_Bayar"/>
    <bpmn:userTask id="Task_Bayar" name="Bayar" camunda:candidateGroups="${CUSTOM_GROUP}"/>
    <bpmn:sequenceFlow id="f2" sourceRef="Task_Bayar" targetRef="end"/>
    <bpmn:endEvent id="end"/>
  </bpmn:process>
</bpmn:definitions>`;

/** The process ids of processes/*.bpmn with their candidateStarterGroups. */
function sopProcesses(): { key: string; starterGroups: string[] }[] {
  const out: { key: string; starterGroups: string[] }[] = [];
  for (const file of fs.readdirSync(PROCESSES_DIR).filter((f) => f.endsWith('.bpmn')).sort()) {
    const xml = fs.readFileSync(path.join(PROCESSES_DIR, file), 'utf8');
    for (const m of xml.matchAll(/<bpmn:process\b([^>]*)>/g)) {
      const key = /\bid="([^"]+)"/.exec(m[1])![1];
      const groups = /camunda:candidateStarterGroups="([^"]*)"/.exec(m[1])?.[1] ?? '';
      out.push({ key, starterGroups: groups.split(',').map((g) => g.trim()).filter(Boolean) });
    }
  }
  return out;
}

// ---- principals ------------------------------------------------------------------------------

interface Principal {
  name: string;
  /** undefined: anonymous. */
  username?: string;
  roles: RoleId[];
  /** Groups beyond the SOP roles. */
  groups?: string[];
  opd: string | null;
  agent?: Agent;
}

const opdBoundRoles = roleIds.filter((r) => roles[r].opdBound);

function principalSpecs(): Principal[] {
  return [
    // One demo user per role; the OPD-bound ones work for OPD A.
    ...roleIds.map((r) => ({ name: r, username: r, roles: [r], opd: roles[r].opdBound ? OPD_A : null })),
    // The OPD-bound roles of OPD B.
    ...opdBoundRoles.map((r) => ({ name: `${r}@${OPD_B}`, username: `${r}.${OPD_B}`, roles: [r], opd: OPD_B })),
    // Auditor next to a writing role: "whoever carries one changes nothing, whatever else they carry".
    { name: 'auditor+admin-utama', username: 'auditor.utama', roles: ['auditor', 'admin-utama'] as RoleId[], opd: null },
    { name: 'auditor+admin-sistem', username: 'auditor.sistem', roles: ['auditor', 'admin-sistem'] as RoleId[], opd: null },
    // In a group beyond the SOP roles and nothing else: its tasks, and no reading besides.
    { name: `group ${CUSTOM_GROUP}`, username: 'matrix.keuangan', roles: [], groups: [CUSTOM_GROUP], opd: null },
    { name: 'anonymous', roles: [], opd: null },
  ];
}

// ---- expectations, from the role lists ----------------------------------------------------------

type Who = (p: Principal) => boolean;
const has = (p: Principal, list: readonly RoleId[]) => p.roles.some((r) => list.includes(r));
const any: Who = () => true;
const withRole = (list: readonly RoleId[]): Who => (p) => has(p, list);
/** Writes: never whoever carries a read-only role (the auditor). */
const mayChange: Who = (p) => !has(p, readOnlyRoles);
const and = (...ws: Who[]): Who => (p) => ws.every((w) => w(p));
const or = (...ws: Who[]): Who => (p) => ws.some((w) => w(p));
/** May read some complaints at all: every complaint, or (OPD-bound roles) their OPD's. */
const readsComplaints: Who = (p) => has(p, allComplaintsReaders) || (has(p, opdComplaintsReaders) && !!p.opd);
/** May read a complaint of `opd` (intake OPD = current OPD here). */
const readsComplaintOf = (opd: string): Who => (p) => has(p, allComplaintsReaders) || (has(p, opdComplaintsReaders) && p.opd === opd);
const readsAllInstances: Who = withRole(historyReaderRoles);
/** Bound to an OPD and to nothing wider: confined to that OPD's complaints. */
const opdOnly: Who = (p) => !has(p, historyReaderRoles) && !has(p, allComplaintsReaders) && has(p, opdComplaintsReaders);
/** A program's account (worker roles only): it calls the external-task API and auth, nothing else (access.ts). */
const workerOnly: Who = (p) => p.roles.length > 0 && p.roles.every((r) => workerRoles.includes(r));
const workerMayCall = (key: string) => / \/api\/(external-tasks|auth\/)/.test(key);
/** Within the OPD of a complaint of `opd` (null: an instance of no complaint and no `opd` variable). */
const withinOpd = (opd: string | null): Who => (p) => !opdOnly(p) || opd === null || p.opd === opd;

interface TaskFacts {
  id: string;
  instanceId: string;
  candidateGroups: string[];
  candidateUsers: string[];
  assignee: string | null;
}
/** The groups a principal acts in, restated here from the rule (user_groups_of, migration 18) to check it. */
const groupsOf = (userRoles: readonly RoleId[], opd: string | null, custom: readonly { id: string; opdBound: boolean }[] = []): string[] => {
  const all = [...userRoles.map((id) => ({ id, opdBound: roles[id].opdBound })), ...custom];
  return [...all.map((g) => g.id), ...(opd ? all.filter((g) => g.opdBound).map((g) => `${g.id}:${opd}`) : [])];
};
const candidateOf = (task: TaskFacts): Who => (p) =>
  !!p.username && (task.assignee === p.username || task.candidateUsers.includes(p.username) || groupsOf(p.roles, p.opd, (p.groups ?? []).map((id) => ({ id, opdBound: false }))).some((g) => task.candidateGroups.includes(g)));
const assigneeOf = (task: TaskFacts): Who => (p) => !!p.username && task.assignee === p.username;
/** The superior told when the task is late (roles.ts superiorOf); an OPD-bound one only of their OPD's group. */
const superiorOfTask = (task: TaskFacts): Who => (p) =>
  task.candidateGroups.some((g) => {
    const [role, opd] = g.split(':');
    return p.roles.some((r) => superiorOf[role as RoleId] === r && (!roles[r].opdBound || (!!p.opd && (opd === undefined || opd === p.opd))));
  });
/** Reading a task: within its OPD, and its candidates/assignee, their superior, or a history reader. */
const readsTask = (task: TaskFacts, opd: string | null): Who => and(withinOpd(opd), or(readsAllInstances, candidateOf(task), superiorOfTask(task)));

// ---- the table -----------------------------------------------------------------------------------

interface Fixture {
  /** Complaint A (OPD A, SOP 555/05 by admin-utama), worked to the OPD's Task_AdminPenghubung. */
  trackingId: string;
  /** Complaint A's reply code (from its intake). */
  replyCode: string;
  instanceId: string;
  attachmentId: string;
  /** Task_AdminPenghubung of complaint A: offered to admin-penghubung:<A>, unclaimed. */
  taskOpd: TaskFacts;
  /** Task_MenerimaLaporan of another OPD-A complaint: offered to admin-utama, unclaimed. */
  taskAu: TaskFacts;
  /** Task_MenerimaLaporan of a third OPD-A complaint, claimed by the demo admin-utama. */
  taskHeld: TaskFacts;
  /** Task_MenerimaLaporan of a fourth OPD-A complaint, claimed by a second Admin Utama (matrix.au2). */
  taskHeldByOther: TaskFacts;
  /** An instance of no complaint: sop-555-05 started by hand by pemilik-proses, its task offered to admin-utama. */
  freeInstanceId: string;
  freeStarter: string;
  freeTask: TaskFacts;
  starterGroups: string[];
  starterGroups06: string[];
  spareUserId: number;
  spareOpd: string;
  /** An external task of test/fixtures/external-letter.bpmn, locked by the demo worker as workerId matrix-holder. */
  externalTaskId: string;
  /** The task of CUSTOM_KEY (started by hand by pemilik-proses), offered to CUSTOM_GROUP. */
  customTask: TaskFacts;
  agent(name: string): Agent;
  /** A second agent of a signed-in principal (the login and logout rows use it); undefined for anonymous. */
  secondAgent(p: Principal): Agent | undefined;
  next(): number;
}

interface Case {
  /** Variant label when a route has several cases. */
  label?: string;
  path: string | ((p: Principal) => string);
  body?: Record<string, unknown> | ((p: Principal) => Record<string, unknown>);
  public?: boolean;
  /** Signed-in principals the policy lets through (anonymous: public routes only). */
  may: Who;
  /** The OPD of the complaint the request is about: OPD-bound staff of another OPD are refused for that reason (opd.otherOpd). */
  ofOpd?: string;
  /** On a let-through list: each needle (an id) is in the answer exactly for the principals `who` names. */
  sees?: { what: string; needle: string; who: Who }[];
  /** The statuses of a let-through request. */
  ok: number[];
  before?: (p: Principal) => Promise<void>;
  /** Who sends the request (default: the principal's own agent; anonymous: no session). */
  client?: (p: Principal) => Agent | undefined;
  /** Restores what a let-through write changed; returns a problem to report, if any. */
  after?: (p: Principal, status: number) => Promise<string | undefined>;
}

type Row = (f: Fixture) => Case[];

const ids = (...cases: { label: string; path: string; may: Who; ok: number[]; ofOpd?: string }[]): Case[] => cases;

/** The three instance cases shared by every route that reads one instance. */
const instanceCases = (f: Fixture, suffix: string): Case[] => {
  const freeTaskCandidate = candidateOf(f.freeTask);
  const freeStarter: Who = (p) => p.username === f.freeStarter;
  return ids(
    { label: "complaint A's instance", path: `/api/instances/${f.instanceId}${suffix}`, may: or(readsAllInstances, readsComplaintOf(OPD_A)), ok: [200], ofOpd: OPD_A },
    {
      label: 'instance of no complaint',
      path: `/api/instances/${f.freeInstanceId}${suffix}`,
      // History readers; otherwise those involved (its starter, its task's candidates), within their OPD (none here).
      may: or(readsAllInstances, and(withinOpd(null), or(freeStarter, freeTaskCandidate))),
      ok: [200],
    },
    { label: 'unknown id', path: `/api/instances/${UNKNOWN_UUID}${suffix}`, may: any, ok: [404] },
  );
};

/** Lists of instances: complaint A's instance for its readers, the hand-started one for history readers and those involved. */
const instanceNeedles = (f: Fixture) => [
  { what: "complaint A's instance", needle: f.instanceId, who: or(readsAllInstances, readsComplaintOf(OPD_A)) },
  {
    what: 'the instance of no complaint',
    needle: f.freeInstanceId,
    who: or(readsAllInstances, and(withinOpd(null), or((p: Principal) => p.username === f.freeStarter, candidateOf(f.freeTask)))),
  },
];
/** Lists of open tasks: a task is offered to its candidates (within the OPD), not to history readers. */
const offeredNeedles = (f: Fixture) => [
  { what: 'the OPD task of complaint A', needle: f.taskOpd.id, who: and(withinOpd(OPD_A), candidateOf(f.taskOpd)) },
  { what: 'the admin-utama task', needle: f.taskAu.id, who: and(withinOpd(OPD_A), candidateOf(f.taskAu)) },
  { what: `the ${CUSTOM_GROUP} task`, needle: f.customTask.id, who: candidateOf(f.customTask) },
];
/** Lists of complaints: complaint A for its readers only. */
const complaintNeedle = (f: Fixture) => [{ what: 'complaint A', needle: f.trackingId, who: readsComplaintOf(OPD_A) }];

const claimReset = (f: Fixture, task: () => TaskFacts) => async (p: Principal, status: number) => {
  if (status !== 200) return undefined;
  const res = await f.agent(p.name).post(`/api/tasks/${task().id}/unclaim`).send({});
  return res.status === 200 ? undefined : `reset (unclaim) failed: ${res.status}`;
};

const table: Record<string, Row> = {
  'GET /api/health': () => [{ path: '/api/health', public: true, may: any, ok: [200] }],
  'GET /api/ready': () => [{ path: '/api/ready', public: true, may: any, ok: [200] }],
  'GET /metrics': () => [{ path: '/metrics', public: true, may: any, ok: [200] }],
  'GET /api/openapi.json': () => [{ path: '/api/openapi.json', public: true, may: any, ok: [200] }],

  // ---- auth
  'POST /api/auth/login': (f) => [
    {
      path: '/api/auth/login',
      public: true,
      // Each principal signs in as itself on a second agent (the logout row then ends that session);
      // anonymous signs in as the spare user.
      client: (p) => f.secondAgent(p),
      body: (p) => ({ username: p.username ?? 'matrix.spare', password: PASSWORD }),
      may: any,
      ok: [200],
    },
  ],
  'GET /api/auth/me': () => [{ path: '/api/auth/me', may: any, ok: [200] }],
  'POST /api/auth/logout': (f) => [
    // Ends the session the login row opened on the principal's second agent; then that agent is signed out.
    {
      path: '/api/auth/logout',
      client: (p) => f.secondAgent(p),
      may: any,
      ok: [204],
      after: async (p, status) => {
        if (status !== 204) return undefined;
        const res = await f.secondAgent(p)!.get('/api/auth/me');
        return res.status === 401 ? undefined : `still signed in after logout: ${res.status}`;
      },
    },
  ],

  // ---- the caller's own inbox: every signed-in user, auditors too (access.ts: it changes no record of the system)
  'GET /api/notifications': () => [{ path: '/api/notifications?limit=100', may: any, ok: [200] }],
  'POST /api/notifications/read-all': () => [{ path: '/api/notifications/read-all', may: any, ok: [200] }],
  // Another user's item answers 404 like an unknown one (test/integration/inbox.test.ts).
  'POST /api/notifications/:id/read': () => [{ label: 'unknown id', path: `/api/notifications/${UNKNOWN_UUID}/read`, may: any, ok: [404] }],
  // One's own notification preferences, like one's own inbox (test/integration/mail.test.ts). The
  // body sets a kind to its default, so the matrix changes no one's mail.
  'GET /api/me/notification-preferences': () => [{ path: '/api/me/notification-preferences', may: any, ok: [200] }],
  'PUT /api/me/notification-preferences': () => [
    { path: '/api/me/notification-preferences', body: { preferences: [{ kind: 'terlambat', mail: 'segera' }] }, may: any, ok: [200] },
  ],
  // ---- the outbox of every mail (Kotak keluar): admin-sistem only, resending a change
  'GET /api/admin/mails': () => [{ path: '/api/admin/mails?limit=100', may: withRole(outboxReaders), ok: [200] }],
  'POST /api/admin/mails/:id/resend': () => [
    { label: 'unknown id', path: `/api/admin/mails/${UNKNOWN_UUID}/resend`, body: {}, may: and(mayChange, withRole(outboxReaders)), ok: [404] },
  ],

  // ---- users and roles
  'GET /api/roles': () => [{ path: '/api/roles', may: any, ok: [200] }],
  'GET /api/users': () => [{ path: '/api/users', may: withRole(systemAdminRoles), ok: [200] }],
  'POST /api/users': (f) => [
    {
      path: '/api/users',
      body: () => {
        const n = f.next();
        return { username: `matrix.u${n}`, password: PASSWORD, email: `matrix.u${n}@kapuas.example`, roles: ['kasi'], groups: [CUSTOM_GROUP] };
      },
      may: and(mayChange, withRole(systemAdminRoles)),
      ok: [201],
    },
  ],
  'PATCH /api/users/:id': (f) => [
    { path: `/api/users/${f.spareUserId}`, body: { displayName: 'Matrix Spare' }, may: and(mayChange, withRole(systemAdminRoles)), ok: [200] },
  ],

  // ---- groups beyond the SOP roles
  // Process owners read them too: the modeler offers them as performers.
  'GET /api/groups': () => [{ path: '/api/groups', may: or(withRole(systemAdminRoles), withRole(deployerRoles)), ok: [200] }],
  'POST /api/groups': (f) => [
    { path: '/api/groups', body: () => ({ id: `matrix-grup-${f.next()}`, name: 'Grup Uji Matriks' }), may: and(mayChange, withRole(systemAdminRoles)), ok: [201] },
  ],
  'PATCH /api/groups/:id': () => [
    { path: `/api/groups/${CUSTOM_GROUP}`, body: { name: 'Keuangan (uji matriks)' }, may: and(mayChange, withRole(systemAdminRoles)), ok: [200] },
  ],

  // ---- deployments
  'GET /api/process-definitions': () => [{ path: '/api/process-definitions', may: any, ok: [200] }],
  'POST /api/deployments': () => [
    // A fixture with its own key: the first deployer gets 201, the next ones 200 (same content).
    { path: '/api/deployments', body: { name: 'approval.bpmn', xml: fixture('approval') }, may: and(mayChange, withRole(deployerRoles)), ok: [200, 201] },
  ],
  'GET /api/process-definitions/:key/versions': () => [{ path: '/api/process-definitions/sop-555-05/versions', may: any, ok: [200] }],
  'GET /api/process-definitions/:key/versions/:version/xml': () => [{ path: '/api/process-definitions/sop-555-05/versions/1/xml', may: any, ok: [200] }],
  // The SOP sheet: whoever may read the diagram (sopSheetReaders in access.ts).
  'GET /api/process-definitions/:key/versions/:version/sop-sheet': () => [{ path: '/api/process-definitions/sop-555-05/versions/1/sop-sheet', may: any, ok: [200] }],
  'GET /api/process-definitions/:key/versions/:version/sop-sheet.pdf': () => [{ path: '/api/process-definitions/sop-555-05/versions/1/sop-sheet.pdf', may: any, ok: [200] }],
  // A dry run between one version and itself: refused as such (400) once past the roles, nothing written.
  'POST /api/process-definitions/:key/migrations': () => [
    {
      path: '/api/process-definitions/sop-555-05/migrations',
      body: { from: 1, to: 1, instances: 'all', dryRun: true },
      may: and(mayChange, withRole(migratorRoles)),
      ok: [400],
    },
  ],

  // ---- messages and signals (nothing in the SOP diagrams waits for these names)
  'POST /api/messages': () => [
    { path: '/api/messages', body: { messageName: 'matrix-tak-ditunggu' }, may: and(mayChange, withRole(eventSenderRoles)), ok: [404] },
  ],
  'POST /api/signals': () => [{ path: '/api/signals', body: { name: 'matrix-tak-ditunggu' }, may: and(mayChange, withRole(eventSenderRoles)), ok: [200] }],

  // ---- instances
  'POST /api/process-definitions/:key/start': (f) => [
    {
      label: 'no business key',
      path: '/api/process-definitions/sop-555-05/start',
      body: {},
      // The diagram's candidateStarterGroups (parsed from processes/sop-555-05.bpmn), never an auditor.
      may: and(mayChange, (p) => groupsOf(p.roles, p.opd).some((g) => f.starterGroups.includes(g))),
      ok: [201],
    },
    {
      label: `sop-555-06 with opd=${OPD_A} (an instance of OPD A)`,
      path: '/api/process-definitions/sop-555-06/start',
      body: { variables: { opd: OPD_A } },
      // Its starters (admin-penghubung of any OPD, pemilik-proses), never an auditor; OPD-bound staff
      // act "on instances of no complaint only when no other OPD's opd is set on them" (opdConfinementSql),
      // so staff of OPD B may not start one for OPD A (its tasks would land in OPD A's worklist).
      may: and(mayChange, (p) => groupsOf(p.roles, p.opd).some((g) => f.starterGroups06.includes(g)), withinOpd(OPD_A)),
      ok: [201],
    },
    {
      label: "complaint A's tracking ID as business key (hijack)",
      path: '/api/process-definitions/sop-555-05/start',
      body: { businessKey: f.trackingId, variables: { opd: OPD_B, jawaban: FAKE_ANSWER } },
      // Refused for everyone: 403 for the auditor (read-only), 400/409 (tracking ID) for the rest.
      may: mayChange,
      ok: [400, 409],
    },
  ],
  'GET /api/instances': (f) => [
    { path: '/api/instances?limit=500', may: any, ok: [200], sees: instanceNeedles(f) },
    // A filter must not widen the scope.
    { label: 'businessKey=A', path: `/api/instances?limit=500&businessKey=${f.trackingId}`, may: any, ok: [200], sees: instanceNeedles(f).slice(0, 1) },
  ],
  'GET /api/instances/:id': (f) => instanceCases(f, ''),
  'GET /api/instances/:id/history': (f) => instanceCases(f, '/history'),
  'GET /api/instances/:id/history/verify': (f) => instanceCases(f, '/history/verify'),
  'GET /api/instances/:id/history.csv': (f) => instanceCases(f, '/history.csv'),

  // ---- audit
  'GET /api/audit/instances': (f) => [
    { path: '/api/audit/instances?limit=200', may: or(readsAllInstances, withRole(complaintReaders)), ok: [200], sees: instanceNeedles(f) },
    {
      label: `opd=${OPD_A}&trackingId=A`,
      path: `/api/audit/instances?limit=200&opd=${OPD_A}&trackingId=${f.trackingId}`,
      may: or(readsAllInstances, withRole(complaintReaders)),
      ok: [200],
      sees: instanceNeedles(f).slice(0, 1),
    },
  ],
  'GET /api/audit/instances/:id': (f) =>
    instanceCases(f, '').map((c) => ({ ...c, path: (c.path as string).replace('/api/instances/', '/api/audit/instances/') })),

  // ---- tasks
  'GET /api/tasks': (f) => [{ path: '/api/tasks', may: any, ok: [200], sees: offeredNeedles(f) }],
  'GET /api/tasks/:id': (f) => [
    { label: 'OPD task of complaint A', path: `/api/tasks/${f.taskOpd.id}`, may: readsTask(f.taskOpd, OPD_A), ok: [200], ofOpd: OPD_A },
    { label: 'admin-utama task', path: `/api/tasks/${f.taskAu.id}`, may: readsTask(f.taskAu, OPD_A), ok: [200], ofOpd: OPD_A },
    { label: `${CUSTOM_GROUP} task`, path: `/api/tasks/${f.customTask.id}`, may: readsTask(f.customTask, null), ok: [200] },
    { label: 'unknown id', path: `/api/tasks/${UNKNOWN_UUID}`, may: any, ok: [404] },
  ],
  'GET /api/tasks/:id/form': (f) => [
    { label: 'OPD task of complaint A', path: `/api/tasks/${f.taskOpd.id}/form`, may: readsTask(f.taskOpd, OPD_A), ok: [200], ofOpd: OPD_A },
    { label: 'admin-utama task', path: `/api/tasks/${f.taskAu.id}/form`, may: readsTask(f.taskAu, OPD_A), ok: [200], ofOpd: OPD_A },
    { label: 'unknown id', path: `/api/tasks/${UNKNOWN_UUID}/form`, may: any, ok: [404] },
  ],
  'GET /api/tasks/:id/previous-steps': (f) => [
    { label: 'OPD task of complaint A', path: `/api/tasks/${f.taskOpd.id}/previous-steps`, may: readsTask(f.taskOpd, OPD_A), ok: [200], ofOpd: OPD_A },
    { label: 'admin-utama task', path: `/api/tasks/${f.taskAu.id}/previous-steps`, may: readsTask(f.taskAu, OPD_A), ok: [200], ofOpd: OPD_A },
    { label: 'unknown id', path: `/api/tasks/${UNKNOWN_UUID}/previous-steps`, may: any, ok: [404] },
  ],
  'POST /api/tasks/:id/claim': (f) => [
    {
      label: 'OPD task of complaint A (released again after)',
      path: `/api/tasks/${f.taskOpd.id}/claim`,
      may: and(mayChange, withinOpd(OPD_A), candidateOf(f.taskOpd)),
      ofOpd: OPD_A,
      ok: [200],
      after: claimReset(f, () => f.taskOpd),
    },
    {
      label: 'admin-utama task (released again after)',
      path: `/api/tasks/${f.taskAu.id}/claim`,
      may: and(mayChange, withinOpd(OPD_A), candidateOf(f.taskAu)),
      ofOpd: OPD_A,
      ok: [200],
      after: claimReset(f, () => f.taskAu),
    },
    {
      label: `${CUSTOM_GROUP} task (released again after)`,
      path: `/api/tasks/${f.customTask.id}/claim`,
      may: and(mayChange, candidateOf(f.customTask)),
      ok: [200],
      after: claimReset(f, () => f.customTask),
    },
    {
      label: 'task claimed by another admin-utama',
      path: `/api/tasks/${f.taskHeldByOther.id}/claim`,
      // Its other candidates get 409 (claimed by someone else); non-candidates 403.
      may: and(mayChange, withinOpd(OPD_A), candidateOf({ ...f.taskHeldByOther, assignee: null })),
      ofOpd: OPD_A,
      ok: [409],
    },
    // An auditor is refused before the id is looked up.
    { label: 'unknown id', path: `/api/tasks/${UNKNOWN_UUID}/claim`, may: mayChange, ok: [404] },
  ],
  'POST /api/tasks/:id/unclaim': (f) => [
    {
      label: 'task held by admin-utama (claimed again after)',
      path: `/api/tasks/${f.taskHeld.id}/unclaim`,
      may: and(mayChange, withinOpd(OPD_A), assigneeOf(f.taskHeld)),
      ofOpd: OPD_A,
      ok: [200],
      after: async (p, status) => {
        if (status !== 200) return undefined;
        const res = await f.agent(p.name).post(`/api/tasks/${f.taskHeld.id}/claim`).send({});
        return res.status === 200 ? undefined : `reset (claim) failed: ${res.status}`;
      },
    },
  ],
  'POST /api/tasks/:id/complete': (f) => [
    {
      label: 'task held by admin-utama, with a variable its form does not have',
      path: `/api/tasks/${f.taskHeld.id}/complete`,
      body: { variables: { bukanFieldMatrix: 'x' } },
      may: and(mayChange, withinOpd(OPD_A), assigneeOf(f.taskHeld)),
      ofOpd: OPD_A,
      ok: [400],
    },
  ],

  // Ditunda: the act rule "may extend" (access.mayExtendTask), a superior of the task's role within
  // its OPD, never an auditor. The cells change nothing: an earlier date is refused (400) and a task
  // without a due date cannot be extended (409), after the access checks.
  'POST /api/tasks/:id/extensions': (f) => [
    {
      label: 'OPD task of complaint A, an earlier date',
      path: `/api/tasks/${f.taskOpd.id}/extensions`,
      body: { reason: 'Uji matriks ditunda', dueAt: '2020-01-06T08:00:00+07:00' },
      may: and(mayChange, withinOpd(OPD_A), superiorOfTask(f.taskOpd)),
      ofOpd: OPD_A,
      ok: [400],
    },
    {
      label: 'admin-utama task without a due date',
      path: `/api/tasks/${f.taskAu.id}/extensions`,
      body: { reason: 'Uji matriks ditunda', addWorkingDays: 1 },
      may: and(mayChange, withinOpd(OPD_A), superiorOfTask(f.taskAu)),
      ofOpd: OPD_A,
      ok: [409],
    },
    { label: 'unknown id', path: `/api/tasks/${UNKNOWN_UUID}/extensions`, body: { reason: 'Uji matriks ditunda', addWorkingDays: 1 }, may: mayChange, ok: [404] },
  ],

  // ---- worklist
  'GET /api/worklist': (f) => [
    { path: '/api/worklist', may: any, ok: [200], sees: offeredNeedles(f) },
    // The filter keeps OPD A's tasks: the custom group's task belongs to no OPD.
    { label: `opd=${OPD_A}`, path: `/api/worklist?opd=${OPD_A}`, may: any, ok: [200], sees: offeredNeedles(f).slice(0, 2) },
  ],
  'GET /api/worklist/:id': (f) => [
    { label: 'OPD task of complaint A', path: `/api/worklist/${f.taskOpd.id}`, may: readsTask(f.taskOpd, OPD_A), ok: [200], ofOpd: OPD_A },
    { label: 'admin-utama task', path: `/api/worklist/${f.taskAu.id}`, may: readsTask(f.taskAu, OPD_A), ok: [200], ofOpd: OPD_A },
    { label: 'unknown id', path: `/api/worklist/${UNKNOWN_UUID}`, may: any, ok: [404] },
  ],

  // ---- calendar
  'GET /api/calendar/holidays': () => [{ path: '/api/calendar/holidays', may: any, ok: [200] }],
  'PUT /api/calendar/holidays/:date': () => [
    { path: `/api/calendar/holidays/${HOLIDAY}`, body: { name: 'Libur Uji Matriks' }, may: and(mayChange, withRole(systemAdminRoles)), ok: [200] },
  ],
  'DELETE /api/calendar/holidays/:date': (f) => [
    {
      path: `/api/calendar/holidays/${HOLIDAY}`,
      may: and(mayChange, withRole(systemAdminRoles)),
      ok: [200],
      before: async () => {
        const res = await f.agent('admin-sistem').put(`/api/calendar/holidays/${HOLIDAY}`).send({ name: 'Libur Uji Matriks' });
        if (res.status !== 200) throw new Error(`re-adding the holiday failed: ${res.status}`);
      },
    },
  ],
  'GET /api/calendar/due': () => [{ path: '/api/calendar/due?duration=P1D', may: any, ok: [200] }],

  // ---- OPDs
  'GET /api/opds': () => [{ path: '/api/opds', may: any, ok: [200] }],
  'POST /api/opds': (f) => [
    {
      path: '/api/opds',
      body: () => ({ code: `uji-matriks-${f.next()}`, name: 'Dinas Uji Matriks', district: 'kapuas' }),
      may: and(mayChange, withRole(systemAdminRoles)),
      ok: [201],
    },
  ],
  'PATCH /api/opds/:code': (f) => [
    { path: `/api/opds/${f.spareOpd}`, body: { name: 'Dinas Uji Matriks (ubah)' }, may: and(mayChange, withRole(systemAdminRoles)), ok: [200] },
  ],

  // ---- complaints
  'GET /api/complaint-channels': () => [{ path: '/api/complaint-channels', may: any, ok: [200] }],
  'POST /api/complaints': () => [
    {
      path: '/api/complaints',
      body: { channel: 'whatsapp', subject: 'Uji matriks akses', description: 'Aduan uji', opd: OPD_A },
      // In Kapuas: admin-utama (SOP 555/05) and an OPD's admin-penghubung (555/06, for their own OPD);
      // operator-opd enters complaints in Kapuas Hulu only (intakeProcessFor), so it is left out here.
      may: and(mayChange, withRole(intakeRoles.filter((r) => r !== 'operator-opd'))),
      ok: [201],
    },
  ],
  'GET /api/complaints': (f) => [
    { path: '/api/complaints?limit=200', may: readsComplaints, ok: [200], sees: complaintNeedle(f) },
    { label: `opd=${OPD_A}&q=A`, path: `/api/complaints?limit=200&opd=${OPD_A}&q=${f.trackingId}`, may: readsComplaints, ok: [200], sees: complaintNeedle(f) },
  ],
  'GET /api/complaints/:trackingId': (f) => [
    { label: 'complaint A', path: `/api/complaints/${f.trackingId}`, may: readsComplaintOf(OPD_A), ok: [200], ofOpd: OPD_A },
    { label: 'complaint A, lowercase', path: `/api/complaints/${f.trackingId.toLowerCase()}`, may: readsComplaintOf(OPD_A), ok: [200], ofOpd: OPD_A },
    { label: 'unissued tracking ID', path: `/api/complaints/${UNISSUED_KPS}`, may: readsComplaints, ok: [404] },
  ],
  'POST /api/complaints/:trackingId/attachments': (f) => [
    {
      path: `/api/complaints/${f.trackingId}/attachments`,
      body: { filename: 'matriks.pdf', contentType: 'application/pdf', dataBase64: TINY_PDF.toString('base64') },
      may: and(mayChange, readsComplaintOf(OPD_A)),
      ofOpd: OPD_A,
      ok: [201],
    },
  ],
  'GET /api/complaints/:trackingId/attachments/:id': (f) => [
    { label: 'attachment of complaint A', path: `/api/complaints/${f.trackingId}/attachments/${f.attachmentId}`, may: readsComplaintOf(OPD_A), ok: [200], ofOpd: OPD_A },
    { label: 'unknown attachment of complaint A', path: `/api/complaints/${f.trackingId}/attachments/${UNKNOWN_UUID}`, may: readsComplaintOf(OPD_A), ok: [404], ofOpd: OPD_A },
  ],
  'GET /api/public/complaints/:trackingId': (f) => [
    { label: 'complaint A', path: `/api/public/complaints/${f.trackingId}`, public: true, may: any, ok: [200] },
    { label: 'unissued tracking ID', path: `/api/public/complaints/${UNISSUED_KPS}`, public: true, may: any, ok: [404] },
  ],
  'POST /api/public/complaints/:trackingId/replies': (f) => [
    // The right code reaches the complaint for anyone, signed in or not: nothing waits for a reply
    // there (409). The right code is no failure, so the many principals are not throttled.
    { label: 'complaint A, its code', path: `/api/public/complaints/${f.trackingId}/replies`, body: { code: f.replyCode, puas: true, text: 'puas' }, public: true, may: any, ok: [409] },
  ],

  // ---- manual clock (mounted only with SOP_CLOCK=manual: tests and demos; any signed-in user, the
  // auditor too: other suites move the clock as auditor. Moving it fires due timers — a change by
  // an auditor, if one counts it as a write; left as the routes declare it, noted in the report.)
  'POST /api/_clock/advance': () => [{ path: '/api/_clock/advance', body: { ms: 0 }, may: any, ok: [200] }],
  'POST /api/_clock/set': () => [{ path: '/api/_clock/set', body: { at: CLOCK_START }, may: any, ok: [200] }],

  // ---- dashboard and recap
  'GET /api/dashboard': () => [{ path: '/api/dashboard', may: readsComplaints, ok: [200] }],
  'GET /api/dashboard/late-tasks': () => [{ path: '/api/dashboard/late-tasks?limit=100', may: withRole(superiorRoles), ok: [200] }],
  'GET /api/recap': (f) => [{ path: '/api/recap', may: readsComplaints, ok: [200], sees: complaintNeedle(f) }],
  'GET /api/recap.csv': (f) => [{ path: '/api/recap.csv', may: readsComplaints, ok: [200], sees: complaintNeedle(f) }],
  // Binary downloads (zipped XLSX, deflated PDF): recap.test.ts reads what they show.
  'GET /api/recap.xlsx': () => [{ path: '/api/recap.xlsx', may: readsComplaints, ok: [200] }],
  'GET /api/recap.pdf': () => [{ path: '/api/recap.pdf', may: readsComplaints, ok: [200] }],
  // SOP performance (Kinerja SOP): the recap's readers; OPD staff their own OPD only (performance.test.ts reads the figures).
  'GET /api/performance': () => [
    { path: '/api/performance?key=sop-555-05', may: readsComplaints, ok: [200] },
    { label: `opd=${OPD_A}`, path: `/api/performance?key=sop-555-05&opd=${OPD_A}`, may: readsComplaintOf(OPD_A), ok: [200] },
  ],
  'GET /api/performance/late': () => [{ path: '/api/performance/late?key=sop-555-05&element=Task_Input&limit=100', may: readsComplaints, ok: [200] }],
  'GET /api/performance.xlsx': () => [{ path: '/api/performance.xlsx?key=sop-555-05', may: readsComplaints, ok: [200] }],
  'GET /api/performance.pdf': () => [{ path: '/api/performance.pdf?key=sop-555-05', may: readsComplaints, ok: [200] }],

  // ---- documents of the steps (stepDocuments.test.ts reads what they show). Complaint A is disposed, not yet verified in the field.
  'GET /api/complaints/:trackingId/documents': (f) => [
    { label: 'complaint A', path: `/api/complaints/${f.trackingId}/documents`, may: readsComplaintOf(OPD_A), ok: [200], ofOpd: OPD_A },
    { label: 'unissued tracking ID', path: `/api/complaints/${UNISSUED_KPS}/documents`, may: readsComplaints, ok: [404] },
  ],
  'GET /api/complaints/:trackingId/documents/:kind': (f) => [
    { label: 'disposition sheet of complaint A', path: `/api/complaints/${f.trackingId}/documents/lembar-disposisi`, may: readsComplaintOf(OPD_A), ok: [200], ofOpd: OPD_A },
    { label: 'BA of complaint A, not yet', path: `/api/complaints/${f.trackingId}/documents/berita-acara`, may: readsComplaintOf(OPD_A), ok: [404], ofOpd: OPD_A },
  ],
  'GET /api/complaints/:trackingId/documents/:kind.pdf': (f) => [
    { label: 'receipt of complaint A', path: `/api/complaints/${f.trackingId}/documents/tanda-terima.pdf`, may: readsComplaintOf(OPD_A), ok: [200], ofOpd: OPD_A },
  ],
  'POST /api/complaints/:trackingId/documents/tanda-terima.pdf': (f) => [
    {
      label: 'receipt of complaint A with its code',
      path: `/api/complaints/${f.trackingId}/documents/tanda-terima.pdf`,
      body: { replyCode: f.replyCode },
      may: and(mayChange, readsComplaintOf(OPD_A)),
      ok: [200],
      ofOpd: OPD_A,
    },
  ],
  'GET /api/settings/letterhead': () => [{ path: '/api/settings/letterhead', may: withRole(letterheadReaders), ok: [200] }],
  // Saves the defaults: the same letterhead every time, so no other cell sees a change.
  'PUT /api/settings/letterhead/:district': () => [
    { path: '/api/settings/letterhead/kapuas', body: { ...defaultLetterheads.kapuas }, may: and(mayChange, withRole(letterheadEditors)), ok: [200] },
  ],

  // ---- external tasks (workers only; the list for system administrators)
  'POST /api/external-tasks/fetch-and-lock': () => [
    {
      path: '/api/external-tasks/fetch-and-lock',
      body: { workerId: 'matrix-fetch', maxTasks: 1, topics: [{ topicName: 'matrix-kosong', lockDuration: 1000 }] },
      may: and(mayChange, withRole(workerRoles)),
      ok: [200],
    },
  ],
  'POST /api/external-tasks/:id/complete': (f) => [
    // Locked by another worker id: 409 for a worker, never a completion.
    { label: 'held by another worker', path: `/api/external-tasks/${f.externalTaskId}/complete`, body: { workerId: 'matrix-intruder' }, may: and(mayChange, withRole(workerRoles)), ok: [409] },
    { label: 'unknown id', path: `/api/external-tasks/${UNKNOWN_UUID}/complete`, body: { workerId: 'matrix' }, may: and(mayChange, withRole(workerRoles)), ok: [404] },
  ],
  'POST /api/external-tasks/:id/failure': (f) => [
    { label: 'held by another worker', path: `/api/external-tasks/${f.externalTaskId}/failure`, body: { workerId: 'matrix-intruder', retries: 0 }, may: and(mayChange, withRole(workerRoles)), ok: [409] },
    { label: 'unknown id', path: `/api/external-tasks/${UNKNOWN_UUID}/failure`, body: { workerId: 'matrix', retries: 1 }, may: and(mayChange, withRole(workerRoles)), ok: [404] },
  ],
  'POST /api/external-tasks/:id/bpmn-error': (f) => [
    { label: 'held by another worker', path: `/api/external-tasks/${f.externalTaskId}/bpmn-error`, body: { workerId: 'matrix-intruder', errorCode: 'TOLAK' }, may: and(mayChange, withRole(workerRoles)), ok: [409] },
    { label: 'unknown id', path: `/api/external-tasks/${UNKNOWN_UUID}/bpmn-error`, body: { workerId: 'matrix', errorCode: 'X' }, may: and(mayChange, withRole(workerRoles)), ok: [404] },
  ],
  'POST /api/external-tasks/:id/extendLock': (f) => [
    { label: 'held by another worker', path: `/api/external-tasks/${f.externalTaskId}/extendLock`, body: { workerId: 'matrix-intruder', newDuration: 1000 }, may: and(mayChange, withRole(workerRoles)), ok: [409] },
    { label: 'unknown id', path: `/api/external-tasks/${UNKNOWN_UUID}/extendLock`, body: { workerId: 'matrix', newDuration: 1000 }, may: and(mayChange, withRole(workerRoles)), ok: [404] },
  ],
  // Only an unknown id: unlocking the held task would change the other cells' fixture.
  'POST /api/external-tasks/:id/unlock': () => [
    { label: 'unknown id', path: `/api/external-tasks/${UNKNOWN_UUID}/unlock`, body: {}, may: and(mayChange, withRole([...workerRoles, ...systemAdminRoles])), ok: [404] },
  ],
  'PUT /api/external-tasks/:id/retries': () => [
    { label: 'unknown id', path: `/api/external-tasks/${UNKNOWN_UUID}/retries`, body: { retries: 1 }, may: and(mayChange, withRole(systemAdminRoles)), ok: [404] },
  ],
  'GET /api/external-tasks': (f) => [
    { path: '/api/external-tasks', may: withRole(systemAdminRoles), ok: [200], sees: [{ what: 'the locked external task', needle: f.externalTaskId, who: withRole(systemAdminRoles) }] },
  ],
};



// ---- the suite ------------------------------------------------------------------------------------

describe.each(backends)('access matrix (%s)', (backend) => {
  let t: TestSystem;
  let f: Fixture;
  /** One listening server for the whole matrix: supertest on a bare app would listen anew per request. */
  let server: Server;
  let setupMs = '';
  const principals = principalSpecs();
  const byName = new Map(principals.map((p) => [p.name, p]));

  const send = (p: Principal, method: string, url: string, body?: unknown, agent?: Agent) => {
    const client = (agent ?? p.agent ?? request(server)) as unknown as Record<string, (u: string) => request.Test>;
    const req = client[method.toLowerCase()](url);
    // Every request that changes something is JSON (the cross-site guard refuses others with 415).
    if (body === undefined) return method.toLowerCase() === 'get' ? req : req.send({});
    return req.send(body as object);
  };
  const countInstances = async (where = 'true', params: unknown[] = []) =>
    (await t.system.db.query<{ n: number }>(`select count(*)::int as n from process_instances where ${where}`, params)).rows[0].n;

  beforeAll(async () => {
    const setupStarted = Date.now();
    t = await startTestSystem(backend, { PROCESSES_DIR });
    const systemStarted = Date.now();
    server = await new Promise<Server>((resolve) => {
      const s = t.system.app.listen(0, '127.0.0.1', () => resolve(s));
    });
    const signIn = async (username: string) => {
      const agent = request.agent(server);
      const res = await agent.post('/api/auth/login').send({ username, password: PASSWORD });
      if (res.status !== 200) throw new Error(`sign-in of ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
      return agent;
    };
    const admin = await signIn('admin-sistem');
    const group = await admin.post('/api/groups').send({ id: CUSTOM_GROUP, name: 'Keuangan (uji matriks)' });
    if (group.status !== 201) throw new Error(`creating group ${CUSTOM_GROUP} failed: ${group.status} ${JSON.stringify(group.body)}`);
    const createUser = async (username: string, userRoles: string[], opd: string | null, groups: string[] = []) => {
      const res = await admin.post('/api/users').send({ username, password: PASSWORD, email: `${username}@kapuas.example`, opd, roles: userRoles, groups });
      if (res.status !== 201) throw new Error(`creating ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body as { id: number };
    };
    for (const p of principals) {
      if (p.username && !roleIds.includes(p.username as RoleId)) await createUser(p.username, p.roles, p.opd, p.groups);
    }
    const spare = await createUser('matrix.spare', ['kasi'], null);
    await createUser('matrix.au2', ['admin-utama'], null);
    for (const p of principals) if (p.username) p.agent = await signIn(p.username);
    const agentOf = (name: string) => {
      const a = byName.get(name)?.agent;
      if (!a) throw new Error(`no agent for ${name}`);
      return a;
    };
    const au = agentOf('admin-utama');
    const auditor = agentOf('auditor');
    const au2 = await signIn('matrix.au2');

    const intake = async () => {
      const res = await au.post('/api/complaints').send({ channel: 'whatsapp', subject: 'Puskesmas tutup', description: 'Puskesmas Selat tutup pada jam pelayanan', opd: OPD_A });
      if (res.status !== 201) throw new Error(`intake failed: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body as { trackingId: string; replyCode: string; instances: { id: string; key: string }[]; openTasks: { id: string; elementId: string }[] };
    };
    const taskFacts = async (id: string): Promise<TaskFacts> => {
      const res = await auditor.get(`/api/tasks/${id}`);
      if (res.status !== 200) throw new Error(`reading task ${id} failed: ${res.status}`);
      const { instanceId, candidateGroups, candidateUsers, assignee } = res.body;
      return { id, instanceId, candidateGroups, candidateUsers: candidateUsers ?? [], assignee };
    };
    const openTask = async (trackingId: string, elementId: string) => {
      const res = await auditor.get(`/api/complaints/${trackingId}`);
      const task = (res.body.openTasks as { id: string; elementId: string }[]).find((x) => x.elementId === elementId);
      if (!task) throw new Error(`${trackingId} has no open ${elementId}: ${JSON.stringify(res.body.openTasks)}`);
      return task.id;
    };

    // Complaint A, worked to its OPD's Task_AdminPenghubung (the SOP 555/05 main path).
    const a = await intake();
    await completeComplaintTask(auditor, au, a.trackingId, 'Task_MenerimaLaporan', { kanal: 'WA' });
    await completeComplaintTask(auditor, au, a.trackingId, 'Task_Verifikasi', { lengkap: true });
    await completeComplaintTask(auditor, au, a.trackingId, 'Task_Input', { sudahDitindaklanjuti: false });
    await completeComplaintTask(auditor, agentOf('kasi'), a.trackingId, 'Task_Memastikan', {});
    await completeComplaintTask(auditor, au, a.trackingId, 'Task_Disposisi', { opd: OPD_A });
    const taskOpd = await taskFacts(await openTask(a.trackingId, 'Task_AdminPenghubung'));
    const att = await au
      .post(`/api/complaints/${a.trackingId}/attachments`)
      .send({ filename: 'bukti.pdf', contentType: 'application/pdf', dataBase64: TINY_PDF.toString('base64') });
    if (att.status !== 201) throw new Error(`attachment failed: ${att.status} ${JSON.stringify(att.body)}`);

    const taskAu = await taskFacts(await openTask((await intake()).trackingId, 'Task_MenerimaLaporan'));
    const heldId = await openTask((await intake()).trackingId, 'Task_MenerimaLaporan');
    if ((await au.post(`/api/tasks/${heldId}/claim`).send({})).status !== 200) throw new Error('claiming the held task failed');
    const heldByOtherId = await openTask((await intake()).trackingId, 'Task_MenerimaLaporan');
    if ((await au2.post(`/api/tasks/${heldByOtherId}/claim`).send({})).status !== 200) throw new Error('claiming the task of matrix.au2 failed');

    const free = await agentOf('pemilik-proses').post('/api/process-definitions/sop-555-05/start').send({});
    if (free.status !== 201) throw new Error(`starting an instance by hand failed: ${free.status} ${JSON.stringify(free.body)}`);
    const freeTaskId = (await t.system.db.query<{ id: string }>(`select id from tasks where instance_id = $1 and status = 'open'`, [free.body.id])).rows[0]?.id;
    if (!freeTaskId) throw new Error('the hand-started instance has no open task');

    const deployed = await agentOf('pemilik-proses').post('/api/deployments').send({ name: 'matrix-keuangan.bpmn', xml: CUSTOM_DIAGRAM });
    if (deployed.status !== 201) throw new Error(`deploying ${CUSTOM_KEY} failed: ${deployed.status} ${JSON.stringify(deployed.body)}`);
    const custom = await agentOf('pemilik-proses').post(`/api/process-definitions/${CUSTOM_KEY}/start`).send({});
    if (custom.status !== 201) throw new Error(`starting ${CUSTOM_KEY} failed: ${custom.status} ${JSON.stringify(custom.body)}`);
    const customTaskId = (await t.system.db.query<{ id: string }>(`select id from tasks where instance_id = $1 and status = 'open'`, [custom.body.id])).rows[0]?.id;
    if (!customTaskId) throw new Error(`${CUSTOM_KEY} has no open task`);

    const spareOpd = 'uji-matriks';
    const opdRes = await admin.post('/api/opds').send({ code: spareOpd, name: 'Dinas Uji Matriks', district: 'kapuas' });
    if (opdRes.status !== 201) throw new Error(`creating OPD ${spareOpd} failed: ${opdRes.status} ${JSON.stringify(opdRes.body)}`);

    // An external task held by the demo worker (workerId matrix-holder) for the 409 cells.
    await deployFixture(agentOf('pemilik-proses'), 'external-letter');
    const letter = await agentOf('pemilik-proses').post('/api/process-definitions/external-letter/start').send({});
    if (letter.status !== 201) throw new Error(`starting external-letter failed: ${letter.status} ${JSON.stringify(letter.body)}`);
    const held = await agentOf('worker')
      .post('/api/external-tasks/fetch-and-lock')
      .send({ workerId: 'matrix-holder', maxTasks: 1, topics: [{ topicName: 'nomor-surat', lockDuration: 24 * 3600 * 1000 }] });
    if (held.status !== 200 || held.body.length !== 1) throw new Error(`locking the external task failed: ${held.status} ${JSON.stringify(held.body)}`);

    setupMs = `system ${systemStarted - setupStarted} ms, users and fixture ${Date.now() - systemStarted} ms`;
    let counter = 0;
    const secondAgents = new Map<string, Agent>();
    f = {
      trackingId: a.trackingId,
      replyCode: a.replyCode,
      instanceId: a.instances[0].id,
      attachmentId: att.body.id,
      taskOpd,
      taskAu,
      taskHeld: await taskFacts(heldId),
      taskHeldByOther: await taskFacts(heldByOtherId),
      freeInstanceId: free.body.id,
      freeStarter: 'pemilik-proses',
      freeTask: await taskFacts(freeTaskId),
      starterGroups: sopProcesses().find((x) => x.key === 'sop-555-05')!.starterGroups,
      starterGroups06: sopProcesses().find((x) => x.key === 'sop-555-06')!.starterGroups,
      spareUserId: spare.id,
      spareOpd,
      externalTaskId: held.body[0].id,
      customTask: await taskFacts(customTaskId),
      agent: agentOf,
      secondAgent: (p) => {
        if (!p.username) return undefined;
        if (!secondAgents.has(p.name)) secondAgents.set(p.name, request.agent(server));
        return secondAgents.get(p.name);
      },
      next: () => ++counter,
    };
  });

  afterAll(async () => {
    if (server) await new Promise((resolve) => server.close(resolve));
    await closeTestSystem(t);
  });

  it('works on the fixture the expectations assume', () => {
    expect(f.trackingId).toMatch(/^KPS-2026-\d{6}$/);
    expect(f.taskOpd.candidateGroups).toEqual([`admin-penghubung:${OPD_A}`]);
    expect(f.taskAu.candidateGroups).toEqual(['admin-utama']);
    expect(f.taskHeld).toMatchObject({ candidateGroups: ['admin-utama'], assignee: 'admin-utama' });
    expect(f.taskHeldByOther).toMatchObject({ candidateGroups: ['admin-utama'], assignee: 'matrix.au2' });
    expect(f.freeTask.candidateGroups).toEqual(['admin-utama']);
    expect(f.customTask.candidateGroups).toEqual([CUSTOM_GROUP]);
    expect(f.starterGroups.length).toBeGreaterThan(0);
    // Every role has its demo user among the principals.
    expect(principals.filter((p) => p.roles.length === 1 && p.opd !== OPD_B).map((p) => p.roles[0]).sort()).toEqual([...roleIds].sort());
  });

  it('has exactly one table row per route the app serves', () => {
    const served = servedRoutes(t);
    expect(served.length).toBeGreaterThanOrEqual(40);
    expect({ withoutRow: served.filter((r) => !(r in table)), withoutRoute: Object.keys(table).filter((k) => !served.includes(k)) }).toEqual({
      withoutRow: [],
      withoutRoute: [],
    });
  });

  it('answers every route × principal as the access policy says', async () => {
    const started = Date.now();
    const mismatches: string[] = [];
    let cells = 0;
    for (const [key, row] of Object.entries(table)) {
      const [method] = key.split(' ');
      for (const c of row(f)) {
        const label = `${key}${c.label ? ` [${c.label}]` : ''}`;
        // Every case lets someone through (and anonymous is refused on every non-public route).
        if (!principals.some((p) => (p.username ? c.may(p) : !!c.public))) mismatches.push(`${label}: the table lets nobody through`);
        const cell = async (p: Principal) => {
          await c.before?.(p);
          const url = typeof c.path === 'function' ? c.path(p) : c.path;
          const body = typeof c.body === 'function' ? c.body(p) : c.body;
          return send(p, method, url, body, c.client?.(p));
        };
        const check = async (p: Principal, res: request.Response) => {
          cells++;
          const allowed = c.may(p) && (c.public || !workerOnly(p) || workerMayCall(key));
          const expected = !p.username ? (c.public ? c.ok : [401]) : allowed ? c.ok : [403];
          const why = res.status >= 400 ? (res.body?.code ?? res.body?.error ?? '') : '';
          if (!expected.includes(res.status)) {
            mismatches.push(`${label} × ${p.name}: got ${res.status}${why ? ` (${why})` : ''}, expected ${expected.join('/')}`);
          } else if (res.status === 403 && c.ofOpd && opdOnly(p) && p.opd !== c.ofOpd && res.body?.code !== 'opd.otherOpd') {
            // Refused, but not for being another OPD's (e.g. only for not being a candidate): the OPD check did not answer.
            mismatches.push(`${label} × ${p.name}: got 403 (${why}), expected 403 (opd.otherOpd)`);
          }
          if (res.status === 200) {
            for (const { what, needle, who } of c.sees ?? []) {
              const shown = res.text.includes(needle);
              if (shown !== who(p)) mismatches.push(`${label} × ${p.name}: ${what} ${shown ? 'listed' : 'missing'}, expected ${shown ? 'missing' : 'listed'}`);
            }
          }
          const problem = await c.after?.(p, res.status);
          if (problem) mismatches.push(`${label} × ${p.name}: ${problem}`);
        };
        if (method === 'GET' && !c.before && !c.after) {
          // Reads change nothing: every principal's request at once.
          const answers = await Promise.all(principals.map(cell));
          for (const [i, p] of principals.entries()) await check(p, answers[i]);
        } else {
          for (const p of principals) await check(p, await cell(p));
        }
      }
    }
    console.log(`access matrix (${backend}): setup (${setupMs}); ${cells} cells in ${Date.now() - started} ms; ${mismatches.length} mismatches`);
    expect(mismatches).toEqual([]);
  });

  it("refuses starting any SOP by hand with a complaint's tracking ID (or one of its shape), and writes nothing", async () => {
    const keys = ((await f.agent('admin-sistem').get('/api/process-definitions')).body as { key: string }[]).map((d) => d.key);
    // Every SOP of processes/ is deployed (and whatever else the matrix deployed).
    expect(keys).toEqual(expect.arrayContaining(sopProcesses().map((p) => p.key)));
    const businessKeys = [f.trackingId, `  ${f.trackingId.toLowerCase()} `, UNISSUED_KPS, UNISSUED_KPH];
    const hijackers = [`pejabat-penghubung@${OPD_B}`, 'auditor', 'auditor+admin-utama', 'admin-utama', 'pemilik-proses'];
    const normalized = businessKeys.map((k) => k.trim().toUpperCase());
    const before = { all: await countInstances(), ofKeys: await countInstances('upper(trim(business_key)) = any($1)', [normalized]) };
    const complaintBefore = (await f.agent('auditor').get(`/api/complaints/${f.trackingId}`)).body;
    const unexpected: string[] = [];
    for (const key of keys) {
      for (const who of hijackers) {
        for (const businessKey of businessKeys) {
          const res = await f.agent(who).post(`/api/process-definitions/${key}/start`).send({ businessKey, variables: { opd: OPD_B, jawaban: FAKE_ANSWER } });
          if (![400, 403, 409].includes(res.status)) unexpected.push(`start ${key} × ${who} × ${JSON.stringify(businessKey)}: got ${res.status}`);
          else if (who.startsWith('auditor') && res.status !== 403) unexpected.push(`start ${key} × ${who} × ${JSON.stringify(businessKey)}: got ${res.status}, expected 403 (read-only)`);
        }
      }
    }
    expect(unexpected).toEqual([]);
    expect({ all: await countInstances(), ofKeys: await countInstances('upper(trim(business_key)) = any($1)', [normalized]) }).toEqual(before);

    const publicPage = await request(server).get(`/api/public/complaints/${f.trackingId}`);
    expect(publicPage.status).toBe(200);
    expect(JSON.stringify(publicPage.body)).not.toContain(FAKE_ANSWER);
    const complaintAfter = (await f.agent('auditor').get(`/api/complaints/${f.trackingId}`)).body;
    expect({ opd: complaintAfter.opd, instances: complaintAfter.instances.length, status: complaintAfter.status }).toEqual({
      opd: complaintBefore.opd,
      instances: complaintBefore.instances.length,
      status: complaintBefore.status,
    });
    expect((await f.agent(`pejabat-penghubung@${OPD_B}`).get(`/api/complaints/${f.trackingId}`)).status).toBe(403);
    expect((await f.agent(`pejabat-penghubung@${OPD_B}`).get(`/api/instances/${f.instanceId}`)).status).toBe(403);
  });
});
