import { randomUUID } from 'node:crypto';
import type { Database } from '../../src/db/database';
import { migrate } from '../../src/db/migrations';
import { openPglite } from '../../src/db/pgliteDatabase';
import { openPostgres } from '../../src/db/postgresDatabase';
import { backends, freshPostgresDatabase } from '../support/testSystem';

jest.setTimeout(60_000);

/**
 * Migration 16 folds the late/reminder requests still waiting for the old role mail into the mail
 * outbox: each active user of the role (and OPD) gets one pending mail, traced to the request, and
 * the old dispatcher's table is left as the record of the request. A request already mailed is not
 * mailed again.
 */
describe.each(backends)('migration 16 on existing requests (%s)', (backend) => {
  let db: Database;
  let drop: () => Promise<void> = async () => undefined;

  beforeAll(async () => {
    if (backend === 'postgres') {
      const pg = await freshPostgresDatabase();
      drop = pg.drop;
      db = await openPostgres(pg.url);
    } else {
      db = await openPglite(undefined);
    }
  });
  afterAll(async () => {
    await db.close();
    await drop();
  });

  it('moves each pending request to one mail per recipient, once', async () => {
    await migrate(db, 15);
    const user = async (username: string, role: string, opd: string | null, active = true) => {
      const { rows } = await db.query<{ id: number }>(
        `insert into users (username, password_hash, email, display_name, opd, active) values ($1, 'x', $1 || '@kapuas.example', $1, $2, $3) returning id`,
        [username, opd, active],
      );
      await db.query('insert into user_roles (user_id, role) values ($1, $2)', [rows[0].id, role]);
    };
    await user('pimpinan.dinkes', 'pimpinan-opd', 'dinkes');
    await user('pimpinan.dinkes2', 'pimpinan-opd', 'dinkes');
    await user('pimpinan.disdik', 'pimpinan-opd', 'disdik');
    await user('pimpinan.lama', 'pimpinan-opd', 'dinkes', false);
    // The instance the requests are about (migration 13's inbox trigger links it).
    const instance = randomUUID();
    await db.query("insert into deployments (name, created_at) values ('uji.bpmn', now())");
    await db.query(
      "insert into process_definitions (key, version, xml, sha256, deployment_id, created_at) select 'uji', 1, '<x/>', 'x', id, now() from deployments",
    );
    await db.query(
      "insert into process_instances (id, definition_id, key, version, status, state, started_at) select $1, id, 'uji', 1, 'running', '{}', now() from process_definitions",
      [instance],
    );
    const pending = randomUUID();
    const mailed = randomUUID();
    const request = (id: string, sentAt: string | null) =>
      db.query(
        `insert into notifications (id, instance_id, element_id, role, opd, reason, task_name, business_key, created_at, sent_at)
         values ($1, $3, 'beritahu', 'pimpinan-opd', 'dinkes', 'terlambat', 'Verifikasi Laporan', 'KPS-2026-000009', '2026-11-17T01:00:00Z', $2)`,
        [id, sentAt, instance],
      );
    await request(pending, null);
    await request(mailed, '2026-11-17T01:00:05Z');

    await migrate(db);
    const { rows } = await db.query<{ username: string; to_address: string; subject: string; state: string; notification_id: string }>(
      'select username, to_address, subject, state, notification_id from mail_outbox order by username',
    );
    expect(rows).toEqual([
      { username: 'pimpinan.dinkes', to_address: 'pimpinan.dinkes@kapuas.example', subject: 'Terlambat: Verifikasi Laporan (KPS-2026-000009)', state: 'pending', notification_id: pending },
      { username: 'pimpinan.dinkes2', to_address: 'pimpinan.dinkes2@kapuas.example', subject: 'Terlambat: Verifikasi Laporan (KPS-2026-000009)', state: 'pending', notification_id: pending },
    ]);
    // Running the migrations again adds nothing.
    await migrate(db);
    expect((await db.query<{ n: number }>('select count(*)::int as n from mail_outbox')).rows[0].n).toBe(2);
  });
});
