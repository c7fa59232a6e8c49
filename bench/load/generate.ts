import type { Client } from 'pg';
import { channels } from '../../src/contract/complaints';
import { DEMO_OPD } from '../../src/domain/demoUsers';
import { BUILD_TASK_PERFORMANCE } from '../../src/domain/taskPerformanceMigration';
import { msSince, now } from '../stats';

/**
 * Fills a freshly migrated database (the seven SOPs deployed, demo users and OPDs seeded) with
 * `size` complaints and their instance chains, tasks and history, set-based in SQL: one plan row per
 * complaint is computed from generate_series, and every table is loaded from the plan in one
 * statement each.
 *
 * Proportions, roughly: 75 % Kapuas (SOP 555/05), 25 % Kapuas Hulu; 56 % of all complaints also have
 * a called 555/01 (Kapuas), a few a 555/02 below it that forwarded them to the Ombudsman RI; the
 * newest 3 % still run (30 % diterima, 70 % diproses) with one open task each, about a third of
 * those past due; the rest ended (selesai 84 %, tidak ditindaklanjuti, diteruskan ke Ombudsman).
 * About 10 history rows per complaint. Generated instances have no jobs and a placeholder state that
 * no read recovers; ended ones are `completed`, so nothing resumes them.
 */
export interface GenerateOptions {
  size: number;
  /** The workflow clock's now: the newest complaint is entered the day before. */
  clockNow: Date;
  log: (message: string) => void;
}

export interface GenerateResult {
  seconds: number;
  steps: { step: string; seconds: number }[];
  rows: Record<string, number>;
  /** Columns of the complaint record (migration 'complaint record') that were present and filled. */
  recordColumns: string[];
  triggersDisabled: string[];
  rebuilt: string | null;
}

const YEARS_DAYS = 1826;

const TOPICS = [
  'Jalan rusak dan berlubang',
  'Pelayanan puskesmas lambat',
  'Lampu jalan padam',
  'Sampah menumpuk tidak diangkut',
  'Pengurusan KTP elektronik berlarut',
  'Air PDAM keruh',
  'Guru honorer belum menerima gaji',
  'Banjir karena drainase tersumbat',
  'Bantuan sosial tidak tepat sasaran',
  'Pungutan liar di sekolah',
  'Izin usaha tidak kunjung terbit',
  'Jembatan desa hampir roboh',
];
/** A word that appears in one subject in twelve: the search benchmark looks for it. */
export const SEARCH_WORD = 'puskesmas';

const PLACES_KAPUAS = ['Selat', 'Kapuas Hilir', 'Kapuas Murung', 'Basarang', 'Pulau Petak', 'Mantangai', 'Timpah', 'Kapuas Barat', 'Kapuas Timur', 'Kapuas Tengah'];
const PLACES_KAPUAS_HULU = ['Putussibau Utara', 'Putussibau Selatan', 'Embaloh Hilir', 'Bunut Hilir', 'Jongkong', 'Semitau', 'Badau', 'Batang Lupar'];
const SENTENCES = [
  'Sudah dilaporkan ke kelurahan tetapi belum ada tindak lanjut.',
  'Warga sekitar sangat dirugikan dan mohon segera diperbaiki.',
  'Kejadian ini sudah berlangsung lebih dari satu bulan.',
  'Petugas yang ditemui tidak memberi kepastian waktu.',
  'Mohon perhatian dinas terkait agar tidak terulang.',
  'Kami sudah menunggu sejak minggu lalu.',
];
const CATEGORIES = ['Infrastruktur', 'Kesehatan', 'Pendidikan', 'Administrasi Kependudukan', 'Lingkungan', 'Sosial', 'Perhubungan'];
const NAMES = ['Budi', 'Siti', 'Agus', 'Rina', 'Yusuf', 'Dewi', 'Hendra', 'Nur', 'Ahmad', 'Lestari', 'Rahmat', 'Sri'];

