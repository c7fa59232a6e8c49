import { roleIds, roles } from '../domain/roles';
import { backfillTaskPerformance, taskPerformanceSql } from '../domain/taskPerformanceMigration';
import type { Database, Queryable } from './database';

/** The step that creates `role_catalogue` (migrate() keeps it in step with roles.ts from then on). */
const ROLE_CATALOGUE_MIGRATION = 18;

/**
 * Ordered schema steps. Never edit a step that has shipped: add a new one.
 * Each runs in its own transaction under an advisory lock, so several app processes
 * starting at once on one server migrate exactly once.
 */
const steps: { id: number; name: string; sql: string; after?: (tx: Queryable) => Promise<void> }[] = [
  {
    id: 1,
    name: 'core',
    sql: `
create table users (
  id            serial primary key,
  username      text not null unique,
  password_hash text not null,
  email         text not null,
  display_name  text not null,
  opd           text,
  active        boolean not null default true,
  created_at    timestamptz not null default now()
);
create table user_roles (
  user_id int not null references users(id) on delete cascade,
  role    text not null,
  primary key (user_id, role)
);
create table sessions (
  token_hash text primary key,
  user_id    int not null references users(id) on delete cascade,
  created_at timestamptz not null,
  expires_at timestamptz not null
);
create table deployments (
  id         serial primary key,
  name       text not null,
  created_at timestamptz not null,
  created_by text
);
create table process_definitions (
  id            serial primary key,
  key           text not null,
  version       int not null,
  name          text,
  xml           text not null,
  sha256        text not null,
  deployment_id int not null references deployments(id),
  created_at    timestamptz not null,
  unique (key, version)
);
create table process_instances (
  id             uuid primary key,
  definition_id  int not null references process_definitions(id),
  key            text not null,
  version        int not null,
  business_key   text,
  status         text not null check (status in ('running','completed','terminated','failed')),
  state          jsonb not null,
  variables      jsonb not null default '{}',
  active_elements text[] not null default '{}',
  rev            int not null default 1,
  started_by     text,
  started_at     timestamptz not null,
  ended_at       timestamptz
);
create index process_instances_key on process_instances (key, status);
create index process_instances_business_key on process_instances (business_key);
create table tasks (
  id               uuid primary key,
  instance_id      uuid not null references process_instances(id),
  execution_id     text not null,
  element_id       text not null,
  name             text,
  assignee         text,
  candidate_groups text[] not null default '{}',
  candidate_users  text[] not null default '{}',
  due_at           timestamptz,
  status           text not null check (status in ('open','completed','cancelled')),
  rev              int not null default 1,
  created_at       timestamptz not null,
  ended_at         timestamptz,
  ended_by         text,
  unique (instance_id, execution_id)
);
create index tasks_open on tasks (status) where status = 'open';
create index tasks_candidate_groups on tasks using gin (candidate_groups);
create table jobs (
  id            uuid primary key,
  kind          text not null check (kind in ('timer','start-timer')),
  instance_id   uuid references process_instances(id),
  definition_id int references process_definitions(id),
  element_id    text not null,
  execution_id  text,
  due_at        timestamptz not null,
  attempts      int not null default 0,
  last_error    text,
  locked_by     text,
  locked_until  timestamptz,
  created_at    timestamptz not null,
  unique (instance_id, execution_id)
);
create index jobs_due on jobs (due_at);
create table history (
  id          bigserial primary key,
  instance_id uuid,
  type        text not null,
  element_id  text,
  at          timestamptz not null,
  actor       text,
  data        jsonb not null default '{}'
);
create index history_instance on history (instance_id, id);
create table incidents (
  id          uuid primary key,
  instance_id uuid references process_instances(id),
  job_id      uuid,
  element_id  text,
  message     text not null,
  created_at  timestamptz not null,
  resolved_at timestamptz
);
create index incidents_instance on incidents (instance_id);
create table holidays (
  date   date primary key,
  name   text not null,
  source text not null default 'manual'
);
create table manual_clock (
  id  int primary key check (id = 1),
  now timestamptz not null
);
`,
  },
  {
    id: 2,
    name: 'call activities',
    sql: `
alter table process_instances add column parent_id uuid references process_instances(id);
alter table process_instances add column parent_execution_id text;
create unique index process_instances_parent_call on process_instances (parent_id, parent_execution_id) where parent_id is not null;
alter table jobs drop constraint jobs_kind_check;
alter table jobs add constraint jobs_kind_check check (kind in ('timer','start-timer','call-start','call-return'));
alter table jobs add column payload jsonb not null default '{}';
`,
  },
  {
    id: 3,
    name: 'complaints',
    sql: `
create table opds (
  code     text primary key check (code ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  name     text not null,
  district text not null check (district in ('kapuas','kapuas-hulu')),
  active   boolean not null default true
);
create table complaint_counters (
  district text not null,
  year     int not null,
  last     int not null,
  primary key (district, year)
);
create table complaints (
  tracking_id      text primary key,
  district         text not null check (district in ('kapuas','kapuas-hulu')),
  channel          text not null,
  anonim           boolean not null default false,
  rahasia          boolean not null default false,
  reporter_name    text,
  reporter_contact text,
  subject          text not null,
  description      text not null,
  location         text,
  category         text,
  opd              text references opds(code),
  created_by       text,
  created_at       timestamptz not null,
  constraint complaints_anonim_has_no_identity check (not anonim or (reporter_name is null and reporter_contact is null))
);
create index complaints_created on complaints (created_at desc, tracking_id desc);
create index complaints_opd on complaints (opd);
create table complaint_attachments (
  id           uuid primary key,
  tracking_id  text not null references complaints(tracking_id),
  filename     text not null,
  content_type text not null check (content_type in ('image/jpeg','image/png','application/pdf')),
  size         int not null,
  sha256       text not null,
  data         bytea not null,
  uploaded_by  text,
  created_at   timestamptz not null
);
create index complaint_attachments_complaint on complaint_attachments (tracking_id, created_at)
`,
  },
  {
    id: 4,
    name: 'notification outbox',
    sql: `
create table notifications (
  id           uuid primary key,
  instance_id  uuid references process_instances(id),
  element_id   text not null,
  role         text not null,
  opd          text,
  reason       text not null,
  task_name    text,
  process_name text,
  business_key text,
  created_at   timestamptz not null,
  sent_at      timestamptz,
  recipients   text[] not null default '{}',
  attempts     int not null default 0,
  last_error   text,
  locked_until timestamptz
);
create index notifications_pending on notifications (created_at) where sent_at is null;
`,
  },
  {
    id: 5,
    name: 'batch guard',
    // Raised from inside a multi-write statement (src/engine/statementBatch.ts) to undo all of it.
    sql: `
create or replace function workflow_guard(ok boolean, msg text) returns int language plpgsql as $$ begin if not ok then raise exception using errcode = 'WF409', message = msg; end if; return 1; end $$
`,
  },
  {
    id: 6,
    name: 'login throttle',
    // Failed sign-ins per key (src/domain/loginThrottle.ts); rows outlive neither window nor lock.
    sql: `
create table login_failures (
  key           text primary key,
  failures      int not null,
  window_start  timestamptz not null,
  locked_until  timestamptz
);
create index login_failures_window on login_failures (window_start)
`,
  },
  {
    id: 7,
    name: 'complaint record',
    // The complaint carries its own status, OPD and milestones (src/domain/complaintStatus.ts
    // writes them with each step); lists, dashboard and recap read them through indexes instead
    // of rebuilding them from the chain. Counts are kept per month (the recap: a quarter is three
    // rows per combination) and in total (the dashboard), by a trigger on complaints. Rows that existed before wait in complaint_backfill until
    // the app fills them (the status rules need the diagrams, which only the app reads).
    // Function bodies stay on one line: the runner splits statements at ";" + newline.
    sql: `
alter table complaints add column status text not null default 'diterima'
  check (status in ('diterima','diproses','selesai','tidak-ditindaklanjuti','diteruskan-ombudsman'));
alter table complaints add column current_opd text;
alter table complaints add column worked_at timestamptz;
alter table complaints add column answered_at timestamptz;
alter table complaints add column closed_at timestamptz;
alter table complaints add column forwarded_at timestamptz;
alter table complaints add column not_followed_up boolean not null default false;
alter table complaints add column next_due_at timestamptz;
alter table complaints add column completed_late boolean not null default false;
update complaints set current_opd = opd;
create table complaint_backfill (tracking_id text primary key);
insert into complaint_backfill (tracking_id) select tracking_id from complaints;
create index complaints_status on complaints (status, created_at desc, tracking_id desc);
create index complaints_current_opd on complaints (current_opd, created_at desc, tracking_id desc);
create index complaints_opd_created on complaints (opd, created_at desc, tracking_id desc);
create index complaints_district_created on complaints (district, created_at, tracking_id);
create index complaints_next_due on complaints (next_due_at) where next_due_at is not null;
create index tasks_open_due on tasks (due_at) where status = 'open';
create index tasks_open_created on tasks (created_at, id) where status = 'open';
create index tasks_assignee_open on tasks (assignee) where status = 'open';
create index tasks_candidate_users on tasks using gin (candidate_users);
create index process_instances_started on process_instances (started_at desc, id);
create table complaint_month_counts (
  district        text not null,
  month           date not null,
  channel         text not null,
  status          text not null,
  opd             text not null default '',
  current_opd     text not null default '',
  received        int not null default 0,
  answered        int not null default 0,
  completed_late  int not null default 0,
  primary key (district, month, channel, status, opd, current_opd)
);
create table complaint_totals (
  status       text not null,
  opd          text not null default '',
  current_opd  text not null default '',
  received     int not null default 0,
  primary key (status, opd, current_opd)
);
create function complaint_count_add(r complaints, sign int) returns void language sql as $$ insert into complaint_month_counts as k (district, month, channel, status, opd, current_opd, received, answered, completed_late) values (r.district, date_trunc('month', r.created_at at time zone 'Asia/Pontianak')::date, r.channel, r.status, coalesce(r.opd, ''), coalesce(r.current_opd, ''), sign, case when r.answered_at is not null or r.status = 'selesai' then sign else 0 end, case when r.completed_late then sign else 0 end) on conflict (district, month, channel, status, opd, current_opd) do update set received = k.received + excluded.received, answered = k.answered + excluded.answered, completed_late = k.completed_late + excluded.completed_late; insert into complaint_totals as t (status, opd, current_opd, received) values (r.status, coalesce(r.opd, ''), coalesce(r.current_opd, ''), sign) on conflict (status, opd, current_opd) do update set received = t.received + excluded.received $$;
create function complaint_counts_track() returns trigger language plpgsql as $$ begin if tg_op in ('UPDATE', 'DELETE') then if tg_op = 'DELETE' or (old.status, old.opd, old.current_opd, old.channel, old.district, old.created_at, old.answered_at is null, old.completed_late) is distinct from (new.status, new.opd, new.current_opd, new.channel, new.district, new.created_at, new.answered_at is null, new.completed_late) then perform complaint_count_add(old, -1); else return null; end if; end if; if tg_op in ('INSERT', 'UPDATE') then perform complaint_count_add(new, 1); end if; return null; end $$;
create trigger complaint_counts_track after insert or update or delete on complaints for each row execute function complaint_counts_track();
create function complaint_counts_rebuild() returns void language sql as $$ delete from complaint_month_counts; delete from complaint_totals; insert into complaint_month_counts (district, month, channel, status, opd, current_opd, received, answered, completed_late) select district, date_trunc('month', created_at at time zone 'Asia/Pontianak')::date, channel, status, coalesce(opd, ''), coalesce(current_opd, ''), count(*), count(*) filter (where answered_at is not null or status = 'selesai'), count(*) filter (where completed_late) from complaints group by 1, 2, 3, 4, 5, 6; insert into complaint_totals (status, opd, current_opd, received) select status, coalesce(opd, ''), coalesce(current_opd, ''), count(*) from complaints group by 1, 2, 3 $$;
select complaint_counts_rebuild();
create function complaint_tasks_changed() returns trigger language plpgsql as $$ begin with affected as (select distinct i.business_key as k from changed_tasks n join process_instances i on i.id = n.instance_id where i.business_key is not null), computed as (select a.k, (select min(t.due_at) from tasks t join process_instances i on i.id = t.instance_id where i.business_key = a.k and t.status = 'open') as due, exists (select 1 from changed_tasks n join process_instances i on i.id = n.instance_id where i.business_key = a.k and n.status = 'completed' and n.ended_at > n.due_at) as late from affected a) update complaints c set next_due_at = x.due, completed_late = c.completed_late or x.late from computed x where c.tracking_id = x.k and (c.next_due_at is distinct from x.due or (x.late and not c.completed_late)); return null; end $$;
create trigger complaint_tasks_inserted after insert on tasks referencing new table as changed_tasks for each statement execute function complaint_tasks_changed();
create trigger complaint_tasks_updated after update on tasks referencing new table as changed_tasks for each statement execute function complaint_tasks_changed()
`,
  },
  {
    id: 8,
    name: 'tamper-evident history',
    sql: tamperEvidentHistory(),
  },
  {
    id: 9,
    name: 'open tasks by OPD and due day',
    sql: openTaskDueCounts(),
  },
  {
    id: 10,
    name: 'message and signal subscriptions',
    // What waits for a message or signal (src/engine/eventSubscriptions.ts): an instance's catch
    // event, boundary event or receive task (instance_id, execution_id), or the start event of a
    // process's latest version (definition_id). A signal thrown fans out as one 'signal' job each.
    sql: `
create table event_subscriptions (
  id            uuid primary key,
  kind          text not null check (kind in ('message','signal')),
  name          text not null,
  instance_id   uuid references process_instances(id),
  execution_id  text,
  definition_id int references process_definitions(id),
  element_id    text not null,
  created_at    timestamptz not null,
  check ((instance_id is null) = (execution_id is null) and (instance_id is null) <> (definition_id is null)),
  unique (instance_id, execution_id)
);
create index event_subscriptions_name on event_subscriptions (kind, name);
alter table jobs drop constraint jobs_kind_check;
alter table jobs add constraint jobs_kind_check check (kind in ('timer','start-timer','call-start','call-return','signal'))
`,
  },
  {
    id: 11,
    name: 'external tasks',
    // Like jobs: a row per waiting service/send/business rule task, locked by a worker with a lease
    // (lock_expires_at, on the workflow clock) and taken with SKIP LOCKED; retries null until the
    // first failure (Camunda 7), retry_at delays the next fetch after one.
    sql: `
create table external_tasks (
  id              uuid primary key,
  instance_id     uuid not null references process_instances(id),
  execution_id    text not null,
  element_id      text not null,
  topic           text not null,
  created_at      timestamptz not null,
  locked_by       text,
  locked_by_user  text,
  lock_expires_at timestamptz,
  retries         int,
  retry_at        timestamptz,
  error_message   text,
  unique (instance_id, execution_id)
);
create index external_tasks_topic on external_tasks (topic, created_at)
`,
  },
  {
    id: 12,
    name: 'groups beyond the SOP roles',
    // Groups an admin adds (src/domain/groups.ts): ids are slugs, so never "role:OPD"-shaped; that
    // they differ from the SOP role ids is checked where the roles are known (in code, not here).
    // Memberships stay when a group is deactivated, so reactivating it gives its members back.
    sql: `
create table groups (
  id         text primary key check (id ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  name       text not null,
  opd_bound  boolean not null default false,
  active     boolean not null default true,
  created_at timestamptz not null default now()
);
create table user_groups (
  user_id  int not null references users(id) on delete cascade,
  group_id text not null references groups(id),
  primary key (user_id, group_id)
);
create index user_groups_group on user_groups (group_id)
`,
  },
  {
    id: 13,
    name: 'in-app inbox',
    sql: inAppInbox(),
  },
  {
    id: 14,
    name: 'offer keys of unassigned tasks',
    sql: offerKeys(),
  },
  {
    id: 15,
    name: 'open incidents index',
    // /metrics counts the open incidents at every scrape: an index over those alone, not the
    // years of resolved ones.
    sql: "create index incidents_open on incidents (created_at) where resolved_at is null",
  },
  {
    id: 16,
    name: 'mail outbox and notification preferences',
    sql: mailOutbox(),
  },
  {
    id: 17,
    name: 'reporter reply code',
    // Only the code's scrypt hash (src/domain/replyCodes.ts); null for complaints entered before
    // codes existed, whose reporters cannot reply on the public page.
    sql: 'alter table complaints add column reply_code_hash text',
  },
  {
    id: ROLE_CATALOGUE_MIGRATION,
    name: 'inbox rules in one place, inbox items with kind and params',
    sql: inboxRulesOnce(),
  },
  {
    id: 19,
    name: 'calendar version',
    // Every change to the holiday table bumps one number; each app process compares it with the
    // calendar it holds before counting working time, so a holiday added by an admin on one node
    // counts on every node at once (src/engine/calendarProvider.ts).
    sql: [
      'create table calendar_version (id int primary key check (id = 1), version bigint not null)',
      'insert into calendar_version (id, version) values (1, 0)',
      'create function calendar_version_bump() returns trigger language plpgsql as $$ begin update calendar_version set version = version + 1 where id = 1; return null; end $$',
      'create trigger holidays_version after insert or update or delete on holidays for each statement execute function calendar_version_bump()',
    ].join(';\n'),
  },
  {
    id: 20,
    name: 'letterheads of the step documents',
    // The kop surat and signatories of each district's Diskominfo (src/domain/letterheads.ts),
    // edited by admin-sistem; a district without a row prints the built-in defaults.
    sql: 'create table letterheads (district text primary key, settings jsonb not null, updated_by text, updated_at timestamptz not null)',
  },
  {
    id: 21,
    name: 'SOP performance aggregate',
    // Durations in working time need the calendar: the completed tasks' are filled in TypeScript.
    sql: taskPerformanceSql(),
    after: backfillTaskPerformance,
  },
  {
    id: 22,
    name: 'running instances by version',
    // Instance migration (src/engine/instanceMigration.ts) takes a version's oldest running
    // instances in batches and counts those left: read off this index, never the whole history.
    sql: "create index process_instances_running_definition on process_instances (definition_id, started_at, id) where status = 'running'",
  },
  {
    id: 23,
    name: 'task deadline extensions (Ditunda)',
    // A superior's extension of an open task's deadline (src/engine/taskExtensions.ts) is kept on
    // the task itself, so the worklist and the SLA badge read it with the task; the first due date
    // stays in original_due_at however often it is extended. The complaint remembers that some
    // task of its chain was extended, so the recap's page marks it without reading the tasks.
    sql: [
      'alter table tasks add column extended_at timestamptz',
      'alter table tasks add column extended_by text',
      'alter table tasks add column extension_reason text',
      'alter table tasks add column original_due_at timestamptz',
      'alter table complaints add column extended_at timestamptz',
    ].join(';\n'),
  },
];

