import type { Queryable } from '../../db/database';

/** What a backup or restore reports, so the operator can compare both ends at a glance. */
export interface RowCounts {
  complaints: number | null;
  tasks: number | null;
  history: number | null;
}

const counted = ['complaints', 'tasks', 'history'] as const;

/**
 * Row counts of the tables that matter to a district (null: the table does not exist, e.g. an
 * empty database). count(*) is one aggregate per table; these run once per backup, not per request.
 */
export async function rowCounts(db: Queryable): Promise<RowCounts> {
  const out: RowCounts = { complaints: null, tasks: null, history: null };
  for (const table of counted) {
    const exists = await db.query<{ t: string | null }>('select to_regclass($1)::text as t', [`public.${table}`]);
    if (!exists.rows[0]?.t) continue;
    const r = await db.query<{ n: number }>(`select count(*)::int as n from public.${table}`);
    out[table] = r.rows[0].n;
  }
  return out;
}

export function describeCounts(c: RowCounts): string {
  return counted.map((t) => `${t} ${c[t] ?? '(no table)'}`).join(', ');
}