/** The complaint-record columns (migration 'complaint record'), each with its value from the plan row `p`. */
const RECORD_COLUMNS: Record<string, string> = {
  status: `case p.outcome when 'tidak' then 'tidak-ditindaklanjuti' when 'ombudsman' then 'diteruskan-ombudsman' else p.outcome end`,
  current_opd: 'p.chain_opd',
  worked_at: `case when p.outcome <> 'diterima' then p.t1_end end`,
  answered_at: 'p.answered_at',
  closed_at: 'case when not p.running then p.intake_end end',
  forwarded_at: `case when p.outcome = 'ombudsman' then p.tg_end end`,
  not_followed_up: `p.outcome = 'tidak'`,
  next_due_at: 'case when p.running then p.open_due end',
  completed_late: 'p.any_late',
};

const LOADED_TABLES = ['complaints', 'process_instances', 'tasks', 'history'];

export async function generate(c: Client, opts: GenerateOptions): Promise<GenerateResult> {
  const started = now();
  const steps: GenerateResult['steps'] = [];
  const step = async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
    const t = now();
    const r = await fn();
    const seconds = msSince(t) / 1000;
    steps.push({ step: name, seconds });
    opts.log(`  ${name}: ${seconds.toFixed(1)} s`);
    return r;
  };

  const { rows: defs } = await c.query<{ id: number; key: string; version: number }>(
    `select distinct on (key) id, key, version from process_definitions order by key, version desc`,
  );
  const def = (key: string) => {
    const d = defs.find((x) => x.key === key);
    if (!d) throw new Error(`SOP ${key} is not deployed: the load benchmark needs the real processes/ dir`);
    return d;
  };
  const [d05, d01, d02, dkh] = ['sop-555-05', 'sop-555-01', 'sop-555-02', 'sop-kapuas-hulu'].map(def);
  const { rows: opdRows } = await c.query<{ code: string; district: string }>(`select code, district from opds where active order by code`);
  const opdsOf = (district: string) => opdRows.filter((o) => o.district === district).map((o) => o.code);

  const { rows: cols } = await c.query<{ column_name: string }>(
    `select column_name from information_schema.columns where table_schema = current_schema() and table_name = 'complaints'`,
  );
  const present = new Set(cols.map((r) => r.column_name));
  const recordColumns = Object.keys(RECORD_COLUMNS).filter((col) => present.has(col));

  const hashChained = await historyHashChained(c);
  const clockDay = opts.clockNow.toISOString().slice(0, 10);
  await c.query('set statement_timeout = 0');
  await c.query(`set work_mem = '64MB'`);
  await c.query('select setseed(0.4242)');

  await step('plan', () =>
    c.query(
      `create unlogged table bench_plan as
  with r as (
    select n, random() as r_district, random() as r_outcome, random() as r_child, random() as r_opd, random() as r_chan,
           random() as r_anon, random() as r_rahasia, random() as r_copd, random() as r_l1, random() as r_l2, random() as r_l3,
           random() as r_d1, random() as r_d2, random() as r_d3, random() as r_due, random() as r_time, random() as r_w1,
           random() as r_w2, random() as r_w3, random() as r_cat, random() as r_claim
      from generate_series(1, $1::int) n
  ), b as (
    select r.*, case when r_district < 0.75 then 'kapuas' else 'kapuas-hulu' end as district,
           n > floor($1::int * 0.97) as running,
           ($2::date - ${YEARS_DAYS + 1} + floor(${YEARS_DAYS}.0 * (n - 1) / $1::int)::int) as day0
      from r
  ), d as (
    select b.*,
           case extract(isodow from day0) when 6 then day0 - 1 when 7 then day0 + 1 else day0 end as day,
           case when running then case when r_outcome < 0.3 then 'diterima' else 'diproses' end
                when r_outcome < 0.84 then 'selesai'
                when r_outcome < 0.97 or district = 'kapuas-hulu' then 'tidak'
                else 'ombudsman' end as outcome
      from b
  ), e as (
    select d.*,
           ((day + time '08:00' + make_interval(secs => floor(r_time * 8 * 3600))) at time zone 'Asia/Pontianak') as t0,
           district = 'kapuas' and case outcome when 'selesai' then r_child < 0.8 when 'tidak' then r_child < 0.5
             when 'ombudsman' then true when 'diproses' then r_child < 0.5 else false end as has_child,
           case when district = 'kapuas' then ($3::text[])[1 + floor(r_opd * cardinality($3::text[]))::int]
                else ($4::text[])[1 + floor(r_opd * cardinality($4::text[]))::int] end as opd,
           case when district = 'kapuas' then interval '1 day' else interval '7 hours 30 minutes' end as d1,
           case when district = 'kapuas' then interval '15 minutes' else interval '1 hour' end as d2,
           r_l1 < 0.10 as late1, r_l2 < 0.15 as late2, r_l3 < 0.20 as late3
      from d
  ), f as (
    select e.*,
           least(t0 + d1 * case when late1 then 1.2 + 2 * r_d1 else 0.05 + 0.9 * r_d1 end, t0 + ($5::timestamptz - t0) / 3) as t1_end,
           case when r_copd < 0.6 then opd end as c_opd
      from e
  ), g as (
    select f.*,
           least(t1_end + d2 * case when late2 then 1.2 + 3 * r_d2 else 0.1 + 0.8 * r_d2 end, t1_end + ($5::timestamptz - t1_end) / 3) as t2_end
      from f
  ), h as (
    select g.*,
           t2_end + interval '7 days' * case when late3 then 1.15 + 1.8 * r_d3 else 0.15 + 0.8 * r_d3 end as t3_end
      from g
  )
  select n, district, channel, anonim, rahasia, subject, description, location, category, running, outcome, has_child,
         outcome = 'ombudsman' as has_grand, opd, c_opd,
         case when has_child or (district = 'kapuas-hulu' and outcome <> 'diterima') then opd else c_opd end as chain_opd,
         t0, d1, d2, t1_end, t2_end, t3_end, tg_end, late1, late2, late3,
         case outcome when 'diterima' then false when 'diproses' then late1 or (has_child and late2)
              else late1 or late2 or (has_child and late3) end as any_late,
         case when outcome = 'selesai' then case when has_child then t3_end else t2_end end end as answered_at,
         case when running then null when outcome = 'ombudsman' then tg_end when has_child then t3_end else t2_end end as intake_end,
         case when outcome = 'diterima' then t0 when has_child then t2_end else t1_end end as open_created,
         greatest(case when outcome = 'diterima' then t0 when has_child then t2_end else t1_end end + interval '1 hour',
                  $5::timestamptz + make_interval(secs => (r_due * 10 - 3) * 86400)) as open_due,
         r_claim < 0.2 as claimed,
         case when district = 'kapuas' then ${d05.id} else ${dkh.id} end as intake_def,
         case when district = 'kapuas' then 'sop-555-05' else 'sop-kapuas-hulu' end as intake_key,
         case when district = 'kapuas' then ${d05.version} else ${dkh.version} end as intake_version,
         gen_random_uuid() as intake_id, gen_random_uuid() as child_id, gen_random_uuid() as grand_id,
         gen_random_uuid() as task1_id, gen_random_uuid() as task2_id, gen_random_uuid() as task3_id, gen_random_uuid() as task4_id,
         (case when district = 'kapuas' then 'KPS' else 'KPH' end) || '-' || yr || '-' ||
           lpad((row_number() over (partition by district, yr order by t0, n))::text, 6, '0') as tracking_id,
         yr
    from (
      select h.*, least(t3_end + interval '90 days', $5::timestamptz - interval '1 day') as tg_end,
             extract(year from t0 at time zone 'Asia/Pontianak')::int as yr,
             ($6::text[])[1 + floor(r_chan * cardinality($6::text[]))::int] as channel,
             r_anon < 0.1 as anonim, r_rahasia < 0.05 as rahasia,
             ($7::text[])[1 + floor(r_w1 * cardinality($7::text[]))::int] || ' di ' ||
               case when district = 'kapuas' then ($8::text[])[1 + floor(r_w2 * cardinality($8::text[]))::int]
                    else ($9::text[])[1 + floor(r_w2 * cardinality($9::text[]))::int] end as subject,
             ($10::text[])[1 + floor(r_w3 * cardinality($10::text[]))::int] as description,
             'Kecamatan ' || case when district = 'kapuas' then ($8::text[])[1 + floor(r_w2 * cardinality($8::text[]))::int]
                    else ($9::text[])[1 + floor(r_w2 * cardinality($9::text[]))::int] end as location,
             case when r_cat < 0.3 then null else ($11::text[])[1 + floor(r_cat * cardinality($11::text[]))::int] end as category
        from h
    ) x
   order by n`,
      [
        opts.size,
        clockDay,
        opdsOf('kapuas'),
        opdsOf('kapuas-hulu'),
        opts.clockNow.toISOString(),
        [...channels],
        TOPICS,
        PLACES_KAPUAS,
        PLACES_KAPUAS_HULU,
        SENTENCES,
        CATEGORIES,
      ],
    ),
  );

  const triggersDisabled = await disableUserTriggers(c, recordColumns, hashChained);

  const record = recordColumns.map((col) => `, ${col}`).join('');
  const recordValues = recordColumns.map((col) => `, ${RECORD_COLUMNS[col]}`).join('');
  await step('complaints', () =>
    c.query(
      `insert into complaints (tracking_id, district, channel, anonim, rahasia, reporter_name, reporter_contact, subject, description,
                               location, category, opd, created_by, created_at${record})
       select p.tracking_id, p.district, p.channel, p.anonim, p.rahasia,
              case when not p.anonim then ($1::text[])[1 + p.n % cardinality($1::text[])] || ' ' || p.n end,
              case when not p.anonim and p.n % 3 > 0 then '08' || lpad(((p.n::bigint * 7919) % 1000000000)::text, 10, '0') end,
              p.subject, 'Mohon ditindaklanjuti: ' || p.subject || '. ' || p.description, p.location, p.category, p.c_opd,
              'admin-utama', p.t0${recordValues}
         from bench_plan p order by p.n`,
      [NAMES],
    ),
  );
  await step('complaint counters', () =>
    c.query(
      `insert into complaint_counters (district, year, last)
       select district, yr, count(*) from bench_plan group by district, yr
       on conflict (district, year) do update set last = greatest(complaint_counters.last, excluded.last)`,
    ),
  );

  const vars = (extra: string) => `jsonb_build_object('trackingId', p.tracking_id, 'district', p.district, 'channel', p.channel, ${extra})`;
  await step('process instances', () =>
    c.query(
      `insert into process_instances (id, definition_id, key, version, business_key, status, state, variables, active_elements, rev,
                                      started_by, started_at, ended_at, parent_id, parent_execution_id)
       select v.id, v.def, v.key, v.version, p.tracking_id, case when v.ended is null then 'running' else 'completed' end,
              '{"bench":"generated; never recovered"}'::jsonb, v.vars, v.active, v.rev, v.started_by, v.started, v.ended, v.parent, v.parent_exec
         from bench_plan p cross join lateral (values
           (p.intake_id, p.intake_def, p.intake_key, p.intake_version, p.t0, p.intake_end, null::uuid, null::text, 'admin-utama',
            ${vars(`'opd', p.chain_opd, 'subject', p.subject, 'category', p.category, 'sudahDitindaklanjuti', false,
                    'jawaban', case when p.outcome = 'selesai' and not p.has_child then 'Laporan sudah ditindaklanjuti oleh ' || p.opd end`)},
            case when not p.running then '{}'::text[] when p.has_child then '{Call_Pengaduan}'
                 when p.outcome = 'diterima' then '{Task_Verifikasi}' when p.district = 'kapuas' then '{Task_Memastikan}' else '{Task_Penyampaian}' end,
            case when p.has_child then 5 else 3 end, true),
           (p.child_id, ${d01.id}, 'sop-555-01', ${d01.version}, p.t2_end, case when not p.running then p.intake_end end, p.intake_id,
            'Call_Pengaduan_bench', 'admin-utama',
            ${vars(`'opd', p.opd, 'jawaban', case when p.outcome = 'selesai' then 'Laporan sudah ditindaklanjuti oleh ' || p.opd end`)},
            case when p.running then '{Task_KonfirmasiKlarifikasi}'::text[] else '{}' end, 3, p.has_child),
           (p.grand_id, ${d02.id}, 'sop-555-02', ${d02.version}, p.t3_end, p.tg_end, p.child_id, 'Call_TindakLanjut_bench', 'admin-utama',
            ${vars(`'opd', p.opd`)}, '{}'::text[], 3, p.has_grand)
         ) v(id, def, key, version, started, ended, parent, parent_exec, started_by, vars, active, rev, keep)
        where v.keep
        order by p.n`,
    ),
  );

  await step('tasks', () =>
    c.query(
      `insert into tasks (id, instance_id, execution_id, element_id, name, assignee, candidate_groups, due_at, status, rev, created_at, ended_at, ended_by,
                          opd, work_ms, allowed_ms, wait_ms)
       select v.id, v.instance_id, v.element_id || '_bench', v.element_id, v.name,
              case when v.ended is not null or p.claimed then v.person end, v.groups, v.due,
              case when v.ended is null then 'open' else 'completed' end, case when v.ended is null then 1 else 3 end,
              v.created, v.ended, case when v.ended is not null then v.person end, nullif(split_part(v.groups[1], ':', 2), ''),
              -- Kinerja SOP's durations (wall-clock here: the bench needs the aggregate's rows, not its working hours).
              case when v.ended is not null then (extract(epoch from v.ended - v.created) * 1000)::bigint end,
              case when v.ended is not null then (extract(epoch from v.due - v.created) * 1000)::bigint end,
              case when v.ended is not null then 0 end
         from bench_plan p cross join lateral (values
           (p.task1_id, p.intake_id, 'Task_Verifikasi',
            case when p.district = 'kapuas' then 'Laporan Diverifikasi oleh Admin Utama' else 'Verifikasi Laporan Masyarakat oleh Admin Utama' end,
            'admin-utama', '{admin-utama}'::text[], p.t0,
            case when p.outcome = 'diterima' then p.open_due else p.t0 + p.d1 end,
            case when p.outcome <> 'diterima' then p.t1_end end, true),
           (p.task2_id, p.intake_id, case when p.district = 'kapuas' then 'Task_Memastikan' else 'Task_Penyampaian' end,
            case when p.district = 'kapuas' then 'Memastikan Laporan Lengkap dan Arahan Disposisi ke SKPD' else 'Penyampaian Daftar Verifikasi Laporan kepada Pimpinan' end,
            'kasi', '{kasi}'::text[], p.t1_end,
            case when p.outcome = 'diproses' and not p.has_child then p.open_due else p.t1_end + p.d2 end,
            case when not (p.outcome = 'diproses' and not p.has_child) then p.t2_end end, p.outcome <> 'diterima'),
           (p.task3_id, p.child_id, 'Task_KonfirmasiKlarifikasi', 'Mengkonfirmasi dan Mengklarifikasi Laporan dan Kelengkapan Data',
            -- Claimed by the OPD's own officer: the demo user where the OPD is the demo's, a colleague elsewhere.
            case when p.opd = '${DEMO_OPD}' then 'pejabat-penghubung' else 'pejabat-penghubung.' || p.opd end,
            array['pejabat-penghubung:' || p.opd], p.t2_end,
            case when p.running then p.open_due else p.t2_end + interval '7 days' end,
            case when not p.running then p.t3_end end, p.has_child),
           (p.task4_id, p.grand_id, 'Task_PenyaluranPengaduan', 'Penyaluran Pengaduan', 'admin-utama', '{admin-utama}'::text[], p.t3_end,
            p.t3_end + interval '3 days', p.t3_end + interval '1 day', p.has_grand)
         ) v(id, instance_id, element_id, name, person, groups, created, due, ended, keep)
        where v.keep
        order by p.n`,
    ),
  );

  await step('task performance aggregate', () => c.query(BUILD_TASK_PERFORMANCE));

  // In each complaint's order of events, so history ids run with time as the engine writes them.
  const historyRows = `select v.instance_id, v.type, v.element_id, v.at, v.actor, v.data
         from bench_plan p cross join lateral (values
           (1, p.intake_id, 'instance-started', null, p.t0, 'admin-utama',
            jsonb_build_object('key', p.intake_key, 'version', p.intake_version, 'businessKey', p.tracking_id, 'parentId', null), true),
           (2, p.intake_id, 'task-created', 'Task_Verifikasi', p.t0, null,
            jsonb_build_object('taskId', p.task1_id, 'candidateGroups', array['admin-utama']), true),
           (3, p.intake_id, 'task-completed', 'Task_Verifikasi', p.t1_end, 'admin-utama',
            jsonb_build_object('taskId', p.task1_id, 'variables', jsonb_build_object('lengkap', true)), p.outcome <> 'diterima'),
           (4, p.intake_id, 'task-created', case when p.district = 'kapuas' then 'Task_Memastikan' else 'Task_Penyampaian' end, p.t1_end, null,
            jsonb_build_object('taskId', p.task2_id, 'candidateGroups', array['kasi']), p.outcome <> 'diterima'),
           (5, p.intake_id, 'task-completed', case when p.district = 'kapuas' then 'Task_Memastikan' else 'Task_Penyampaian' end, p.t2_end, 'kasi',
            jsonb_build_object('taskId', p.task2_id, 'variables',
              case when p.outcome = 'selesai' and not p.has_child then jsonb_build_object('jawaban', 'Laporan sudah ditindaklanjuti oleh ' || p.opd)
                   else jsonb_build_object('opd', p.opd) end),
            p.outcome not in ('diterima', 'diproses') or (p.outcome = 'diproses' and p.has_child)),
           (6, p.child_id, 'instance-started', null, p.t2_end, 'admin-utama',
            jsonb_build_object('key', 'sop-555-01', 'version', ${d01.version}, 'businessKey', p.tracking_id, 'parentId', p.intake_id), p.has_child),
           (7, p.child_id, 'task-created', 'Task_KonfirmasiKlarifikasi', p.t2_end, null,
            jsonb_build_object('taskId', p.task3_id, 'candidateGroups', array['pejabat-penghubung:' || p.opd]), p.has_child),
           (8, p.child_id, 'task-completed', 'Task_KonfirmasiKlarifikasi', p.t3_end, 'pejabat-penghubung',
            jsonb_build_object('taskId', p.task3_id, 'variables',
              case when p.outcome = 'selesai' then jsonb_build_object('jawaban', 'Laporan sudah ditindaklanjuti oleh ' || p.opd)
                   else jsonb_build_object('lengkap', p.outcome <> 'tidak') end),
            p.has_child and not p.running),
           (9, p.grand_id, 'instance-started', null, p.t3_end, 'pejabat-penghubung',
            jsonb_build_object('key', 'sop-555-02', 'version', ${d02.version}, 'businessKey', p.tracking_id, 'parentId', p.child_id), p.has_grand),
           (10, p.grand_id, 'task-created', 'Task_PenyaluranPengaduan', p.t3_end, null,
            jsonb_build_object('taskId', p.task4_id, 'candidateGroups', array['admin-utama']), p.has_grand),
           (11, p.grand_id, 'task-completed', 'Task_PenyaluranPengaduan', p.t3_end + interval '1 day', 'admin-utama',
            jsonb_build_object('taskId', p.task4_id, 'variables', '{}'::jsonb), p.has_grand),
           (12, p.grand_id, 'element-entered', 'Task_Ombudsman', p.tg_end, null, '{}'::jsonb, p.has_grand),
           (13, p.grand_id, 'element-entered', 'End_Ombudsman', p.tg_end, null, '{}'::jsonb, p.has_grand),
           (14, p.grand_id, 'instance-completed', null, p.tg_end, null, '{}'::jsonb, p.has_grand),
           (15, p.child_id, 'element-entered', case when p.outcome = 'tidak' then 'End_TidakDitindaklanjuti' else 'End_Ditindaklanjuti' end,
            p.intake_end, null, '{}'::jsonb, p.has_child and not p.running),
           (16, p.child_id, 'instance-completed', null, p.intake_end, null, '{}'::jsonb, p.has_child and not p.running),
           (17, p.intake_id, 'element-entered',
            case when p.district = 'kapuas-hulu' then case when p.outcome = 'tidak' then 'End_TidakDiteruskan' else 'End_JawabanDiterima' end
                 when p.has_child then 'End_Ditangani' when p.outcome = 'tidak' then 'End_TidakLengkap' else 'End_JawabanTerinput' end,
            p.intake_end, null, '{}'::jsonb, not p.running),
           (18, p.intake_id, 'instance-completed', null, p.intake_end, null, '{}'::jsonb, not p.running)
         ) v(seq, instance_id, type, element_id, at, actor, data, keep)
        where v.keep
        order by p.n, v.seq`;
  await step('history', () =>
    c.query(
      hashChained
        ? // Ids drawn in that order, then each instance's chain of hashes as migration 8 computes it for existing rows.
          `insert into history (id, instance_id, type, element_id, at, actor, data, hash)
           select id, instance_id, type, element_id, at, actor, data,
                  history_chain(id, instance_id, type, element_id, at, actor, data) over (partition by instance_id order by id)
             from (select nextval(pg_get_serial_sequence('history', 'id')) as id, h.* from (${historyRows}) h) x`
        : `insert into history (instance_id, type, element_id, at, actor, data) ${historyRows}`,
    ),
  );

  await enableUserTriggers(c, triggersDisabled);
  // Statistics first: the rebuilds' per-complaint lookups would be planned for the empty tables
  // the load began with (a database the app has run on has them).
  await step('analyze', () => c.query('analyze'));
  const rebuilt = await step('rebuild aggregates', () => rebuildAggregates(c));
  await step('drop plan', () => c.query('drop table bench_plan'));
  // As autovacuum would have by then: statistics, and the visibility map that index-only scans need.
  await step('vacuum analyze', () => c.query('vacuum (analyze)'));

  const rows: Record<string, number> = {};
  for (const table of LOADED_TABLES) {
    const { rows: r } = await c.query<{ n: string }>(`select count(*) as n from ${table}`);
    rows[table] = Number(r[0].n);
  }
  const { rows: open } = await c.query<{ open: string; overdue: string }>(
    `select count(*) filter (where status = 'open') as open, count(*) filter (where status = 'open' and due_at < $1) as overdue from tasks`,
    [opts.clockNow.toISOString()],
  );
  rows['open tasks'] = Number(open[0].open);
  rows['open tasks past due'] = Number(open[0].overdue);
  const { rows: jobs } = await c.query<{ n: string }>('select count(*) as n from jobs');
  const { rows: aggregate } = await c.query<{ n: string | null }>(
    `select case when to_regclass('complaint_month_counts') is not null then (select count(*) from complaint_month_counts) end as n`,
  ).catch(() => ({ rows: [{ n: null }] }));
  if (aggregate[0].n !== null) rows.complaint_month_counts = Number(aggregate[0].n);
  if (recordColumns.includes('next_due_at') && recordColumns.includes('completed_late')) {
    rows['record mismatches in a 1 % sample (want 0)'] = await recordMismatches(c);
  }
  rows['jobs (start timers of the SOPs; none generated)'] = Number(jobs[0].n);
  return { seconds: msSince(started) / 1000, steps, rows, recordColumns, triggersDisabled, rebuilt };
}