/**
 * Migration 8: every history row carries `hash`, chained per instance (rows without an instance,
 * the deployments, form one chain of their own):
 *   hash = hex(sha256(previous row's hash, or '' for the first, || '|' || canonical row text))
 * The canonical text is a jsonb array of (id, instance_id, type, element_id, at in UTC with
 * microseconds, actor, data): jsonb's text is the same whatever the session's settings, and
 * quotes and nulls cannot make two rows read alike. The database computes it in a BEFORE INSERT
 * trigger, so every write path (one-statement commits, appendHistory, claims, incidents,
 * deployments) chains without knowing. src/engine/historyChain.ts recomputes it to verify.
 *
 * Plpgsql bodies are written one statement per array item and joined into one line, because
 * migrate() splits a step at a semicolon that ends a line.
 */
function tamperEvidentHistory(): string {
  const line = (...parts: string[]) => parts.join(' ');
  // The lock's class id ("HIST" in ASCII); the two-key form keeps it apart from the one-key
  // locks of migrate() and deployments.
  const lockClass = 1212765012;
  const link = line(
    'declare prev_id bigint; prev_hash text;',
    'begin',
    // One writer per chain at a time, until its transaction ends: two commands appending to one
    // instance (a claim is not under the instance's revision guard) would otherwise both read the
    // same last row and fork the chain.
    `perform pg_advisory_xact_lock(${lockClass}, hashtext(coalesce(new.instance_id::text, '')));`,
    'if new.instance_id is null then',
    '  select h.id, h.hash into prev_id, prev_hash from history h where h.instance_id is null order by h.id desc limit 1;',
    'else',
    '  select h.id, h.hash into prev_id, prev_hash from history h where h.instance_id = new.instance_id order by h.id desc limit 1;',
    'end if;',
    // id's default was drawn before the lock: a transaction that waited for it may hold a smaller
    // id than the row it now follows. Drawing again under the lock keeps chain order = id order.
    "if prev_id is not null and new.id <= prev_id then new.id := nextval('history_id_seq'); end if;",
    'new.hash := history_entry_hash(prev_hash, new.id, new.instance_id, new.type, new.element_id, new.at, new.actor, new.data);',
    'return new;',
    'end',
  );
  const refuse = line(
    'begin',
    "raise exception using errcode = 'WF423', message = format('history is append-only: %s on history is refused (its rows are hash-chained; see migration 8)', tg_op);",
    'end',
  );
  return `
lock table history in exclusive mode;
alter table history add column hash text;
create function history_entry_hash(prev text, id bigint, instance_id uuid, type text, element_id text, at timestamptz, actor text, data jsonb) returns text language sql immutable as $$ select encode(sha256(convert_to(coalesce(prev, '') || '|' || jsonb_build_array(id, instance_id, type, element_id, to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), actor, data)::text, 'UTF8')), 'hex') $$;
create aggregate history_chain(bigint, uuid, text, text, timestamptz, text, jsonb) (sfunc = history_entry_hash, stype = text, initcond = '');
update history h set hash = c.hash from (select id, history_chain(id, instance_id, type, element_id, at, actor, data) over (partition by instance_id order by id) as hash from history) c where c.id = h.id;
alter table history alter column hash set not null;
create function history_chain_link() returns trigger language plpgsql as $$ ${link} $$;
create trigger history_chain_link before insert on history for each row execute function history_chain_link();
create function history_refuse_change() returns trigger language plpgsql as $$ ${refuse} $$;
create trigger history_append_only before update or delete on history for each statement execute function history_refuse_change()
`;
}