/**
 * Triggers are switched off only where what they maintain is restored afterwards: the complaint
 * month counts and totals by `complaint_counts_rebuild()`, the open tasks' OPD and counts per due
 * day by `task_due_counts_rebuild()`, and the complaint's `next_due_at` and
 * `completed_late` (kept by triggers on tasks) and the history's hash chain by this generator,
 * which writes them itself. Any other trigger stays on and does its per-row work, so the loaded
 * rows are what the app would have written.
 */
async function disableUserTriggers(c: Client, recordColumns: string[], hashChained: boolean): Promise<string[]> {
  const { rows } = await c.query<{ table: string }>(
    `select distinct cl.relname as table from pg_trigger t join pg_class cl on cl.oid = t.tgrelid
      where not t.tgisinternal and cl.relname = any($1::text[]) and cl.relnamespace = current_schema()::regnamespace`,
    [LOADED_TABLES],
  );
  const restored = async (table: string) => {
    const rebuilds = await rebuildFunctions(c);
    if (table === 'complaints') return rebuilds.includes('complaint_counts_rebuild');
    // The tasks' OPD and the counts per due day (migration 9) come back by their rebuild.
    if (table === 'tasks') return recordColumns.includes('next_due_at') && recordColumns.includes('completed_late') && rebuilds.includes('task_due_counts_rebuild');
    if (table === 'history') return hashChained;
    return false;
  };
  const off: string[] = [];
  for (const r of rows) {
    if (!(await restored(r.table))) continue;
    await c.query(`alter table ${r.table} disable trigger user`);
    off.push(r.table);
  }
  return off;
}