/**
 * Migration 13: each user's inbox (src/domain/inbox.ts reads it). Triggers write the items, so
 * they commit with the step that caused them, whatever path wrote it (a command's one statement,
 * a call activity's transaction, a claim), and the engine stays free of who-is-told rules:
 * - a new open task with an assignee (`camunda:assignee`): `tugas-ditugaskan` to the assignee.
 *   A claim is the claimer's own act and tells nobody; nothing else assigns a task;
 * - a new open task without one: `tugas-tersedia` to each active user it is offered to. This was
 *   a SQL twin of the groups rule (migration 18 folds it into user_groups_of): a candidate user, a
 *   role or active group named, or `id:OPD` with the user's OPD (for an OPD-bound group; for a
 *   role whether bound or not, as SQL does not know which are: no diagram offers `kasi:OPD`).
 *   A user with an OPD never hears of a task waiting in another OPD (task_opd_of, migration 9),
 *   as the worklist never shows them one;
 * - a notification request (the mail outbox, `notifications`): `pengingat` / `terlambat` to the
 *   active users of its role (and OPD), the recipients its mail goes to (src/notify);
 * - a complaint entering `diteruskan-ombudsman`: to every active admin-utama (the Admin Utama
 *   keeps the complaint's contact with the Ombudsman RI).
 * Titles are Bahasa Indonesia with the task's name and the tracking ID; links are the web app's
 * hash routes. Plpgsql bodies are one line each (migrate() splits at a semicolon ending a line).
 */
function inAppInbox(): string {
  const line = (...parts: string[]) => parts.join(' ');
  const insert = 'insert into inbox_items (id, username, kind, title, link, created_at, instance_id, task_id)';
  const about = (key: string) => `coalesce(' (' || ${key} || ')', '')`;
  const offeredTo = line(
    'create function inbox_offered_to(offered_groups text[], offered_users text[], task_opd text) returns setof text language sql stable as $$',
    'select u.username from users u where u.active and (u.opd is null or task_opd is null or u.opd = task_opd) and (',
    'u.username = any(offered_users)',
    "or exists (select 1 from user_roles r where r.user_id = u.id and (r.role = any(offered_groups) or r.role || ':' || u.opd = any(offered_groups)))",
    'or exists (select 1 from user_groups ug join groups g on g.id = ug.group_id where ug.user_id = u.id and g.active',
    "and (g.id = any(offered_groups) or (g.opd_bound and g.id || ':' || u.opd = any(offered_groups))))) $$",
  );
  const taskCreated = line(
    'declare tracking text; heading text;',
    'begin',
    'select i.business_key into tracking from process_instances i where i.id = new.instance_id;',
    `heading := coalesce(new.name, 'Tugas') || ${about('tracking')};`,
    'if new.assignee is not null then',
    `${insert} select gen_random_uuid(), u.username, 'tugas-ditugaskan', 'Tugas untuk Anda: ' || heading, '#/tugas/' || new.id, new.created_at, new.instance_id, new.id`,
    'from users u where u.username = new.assignee and u.active;',
    'else',
    `${insert} select gen_random_uuid(), m, 'tugas-tersedia', 'Tugas baru untuk diambil: ' || heading, '#/tugas/' || new.id, new.created_at, new.instance_id, new.id`,
    'from inbox_offered_to(new.candidate_groups, new.candidate_users, task_opd_of(new.candidate_groups, new.instance_id)) m;',
    'end if;',
    'return null;',
    'end',
  );
  const notified = inboxNotifiedBody(false);
  const forwarded = line(
    'begin',
    `${insert} select gen_random_uuid(), u.username, 'diteruskan-ombudsman', 'Diteruskan ke Ombudsman RI: ' || new.tracking_id || ' ' || chr(8212) || ' ' || new.subject,`,
    "'#/riwayat?trackingId=' || new.tracking_id, coalesce(new.forwarded_at, now()), null, null",
    "from users u where u.active and exists (select 1 from user_roles r where r.user_id = u.id and r.role = 'admin-utama');",
    'return null;',
    'end',
  );
  return `
create table inbox_items (
  id          uuid primary key,
  username    text not null,
  kind        text not null,
  title       text not null,
  link        text not null,
  created_at  timestamptz not null,
  read_at     timestamptz,
  instance_id uuid,
  task_id     uuid
);
create index inbox_items_user on inbox_items (username, created_at desc, id desc);
create index inbox_items_unread on inbox_items (username) where read_at is null;
${offeredTo};
create function inbox_task_created() returns trigger language plpgsql as $$ ${taskCreated} $$;
create trigger inbox_task_created after insert on tasks for each row when (new.status = 'open') execute function inbox_task_created();
create function inbox_notified() returns trigger language plpgsql as $$ ${notified} $$;
create trigger inbox_notified after insert on notifications for each row execute function inbox_notified();
create function inbox_forwarded() returns trigger language plpgsql as $$ ${forwarded} $$;
create trigger inbox_forwarded after update of status on complaints for each row when (new.status = 'diteruskan-ombudsman' and old.status is distinct from new.status) execute function inbox_forwarded()
`;
}