async function enableUserTriggers(c: Client, tables: string[]): Promise<void> {
  for (const t of tables) await c.query(`alter table ${t} enable trigger user`);
}

/**
 * History rows are hash-chained per instance (migration 8): its per-row trigger takes an advisory
 * lock per chain, which one bulk statement over a million chains cannot hold, so the generator
 * writes the hashes itself, set-based, with the migration's own aggregate.
 */
async function historyHashChained(c: Client): Promise<boolean> {
  const { rows } = await c.query<{ ok: boolean }>(
    `select exists (select 1 from information_schema.columns where table_schema = current_schema() and table_name = 'history' and column_name = 'hash')
        and exists (select 1 from pg_proc where proname = 'history_chain' and pronamespace = current_schema()::regnamespace) as ok`,
  );
  return rows[0].ok;
}

/** The schema's rebuild functions of what triggers maintain: complaint counts (migration 7), open tasks per due day (9). */
const REBUILDS = ['complaint_counts_rebuild', 'task_due_counts_rebuild'];

async function rebuildFunctions(c: Client): Promise<string[]> {
  const { rows } = await c.query<{ proname: string }>(
    `select proname from pg_proc where proname = any($1::text[]) and pronamespace = current_schema()::regnamespace`,
    [REBUILDS],
  );
  return REBUILDS.filter((f) => rows.some((r) => r.proname === f));
}

/** Calls the aggregates' rebuild functions the schema has; null when it has none. */
async function rebuildAggregates(c: Client): Promise<string | null> {
  const fns = await rebuildFunctions(c);
  for (const fn of fns) await c.query(`select ${fn}()`);
  return fns.length ? fns.map((f) => `${f}()`).join(', ') : null;
}

/**
 * On a 1 % sample, the complaints whose stored next due time or lateness disagrees with their
 * chain's tasks (what the triggers on tasks would have written): 0 when the generator is right.
 */
async function recordMismatches(c: Client): Promise<number> {
  const { rows } = await c.query<{ n: string }>(
    `select count(*) as n from (select * from complaints tablesample bernoulli (1) repeatable (7)) c
      where c.next_due_at is distinct from (select min(t.due_at) from tasks t join process_instances i on i.id = t.instance_id
                                              where i.business_key = c.tracking_id and t.status = 'open')
         or c.completed_late <> exists (select 1 from tasks t join process_instances i on i.id = t.instance_id
                                         where i.business_key = c.tracking_id and t.status = 'completed' and t.ended_at > t.due_at)`,
  );
  return Number(rows[0].n);
}