/**
 * Migration 18: who is offered a task lives once, in SQL, for the inbox and for every list and
 * claim alike; and inbox items carry what their title is made of.
 * - `role_catalogue` (id, opd_bound): src/domain/roles.ts as the database sees it, brought in step
 *   by migrate() at every start (syncRoleCatalogue), so the roles stay defined in one place.
 * - `user_groups_of(user id)`: the groups a user acts in — each role and each active custom group,
 *   then `id:OPD` for the OPD-bound ones with the user's OPD. src/domain/users.ts reads a user's
 *   `groups` through it (the worklist, claims and task reads match candidate groups against
 *   them), and `inbox_offered_to` tells exactly those users of a new task: one rule, no twin.
 * - `inbox_event_roles` (event, role): who is told of a complaint event; the Ombudsman forward
 *   (the Admin Utama keeps the contact with the Ombudsman RI) is a row, no longer a literal.
 * - `inbox_items.params`: the task's name, the tracking ID, the subject, so the web app words an
 *   item in the user's language from its `kind`; `title` stays, in Bahasa Indonesia, for the API.
 */
function inboxRulesOnce(): string {
  const line = (...parts: string[]) => parts.join(' ');
  const insert = 'insert into inbox_items (id, username, kind, title, link, created_at, instance_id, task_id, params)';
  // A late/reminder item keeps the request's id (migration 16), which its mail is traced back by.
  const insertNotified = 'insert into inbox_items (id, username, kind, title, link, created_at, instance_id, task_id, notification_id, params)';
  const about = (key: string) => `coalesce(' (' || ${key} || ')', '')`;
  const groupsOf = line(
    'create function user_groups_of(uid int) returns text[] language sql stable as $$',
    'select coalesce(array_agg(g order by k, g), array[]::text[]) from (',
    'select 1 as k, r.role as g from user_roles r where r.user_id = uid',
    'union select 2, gr.id from user_groups ug join groups gr on gr.id = ug.group_id where ug.user_id = uid and gr.active',
    "union select 3, r.role || ':' || u.opd from user_roles r join users u on u.id = r.user_id join role_catalogue c on c.id = r.role where r.user_id = uid and c.opd_bound and u.opd is not null",
    "union select 4, gr.id || ':' || u.opd from user_groups ug join groups gr on gr.id = ug.group_id join users u on u.id = ug.user_id where ug.user_id = uid and gr.active and gr.opd_bound and u.opd is not null",
    ') x $$',
  );
  const offeredTo = line(
    'create or replace function inbox_offered_to(offered_groups text[], offered_users text[], task_opd text) returns setof text language sql stable as $$',
    'select u.username from users u where u.active and (u.opd is null or task_opd is null or u.opd = task_opd)',
    'and (u.username = any(offered_users) or user_groups_of(u.id) && offered_groups) $$',
  );
  const taskCreated = line(
    'declare tracking text; heading text; facts jsonb;',
    'begin',
    'select i.business_key into tracking from process_instances i where i.id = new.instance_id;',
    `heading := coalesce(new.name, 'Tugas') || ${about('tracking')};`,
    "facts := jsonb_strip_nulls(jsonb_build_object('task', new.name, 'trackingId', tracking));",
    'if new.assignee is not null then',
    `${insert} select gen_random_uuid(), u.username, 'tugas-ditugaskan', 'Tugas untuk Anda: ' || heading, '#/tugas/' || new.id, new.created_at, new.instance_id, new.id, facts`,
    'from users u where u.username = new.assignee and u.active;',
    'else',
    `${insert} select gen_random_uuid(), m, 'tugas-tersedia', 'Tugas baru untuk diambil: ' || heading, '#/tugas/' || new.id, new.created_at, new.instance_id, new.id, facts`,
    'from inbox_offered_to(new.candidate_groups, new.candidate_users, task_opd_of(new.candidate_groups, new.instance_id)) m;',
    'end if;',
    'return null;',
    'end',
  );
  const notified = line(
    'declare task_ref uuid;',
    'begin',
    "select t.id into task_ref from tasks t where t.instance_id = new.instance_id and t.status = 'open' and t.name is not distinct from new.task_name order by t.created_at desc limit 1;",
    `${insertNotified} select gen_random_uuid(), u.username, new.reason,`,
    "case new.reason when 'pengingat' then 'Pengingat: ' when 'terlambat' then 'Terlambat: ' else new.reason || ': ' end",
    `|| coalesce(new.task_name, 'tugas') || ${about('new.business_key')},`,
    "case when new.reason = 'pengingat' and task_ref is not null then '#/tugas/' || task_ref else '#/riwayat/' || new.instance_id end,",
    'new.created_at, new.instance_id, task_ref, new.id,',
    "jsonb_strip_nulls(jsonb_build_object('task', new.task_name, 'trackingId', new.business_key, 'reason', new.reason))",
    'from users u where u.active and (new.opd is null or u.opd = new.opd) and exists (select 1 from user_roles r where r.user_id = u.id and r.role = new.role);',
    'return null;',
    'end',
  );
  const forwarded = line(
    'begin',
    `${insert} select gen_random_uuid(), u.username, 'diteruskan-ombudsman', 'Diteruskan ke Ombudsman RI: ' || new.tracking_id || ' ' || chr(8212) || ' ' || new.subject,`,
    "'#/riwayat?trackingId=' || new.tracking_id, coalesce(new.forwarded_at, now()), null, null,",
    "jsonb_strip_nulls(jsonb_build_object('trackingId', new.tracking_id, 'subject', new.subject))",
    'from users u where u.active and exists (select 1 from user_roles r join inbox_event_roles e on e.role = r.role',
    "where r.user_id = u.id and e.event = 'diteruskan-ombudsman');",
    'return null;',
    'end',
  );
  return `
create table role_catalogue (id text primary key, opd_bound boolean not null);
create table inbox_event_roles (event text not null, role text not null, primary key (event, role));
insert into inbox_event_roles (event, role) values ('diteruskan-ombudsman', 'admin-utama');
alter table inbox_items add column params jsonb not null default '{}';
${groupsOf};
${offeredTo};
create or replace function inbox_task_created() returns trigger language plpgsql as $$ ${taskCreated} $$;
create or replace function inbox_notified() returns trigger language plpgsql as $$ ${notified} $$;
create or replace function inbox_forwarded() returns trigger language plpgsql as $$ ${forwarded} $$
`;
}

/**
 * The roles of src/domain/roles.ts as the database's `role_catalogue` (migration 18), upserted at
 * every start: a role added in code is known to user_groups_of without a migration of its own.
 */
async function syncRoleCatalogue(db: Pick<Database, 'query'>): Promise<void> {
  await db.query(
    `insert into role_catalogue (id, opd_bound) select * from unnest($1::text[], $2::boolean[])
     on conflict (id) do update set opd_bound = excluded.opd_bound where role_catalogue.opd_bound is distinct from excluded.opd_bound`,
    [roleIds, roleIds.map((r) => roles[r].opdBound)],
  );
}

/**
 * Migration 14: an unassigned open task is offered under one set of keys, `g:<group>` for each
 * candidate group and `u:<username>` for each candidate user (task_offer_keys), indexed by one
 * GIN index over exactly those tasks. The worklist's "offered to me" arm is then one overlap with
 * the user's keys (userTasks.offerKeys): with two array conditions joined by OR the planner had
 * no statistics for candidate users (nearly always empty), guessed hundreds of rows, and walked
 * every unassigned task in due order for an OPD officer offered a hundred of them. The planner
 * ignores the statistics of a partial index's expression, so a statistics object keeps the keys'
 * frequencies over all tasks (`g:kasi` common, `g:pejabat-penghubung:dinkes` rare), and another
 * tells it that the unassigned tasks are the open ones: a Kasi's thousands are then read in due
 * order, an OPD officer's hundred through the index.
 */
function offerKeys(): string {
  return [
    'create function task_offer_keys(groups text[], users text[]) returns text[] language plpgsql immutable parallel safe as $$ begin return array(select \'g:\' || g from unnest(groups) g) || array(select \'u:\' || u from unnest(users) u); end $$',
    "create index tasks_open_offer_keys on tasks using gin (task_offer_keys(candidate_groups, candidate_users)) where status = 'open' and assignee is null",
    'create statistics tasks_status_assignee (mcv) on status, assignee from tasks',
    'create statistics tasks_offer_keys on (task_offer_keys(candidate_groups, candidate_users)) from tasks',
    'analyze tasks',
  ].join(';\n');
}

/**
 * Migration 16: one outbox for every mail (src/notify/mailDispatcher.ts sends it) and each user's
 * notification preferences. The rules live here, once, in the database, so a mail request commits
 * with its cause whatever path wrote it:
 * - `notification_kinds` holds each inbox kind's default (mail at once, `segera`, for all but a task
 *   newly claimable, which goes to the daily digest, `ringkasan`) and whether the user may hide it
 *   from the in-app inbox (only `tugas-tersedia`); `notification_preferences` a user's own choices;
 * - a BEFORE INSERT trigger on inbox_items turns every item into that user's mail (state `pending`,
 *   or `digest` to wait for the 07:30 digest, or none when off) and drops the item itself when the
 *   user hid its kind from the inbox. The late/reminder requests of migration 4 reach their
 *   recipients this way (one inbox item, so one mail, per user of the role): the dispatcher no
 *   longer mails `notifications` by role, and the requests still pending move here. Each item (and
 *   so each mail) of a request carries its id, for the audit's "sent" of the request;
 * - the reporter (an e-mail address as contact, not anonymous: reporter_mail_address) is mailed
 *   when the complaint record (migration 7) is first answered or closed, by a trigger on it. The
 *   receipt is written by intake (src/domain/reporterMail.ts) because only it knows the reply code.
 * Event mails carry no body until sent: src/notify/templates.ts words them from kind, subject, link
 * and `data`, with the absolute link of PUBLIC_URL (config, not the database), and stores the text
 * sent. `mail_digest_runs` has one row per digest slot: inserting it is what lets exactly one
 * process (and one run across restarts) write that morning's digests (src/notify/mailDigest.ts).
 */
function mailOutbox(): string {
  const line = (...parts: string[]) => parts.join(' ');
  const outboxColumns = 'id, kind, username, to_address, subject, link, data, created_at, state, confidential, inbox_item_id, instance_id, task_id, tracking_id';
  const deliver = line(
    'declare choice text; shown boolean;',
    'begin',
    'choice := notification_mail_choice(new.username, new.kind);',
    'shown := notification_in_app(new.username, new.kind);',
    "if choice <> 'mati' then",
    `insert into mail_outbox (${outboxColumns}, notification_id) select gen_random_uuid(), new.kind, u.username, u.email, new.title, new.link,`,
    "jsonb_build_object('name', u.display_name), new.created_at, case when choice = 'ringkasan' then 'digest' else 'pending' end, false,",
    'case when shown then new.id end, new.instance_id, new.task_id, null, new.notification_id',
    "from users u where u.username = new.username and u.active and u.email <> '';",
    'end if;',
    'if shown then return new; end if;',
    'return null;',
    'end',
  );
  const reporter = line(
    'declare address text; answer text;',
    'begin',
    'address := reporter_mail_address(new.anonim, new.reporter_contact);',
    'if address is null then return null; end if;',
    // Filling the record of a complaint entered before migration 7 (src/domain/complaintBackfill.ts)
    // dates what happened long ago: nothing new to tell the reporter.
    'if exists (select 1 from complaint_backfill b where b.tracking_id = new.tracking_id) then return null; end if;',
    'if old.answered_at is null and new.answered_at is not null then',
    // The answer of the chain's latest instance that has one: the step that just answered.
    "select i.variables->>'jawaban' into answer from process_instances i where i.business_key = new.tracking_id and coalesce(i.variables->>'jawaban', '') <> '' order by i.started_at desc limit 1;",
    `insert into mail_outbox (${outboxColumns}) values (gen_random_uuid(), 'pelapor-jawaban', null, address, 'Jawaban atas pengaduan Anda ' || new.tracking_id,`,
    "'#/lacak?id=' || new.tracking_id, jsonb_build_object('trackingId', new.tracking_id, 'subject', new.subject, 'name', new.reporter_name, 'answer', answer),",
    "new.answered_at, 'pending', new.rahasia, null, null, null, new.tracking_id);",
    'end if;',
    'if old.closed_at is null and new.closed_at is not null then',
    `insert into mail_outbox (${outboxColumns}) values (gen_random_uuid(), 'pelapor-selesai', null, address,`,
    "'Pengaduan ' || new.tracking_id || case new.status when 'tidak-ditindaklanjuti' then ' tidak ditindaklanjuti' when 'diteruskan-ombudsman' then ' diteruskan ke Ombudsman RI' else ' telah selesai' end,",
    "'#/lacak?id=' || new.tracking_id, jsonb_build_object('trackingId', new.tracking_id, 'subject', new.subject, 'name', new.reporter_name, 'status', new.status),",
    "new.closed_at, 'pending', new.rahasia, null, null, null, new.tracking_id);",
    'end if;',
    'return null;',
    'end',
  );
  return `
create table notification_kinds (
  kind            text primary key,
  position        int not null,
  default_mail    text not null check (default_mail in ('segera','ringkasan','mati')),
  in_app_optional boolean not null default false
);
insert into notification_kinds (kind, position, default_mail, in_app_optional) values
  ('tugas-ditugaskan', 1, 'segera', false),
  ('tugas-tersedia', 2, 'ringkasan', true),
  ('pengingat', 3, 'segera', false),
  ('terlambat', 4, 'segera', false),
  ('diteruskan-ombudsman', 5, 'segera', false);
create table notification_preferences (
  username text not null,
  kind     text not null references notification_kinds(kind),
  mail     text not null check (mail in ('segera','ringkasan','mati')),
  in_app   boolean not null default true,
  primary key (username, kind)
);
create table mail_outbox (
  id            uuid primary key,
  seq           bigserial not null,
  kind          text not null,
  username      text,
  to_address    text not null,
  subject       text not null,
  body          text,
  link          text,
  data          jsonb not null default '{}',
  confidential  boolean not null default false,
  created_at    timestamptz not null,
  state         text not null default 'pending' check (state in ('pending','sent','failed','digest','digested')),
  attempts      int not null default 0,
  last_error    text,
  sent_at       timestamptz,
  locked_until  timestamptz,
  inbox_item_id uuid,
  instance_id   uuid,
  task_id       uuid,
  tracking_id   text,
  notification_id uuid,
  digest_id     uuid
);
create index mail_outbox_pending on mail_outbox (created_at, seq) where state = 'pending';
create index mail_outbox_digest on mail_outbox (username, created_at) where state = 'digest';
create index mail_outbox_recent on mail_outbox (created_at desc, seq desc);
create index mail_outbox_state_recent on mail_outbox (state, created_at desc, seq desc);
create index mail_outbox_notification on mail_outbox (notification_id) where notification_id is not null;
alter table inbox_items add column notification_id uuid;
create or replace function inbox_notified() returns trigger language plpgsql as $$ ${inboxNotifiedBody(true)} $$;
create table mail_digest_runs (
  slot   timestamptz primary key,
  ran_at timestamptz not null,
  mails  int not null
);
create function notification_mail_choice(who text, what text) returns text language sql stable as $$ select coalesce((select p.mail from notification_preferences p where p.username = who and p.kind = what), (select k.default_mail from notification_kinds k where k.kind = what), 'segera') $$;
create function notification_in_app(who text, what text) returns boolean language sql stable as $$ select coalesce((select p.in_app from notification_preferences p join notification_kinds k on k.kind = p.kind where p.username = who and p.kind = what and k.in_app_optional), true) $$;
create function reporter_mail_address(anonim boolean, contact text) returns text language sql immutable as $$ select case when not anonim and btrim(contact) ~* '^[^@[:space:]]+@[^@[:space:]]+[.][^@[:space:]]+$' then btrim(contact) end $$;
create function inbox_item_deliver() returns trigger language plpgsql as $$ ${deliver} $$;
create trigger inbox_item_deliver before insert on inbox_items for each row execute function inbox_item_deliver();
create function reporter_mail_on_change() returns trigger language plpgsql as $$ ${reporter} $$;
create trigger reporter_mail_on_change after update of answered_at, closed_at on complaints for each row when ((old.answered_at is null and new.answered_at is not null) or (old.closed_at is null and new.closed_at is not null)) execute function reporter_mail_on_change();
insert into mail_outbox (${outboxColumns}, notification_id)
  select gen_random_uuid(), n.reason, u.username, u.email,
         case n.reason when 'pengingat' then 'Pengingat: ' when 'terlambat' then 'Terlambat: ' else n.reason || ': ' end || coalesce(n.task_name, 'tugas') || coalesce(' (' || n.business_key || ')', ''),
         '#/riwayat/' || n.instance_id, jsonb_build_object('name', u.display_name), n.created_at, 'pending', false, null, n.instance_id, null, null, n.id
    from notifications n join users u on u.active and (n.opd is null or u.opd = n.opd)
   where n.sent_at is null and u.email <> '' and exists (select 1 from user_roles r where r.user_id = u.id and r.role = n.role)
`;
}

/**
 * The body of inbox_notified (migration 13); migration 14 adds the request's id to each item
 * (`withRequestId`), so its mails can be traced back to the request (the audit's "sent").
 */
function inboxNotifiedBody(withRequestId: boolean): string {
  const line = (...parts: string[]) => parts.join(' ');
  const insert = `insert into inbox_items (id, username, kind, title, link, created_at, instance_id, task_id${withRequestId ? ', notification_id' : ''})`;
  const about = (key: string) => `coalesce(' (' || ${key} || ')', '')`;
  return line(
    'declare task_ref uuid;',
    'begin',
    // The task the request is about: its instance's open task of that name (the timer is on it).
    'select t.id into task_ref from tasks t where t.instance_id = new.instance_id and t.status = \'open\' and t.name is not distinct from new.task_name order by t.created_at desc limit 1;',
    `${insert} select gen_random_uuid(), u.username, new.reason,`,
    "case new.reason when 'pengingat' then 'Pengingat: ' when 'terlambat' then 'Terlambat: ' else new.reason || ': ' end",
    `|| coalesce(new.task_name, 'tugas') || ${about('new.business_key')},`,
    // A reminder goes to the task's own role, who can open it; a superior reads the instance.
    "case when new.reason = 'pengingat' and task_ref is not null then '#/tugas/' || task_ref else '#/riwayat/' || new.instance_id end,",
    `new.created_at, new.instance_id, task_ref${withRequestId ? ', new.id' : ''}`,
    'from users u where u.active and (new.opd is null or u.opd = new.opd) and exists (select 1 from user_roles r where r.user_id = u.id and r.role = new.role);',
    'return null;',
    'end',
  );
}

/** `through`: stop after that step (tests of a step's data migration put rows in before it runs). */
export async function migrate(db: Database, through = Infinity): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock(48151623)');
    await tx.query(
      'create table if not exists schema_migrations (id int primary key, name text not null, applied_at timestamptz not null default now())',
    );
    const { rows } = await tx.query<{ id: number }>('select id from schema_migrations');
    const applied = new Set(rows.map((r) => r.id));
    for (const step of steps) {
      if (applied.has(step.id) || step.id > through) continue;
      for (const statement of step.sql.split(/;\s*\n/).map((s) => s.trim()).filter(Boolean)) {
        await tx.query(statement);
      }
      if (step.after) await step.after(tx);
      await tx.query('insert into schema_migrations (id, name) values ($1, $2)', [step.id, step.name]);
    }
    if (applied.has(ROLE_CATALOGUE_MIGRATION) || through >= ROLE_CATALOGUE_MIGRATION) await syncRoleCatalogue(tx);
  });
}

/**
 * Migration 9: the dashboard's tasks past due, by OPD and by role, as a maintained aggregate.
 * Each open task carries the OPD it waits in (`tasks.opd`: the OPD its candidate group names,
 * `role:OPD`, else its complaint's current OPD, kept when that changes, else its instance's `opd`
 * when it was created). `task_due_counts` holds the open tasks with a due date per OPD ('' for
 * none), role ('' for the task itself, else each role of its candidate groups) and UTC day of their
 * due date; rows that reach 0 are removed, so it holds only the days that still have open work.
 * "Past due now" is the sum of the days before today plus today's tasks read through the open
 * due-date index: neither grows with the years of tasks behind them.
 */
function openTaskDueCounts(): string {
  const line = (...parts: string[]) => parts.join(' ');
  const opdOf = 'task_opd_of(t.candidate_groups, t.instance_id)';
  // The rows a statement added (+1) or removed (-1), per key, netted.
  const delta = (...sources: string[]) =>
    line(
      'with d as (select coalesce(x.opd, \'\') as opd, r.role, floor(extract(epoch from x.due_at) / 86400)::int as due_day, sum(x.sign)::int as n',
      `from (${sources.join(' union all ')}) x`,
      "cross join lateral (select '' as role union select split_part(g, ':', 1) from unnest(x.candidate_groups) g) r",
      'group by 1, 2, 3 having sum(x.sign) <> 0)',
      // In key order, so two commits touching the same keys take their row locks in the same order.
      'insert into task_due_counts as k (opd, role, due_day, n) select opd, role, due_day, n from d order by 1, 2, 3',
      'on conflict (opd, role, due_day) do update set n = k.n + excluded.n;',
      'delete from task_due_counts where n = 0;',
    );
  const rows = (table: string, sign: number) => `select opd, candidate_groups, due_at, ${sign} as sign from ${table} where status = 'open' and due_at is not null`;
  const trigger = (name: string, event: string, referencing: string, body: string) => [
    `create function ${name}() returns trigger language plpgsql as $$ begin ${body} return null; end $$`,
    `create trigger ${name} after ${event} on tasks referencing ${referencing} for each statement execute function ${name}()`,
  ];
  return [
    // Migration 7's trigger looked for late completions per complaint in the whole statement's
    // rows: fine for a step's few tasks, quadratic for this migration's update of every open task.
    // Grouped once per complaint, the same answer.
    line(
      'create or replace function complaint_tasks_changed() returns trigger language plpgsql as $$ begin',
      "with affected as (select i.business_key as k, coalesce(bool_or(n.status = 'completed' and n.ended_at > n.due_at), false) as late",
      'from changed_tasks n join process_instances i on i.id = n.instance_id where i.business_key is not null group by i.business_key),',
      "computed as (select a.k, (select min(t.due_at) from tasks t join process_instances i on i.id = t.instance_id where i.business_key = a.k and t.status = 'open') as due, a.late from affected a)",
      'update complaints c set next_due_at = x.due, completed_late = c.completed_late or x.late from computed x',
      'where c.tracking_id = x.k and (c.next_due_at is distinct from x.due or (x.late and not c.completed_late)); return null; end $$',
    ),
    'alter table tasks add column opd text',
    // Who is offered what among the open tasks only: the worklists' conditions (offeredSql).
    "create index tasks_open_candidate_groups on tasks using gin (candidate_groups) where status = 'open'",
    "create index tasks_open_candidate_users on tasks using gin (candidate_users) where status = 'open'",
    // Over every task ever, these led the planner to intersect a district's years of tasks with
    // the open ones; nothing else reads candidates but per instance (its unique index).
    'drop index tasks_candidate_groups',
    'drop index tasks_candidate_users',
    // A user's own open tasks in the worklist's order: the page's first arm reads them off in order.
    "create index tasks_open_assignee_due on tasks (assignee, due_at, created_at, id) where status = 'open'",
    'drop index tasks_assignee_open',
    // The recap's "late now": a period's complaints that still have open work, read off one
    // index (covering, so the heap is left alone) instead of intersecting the period with the
    // whole backlog past due.
    'create index complaints_open_work on complaints (district, created_at) include (next_due_at, completed_late, channel, status, current_opd, opd) where next_due_at is not null',
    line(
      'create function task_opd_of(groups text[], instance uuid) returns text language sql stable as $$',
      "select coalesce((select nullif(split_part(g, ':', 2), '') from unnest(groups) g where g like '%:%' limit 1),",
      "(select coalesce(c.current_opd, i.variables->>'opd') from process_instances i left join complaints c on c.tracking_id = i.business_key where i.id = instance)) $$",
    ),
    'create table task_due_counts (opd text not null, role text not null, due_day int not null, n int not null, primary key (opd, role, due_day))',
    'create index task_due_counts_zero on task_due_counts (opd) where n = 0',
    ...trigger('task_due_counts_inserted', 'insert', 'new table as new_rows', delta(rows('new_rows', 1))),
    ...trigger('task_due_counts_updated', 'update', 'old table as old_rows new table as new_rows', delta(rows('new_rows', 1), rows('old_rows', -1))),
    ...trigger('task_due_counts_deleted', 'delete', 'old table as old_rows', delta(rows('old_rows', -1))),
    // After the insert, when the instance and complaint rows of the same commit are in place.
    ...trigger('tasks_opd_fill', 'insert', 'new table as new_rows', `update tasks t set opd = ${opdOf} from new_rows n where t.id = n.id and t.opd is distinct from ${opdOf};`),
    `create function complaint_tasks_opd() returns trigger language plpgsql as $$ begin update tasks t set opd = ${opdOf} from process_instances i where i.business_key = new.tracking_id and t.instance_id = i.id and t.status = 'open' and t.opd is distinct from ${opdOf}; return null; end $$`,
    'create trigger complaint_tasks_opd after update of current_opd on complaints for each row when (old.current_opd is distinct from new.current_opd) execute function complaint_tasks_opd()',
    line(
      'create function task_due_counts_rebuild() returns void language sql as $$',
      `update tasks t set opd = ${opdOf} where t.status = 'open' and t.opd is distinct from ${opdOf};`,
      'delete from task_due_counts;',
      "insert into task_due_counts (opd, role, due_day, n) select coalesce(t.opd, ''), r.role, floor(extract(epoch from t.due_at) / 86400)::int, count(*) from tasks t",
      "cross join lateral (select '' as role union select split_part(g, ':', 1) from unnest(t.candidate_groups) g) r",
      "where t.status = 'open' and t.due_at is not null group by 1, 2, 3 $$",
    ),
    'select task_due_counts_rebuild()',
  ].join(';\n');
}

/** How many of this build's migrations the database has not applied (0: the schema is current). */
export async function pendingMigrations(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ id: number }>('select id from schema_migrations');
  const applied = new Set(rows.map((r) => r.id));
  return steps.filter((s) => !applied.has(s.id)).length;
}
