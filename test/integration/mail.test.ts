import type { InboxPage } from '../../src/contract/inbox';
import type { NotificationPreference, OutboxMail, OutboxPage } from '../../src/contract/mail';
import { MailDigest } from '../../src/notify/mailDigest';
import { MailDispatcher } from '../../src/notify/mailDispatcher';
import { readMail, startSmtpSink, type SmtpSink } from '../support/smtpSink';
import { backends, signIn, startTestSystem, type TestSystem } from '../support/testSystem';
import { type Agent, closeTestSystem, completeComplaintTask, deployFixture, enterComplaint } from './helpers';

jest.setTimeout(180_000);

const PUBLIC_URL = 'https://lapor.kapuas.example';

/** A task assigned to kasi beside one offered to dinkes's liaison officers, with a reminder after 3 working days. */
const DIAGRAM = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d-mail" targetNamespace="http://example.org/test">
  <bpmn:process id="uji-surel" name="Uji Surel" isExecutable="true">
    <bpmn:extensionElements><camunda:properties><camunda:property name="calendar" value="hari-kerja"/></camunda:properties></bpmn:extensionElements>
    <bpmn:startEvent id="mulai"/>
    <bpmn:sequenceFlow id="f1" sourceRef="mulai" targetRef="bagi"/>
    <bpmn:parallelGateway id="bagi"/>
    <bpmn:sequenceFlow id="f2" sourceRef="bagi" targetRef="periksa"/>
    <bpmn:sequenceFlow id="f3" sourceRef="bagi" targetRef="telaah"/>
    <bpmn:userTask id="periksa" name="Periksa Berkas" camunda:assignee="kasi"/>
    <bpmn:sequenceFlow id="f4" sourceRef="periksa" targetRef="akhir1"/>
    <bpmn:endEvent id="akhir1"/>
    <bpmn:userTask id="telaah" name="Telaah Aduan" camunda:candidateGroups="pejabat-penghubung:\${opd}" camunda:dueDate="P5D"/>
    <bpmn:sequenceFlow id="f5" sourceRef="telaah" targetRef="akhir2"/>
    <bpmn:endEvent id="akhir2"/>
    <bpmn:boundaryEvent id="sudah3" name="Sudah 3 hari" attachedToRef="telaah" cancelActivity="false">
      <bpmn:timerEventDefinition><bpmn:timeDuration>P3D</bpmn:timeDuration></bpmn:timerEventDefinition>
    </bpmn:boundaryEvent>
    <bpmn:sequenceFlow id="f6" sourceRef="sudah3" targetRef="ingatkan"/>
    <bpmn:intermediateThrowEvent id="ingatkan" name="Ingatkan Pejabat Penghubung">
      <bpmn:extensionElements><camunda:properties>
        <camunda:property name="notify" value="pejabat-penghubung"/>
        <camunda:property name="reason" value="pengingat"/>
      </camunda:properties></bpmn:extensionElements>
    </bpmn:intermediateThrowEvent>
    <bpmn:sequenceFlow id="f7" sourceRef="ingatkan" targetRef="akhir3"/>
    <bpmn:endEvent id="akhir3"/>
  </bpmn:process>
</bpmn:definitions>`;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Mail (migration 16), through a real SMTP server on loopback: every inbox event becomes a mail to
 * its user per their preference (at once, in the 07:30 WIB digest of a working day, or none), the
 * reporter is mailed on receipt, answer and closure, SMTP down loses and doubles nothing, and
 * admin-sistem reads and resends the outbox.
 */
describe.each(backends)('mail (%s)', (backend) => {
  let t: TestSystem;
  let smtp: SmtpSink;
  const as: Record<string, Agent> = {};

  const mails = (to: string) => smtp.mails.filter((m) => m.to.includes(to)).map(readMail);
  const clock = async (at: string) => (await as.kasi.post('/api/_clock/set').send({ at: `${at}+07:00` }).expect(200)).body as { fired: number; mailed: number };
  const inboxTitles = async (who: string) => ((await as[who].get('/api/notifications?limit=100')).body as InboxPage).items.map((i) => i.title);
  const start = async (businessKey: string) => {
    const res = await as.kasi.post('/api/process-definitions/uji-surel/start').send({ businessKey, variables: { opd: 'dinkes' } });
    expect(res.status).toBe(201);
    const tasks = (await t.system.db.query<{ id: string; element_id: string }>('select id, element_id from tasks where instance_id = $1', [res.body.id])).rows;
    return { id: res.body.id as string, periksa: tasks.find((r) => r.element_id === 'periksa')!.id, telaah: tasks.find((r) => r.element_id === 'telaah')!.id };
  };
  const prefer = (who: string, preferences: { kind: string; mail: string; inApp?: boolean }[]) => as[who].put('/api/me/notification-preferences').send({ preferences });
  const outbox = async (query = ''): Promise<OutboxPage> => {
    const res = await as['admin-sistem'].get(`/api/admin/mails${query}`);
    expect(res.status).toBe(200);
    return res.body as OutboxPage;
  };

  beforeAll(async () => {
    smtp = await startSmtpSink();
    // Up to 50 tries: the SMTP outage below must not use them up.
    t = await startTestSystem(backend, { SMTP_URL: smtp.url, PUBLIC_URL: `${PUBLIC_URL}/`, MAIL_MAX_ATTEMPTS: '50' });
    const owner = await signIn(t.system, 'pemilik-proses');
    await owner.post('/api/deployments').send({ name: 'uji-surel.bpmn', xml: DIAGRAM }).expect(201);
    await deployFixture(owner, 'late-notice');
    for (const f of ['complaints-sop-555-01', 'complaints-sop-555-05']) await deployFixture(owner, f);
    const admin = await signIn(t.system, 'admin-sistem');
    await admin.post('/api/users').send({ username: 'pejabat.dinkes2', password: 'demo12345', email: 'pejabat.dinkes2@kapuas.example', roles: ['pejabat-penghubung'], opd: 'dinkes' }).expect(201);
    for (const u of ['kasi', 'pejabat-penghubung', 'pejabat.dinkes2', 'pimpinan-opd', 'admin-utama', 'admin-sistem', 'auditor']) as[u] = await signIn(t.system, u);
  });
  afterAll(async () => {
    await closeTestSystem(t);
    await smtp.close();
  });

  it('has defaults per kind, stores each user’s own choices, and refuses what cannot be chosen', async () => {
    const mine = (await as.kasi.get('/api/me/notification-preferences').expect(200)).body as NotificationPreference[];
    expect(mine.map((p) => [p.kind, p.mail, p.inApp, p.inAppOptional, p.chosen])).toEqual([
      ['tugas-ditugaskan', 'segera', true, false, false],
      ['tugas-tersedia', 'ringkasan', true, true, false],
      ['pengingat', 'segera', true, false, false],
      ['terlambat', 'segera', true, false, false],
      ['diteruskan-ombudsman', 'segera', true, false, false],
    ]);
    // pejabat-penghubung wants claimable tasks at once; the other officer keeps the digest.
    const changed = await prefer('pejabat-penghubung', [{ kind: 'tugas-tersedia', mail: 'segera' }]);
    expect(changed.status).toBe(200);
    expect((changed.body as NotificationPreference[]).find((p) => p.kind === 'tugas-tersedia')).toMatchObject({ mail: 'segera', inApp: true, chosen: true });
    // Someone else's choices are untouched.
    expect(((await as['pejabat.dinkes2'].get('/api/me/notification-preferences')).body as NotificationPreference[])[1]).toMatchObject({ mail: 'ringkasan', chosen: false });

    for (const bad of [
      [{ kind: 'terlambat', mail: 'segera', inApp: false }],
      [{ kind: 'tugas-baru', mail: 'segera' }],
      [{ kind: 'terlambat', mail: 'kadang' }],
      [{ kind: 'terlambat', mail: 'mati' }, { kind: 'terlambat', mail: 'segera' }],
      [],
    ]) {
      const res = await prefer('kasi', bad);
      expect({ bad, status: res.status }).toEqual({ bad, status: 400 });
    }
    expect(((await as.kasi.get('/api/me/notification-preferences')).body as NotificationPreference[]).every((p) => !p.chosen)).toBe(true);
    // An auditor's own preferences are theirs to set.
    expect((await prefer('auditor', [{ kind: 'terlambat', mail: 'mati' }])).status).toBe(200);
  });

  it('mails each inbox event to its user at once, in Bahasa Indonesia with an absolute link', async () => {
    const first = await start('UJI-2026-501'); // Monday 16 November 08:00
    // Assigned: kasi, inbox and mail.
    const assigned = `Tugas untuk Anda: Periksa Berkas (UJI-2026-501)`;
    expect(await inboxTitles('kasi')).toContain(assigned);
    await t.system.mail.sendPending();
    const [toKasi] = mails('kasi@kapuas.example');
    expect(toKasi.subject).toBe(assigned);
    expect(toKasi.text).toContain('Yth. ');
    expect(toKasi.text).toContain('Sebuah tugas ditugaskan kepada Anda');
    expect(toKasi.text).toContain(`Buka: ${PUBLIC_URL}/#/tugas/${first.periksa}`);
    // Claimable, wanted at once: pejabat-penghubung now; the other officer (digest) not yet.
    const offered = 'Tugas baru untuk diambil: Telaah Aduan (UJI-2026-501)';
    expect(mails('pejabat-penghubung@kapuas.example').map((m) => m.subject)).toEqual([offered]);
    expect(mails('pejabat-penghubung@kapuas.example')[0].text).toContain(`${PUBLIC_URL}/#/tugas/${first.telaah}`);
    expect(await inboxTitles('pejabat.dinkes2')).toEqual([offered]);
    expect(mails('pejabat.dinkes2@kapuas.example')).toEqual([]);

    // Late: the OPD head, Tuesday 08:00 (late-notice: due one working day after the start).
    const late = await as.kasi.post('/api/process-definitions/uji-pemberitahuan/start').send({ businessKey: 'UJI-2026-502', variables: { opd: 'dinkes' } });
    expect(late.status).toBe(201);
    await clock('2026-11-17T08:00:00');
    const lateTitle = 'Terlambat: Verifikasi Laporan (UJI-2026-502)';
    expect(await inboxTitles('pimpinan-opd')).toContain(lateTitle);
    const lateMail = mails('pimpinan-opd@kapuas.example').filter((m) => m.subject === lateTitle);
    expect(lateMail).toHaveLength(1);
    expect(lateMail[0].text).toContain('melewati batas waktu');
    expect(lateMail[0].text).toContain(`${PUBLIC_URL}/#/riwayat/${late.body.id}`);

    // Reminder: Thursday 08:00, to both officers of dinkes (one at once; the other keeps the digest
    // for claimable tasks only, so a reminder is mailed at once to both).
    await clock('2026-11-19T08:00:00');
    const reminder = 'Pengingat: Telaah Aduan (UJI-2026-501)';
    for (const who of ['pejabat-penghubung', 'pejabat.dinkes2']) {
      expect(await inboxTitles(who)).toContain(reminder);
      const got = mails(`${who}@kapuas.example`).filter((m) => m.subject === reminder);
      expect(got).toHaveLength(1);
      expect(got[0].text).toContain(`${PUBLIC_URL}/#/tugas/${first.telaah}`);
    }

    // Forwarded to the Ombudsman RI: every Admin Utama.
    const { trackingId } = await enterComplaint(as['admin-utama'], { opd: 'dinkes', subject: 'Jalan rusak di Kuala Kapuas' });
    await t.system.db.query("update complaints set status = 'diteruskan-ombudsman', forwarded_at = '2026-11-19T01:00:00Z' where tracking_id = $1", [trackingId]);
    await t.system.mail.sendPending();
    const forwarded = mails('admin-utama@kapuas.example').filter((m) => m.subject.startsWith('Diteruskan ke Ombudsman RI'));
    expect(forwarded.map((m) => m.subject)).toEqual([`Diteruskan ke Ombudsman RI: ${trackingId} — Jalan rusak di Kuala Kapuas`]);
    expect(forwarded[0].text).toContain(`${PUBLIC_URL}/#/riwayat?trackingId=${trackingId}`);
  });

  it('puts claimable tasks in one digest at 07:30 WIB on a working day, not on a weekend or holiday', async () => {
    const digests = () => mails('pejabat.dinkes2@kapuas.example').filter((m) => m.subject.startsWith('Ringkasan pemberitahuan'));
    // Monday's offers (UJI-2026-501's and the late-notice diagram's task) went into Tuesday's 07:30 digest, with the links.
    expect(digests()).toHaveLength(1);
    expect(digests()[0].subject).toBe('Ringkasan pemberitahuan Selasa, 17 November 2026 (2)');
    expect(digests()[0].text).toContain('- Tugas baru untuk diambil: Telaah Aduan (UJI-2026-501)');
    expect(digests()[0].text).toContain('- Tugas baru untuk diambil: Verifikasi Laporan (UJI-2026-502)');
    expect(digests()[0].text).toMatch(new RegExp(`${PUBLIC_URL.replace(/\./g, '\\.')}/#/tugas/[0-9a-f-]{36}`));

    // Friday 20 November 09:00: two more offers; Monday 23 November is made a holiday.
    await clock('2026-11-20T09:00:00');
    await start('UJI-2026-503');
    await start('UJI-2026-504');
    await as['admin-sistem'].put('/api/calendar/holidays/2026-11-23').send({ name: 'Libur Uji Surel' }).expect(200);
    for (const at of ['2026-11-21T07:30:00', '2026-11-22T07:30:00', '2026-11-23T07:30:00', '2026-11-24T07:29:00']) {
      await clock(at);
      expect({ at, digests: digests().length }).toEqual({ at, digests: 1 });
    }
    await clock('2026-11-24T07:30:00');
    expect(digests()).toHaveLength(2);
    const tuesday = digests()[1];
    expect(tuesday.subject).toBe('Ringkasan pemberitahuan Selasa, 24 November 2026 (2)');
    expect(tuesday.text).toContain('Telaah Aduan (UJI-2026-503)');
    expect(tuesday.text).toContain('Telaah Aduan (UJI-2026-504)');
    // The one at once still went at once; none of the claimable offers was mailed alone to the digest reader.
    expect(mails('pejabat.dinkes2@kapuas.example').filter((m) => m.subject.startsWith('Tugas baru'))).toEqual([]);

    // Once across processes and restarts: other digest runners on the same database find the slot taken.
    const others = [1, 2].map(() => new MailDigest(t.system.db, t.system.engine.calendars, () => new Date('2026-11-24T01:00:00Z')));
    expect(await Promise.all(others.map((d) => d.runDue()))).toEqual([0, 0]);
    await clock('2026-11-24T09:00:00');
    expect(digests()).toHaveLength(2);
    const runs = await t.system.db.query<{ n: number }>("select count(*)::int as n from mail_digest_runs where slot = '2026-11-24T00:30:00Z'");
    expect(runs.rows[0].n).toBe(1);
  });

  it('honours “off” and a hidden claimable kind: still in the inbox / still mailed as chosen', async () => {
    await prefer('kasi', [{ kind: 'tugas-ditugaskan', mail: 'mati' }]).expect(200);
    await prefer('pejabat.dinkes2', [{ kind: 'tugas-tersedia', mail: 'segera', inApp: false }]).expect(200);
    const before = { kasi: mails('kasi@kapuas.example').length };
    await start('UJI-2026-505');
    await t.system.mail.sendPending();
    expect(await inboxTitles('kasi')).toContain('Tugas untuk Anda: Periksa Berkas (UJI-2026-505)');
    expect(mails('kasi@kapuas.example')).toHaveLength(before.kasi);
    expect(await inboxTitles('pejabat.dinkes2')).not.toContain('Tugas baru untuk diambil: Telaah Aduan (UJI-2026-505)');
    expect(mails('pejabat.dinkes2@kapuas.example').map((m) => m.subject)).toContain('Tugas baru untuk diambil: Telaah Aduan (UJI-2026-505)');
    // The other officer, who did not hide it, has it in the inbox.
    expect(await inboxTitles('pejabat-penghubung')).toContain('Tugas baru untuk diambil: Telaah Aduan (UJI-2026-505)');
    await prefer('kasi', [{ kind: 'tugas-ditugaskan', mail: 'segera' }]).expect(200);
  });

  it('loses nothing and sends nothing twice when the SMTP server stops mid-run and comes back, also across a restart', async () => {
    const sentBefore = smtp.mails.length;
    await smtp.stop();
    for (const key of ['UJI-2026-601', 'UJI-2026-602', 'UJI-2026-603']) await start(key);
    expect(await t.system.mail.sendPending()).toBe(0);
    const waiting = await t.system.db.query<{ n: number; tried: number }>(
      "select count(*)::int as n, min(attempts)::int as tried from mail_outbox where state = 'pending'",
    );
    expect(waiting.rows[0].n).toBe(9); // per instance: kasi's assigned task, both officers' claimable one (both chose "at once")
    expect(waiting.rows[0].tried).toBe(1);
    expect((await outbox('?state=pending')).items.every((m) => m.lastError !== null)).toBe(true);

    // Another process (or the app after a restart) sends them once the server is back.
    const after = new MailDispatcher(t.system.db, { smtpUrl: smtp.url, from: 'uji@kapuas.example', publicUrl: PUBLIC_URL, pollMs: 20, maxAttempts: 50 });
    await smtp.restart();
    for (let i = 0; i < 100; i++) {
      const left = await t.system.db.query<{ n: number }>("select count(*)::int as n from mail_outbox where state = 'pending'");
      if (left.rows[0].n === 0) break;
      await sleep(50);
      await after.sendPending();
    }
    await after.stop();
    const arrived = smtp.mails.slice(sentBefore).map(readMail);
    expect(arrived).toHaveLength(9);
    expect(new Set(arrived.map((m) => m.messageId)).size).toBe(9);
    for (const key of ['UJI-2026-601', 'UJI-2026-602', 'UJI-2026-603']) {
      expect(arrived.filter((m) => m.subject.includes(key)).map((m) => m.subject).sort()).toEqual([
        `Tugas baru untuk diambil: Telaah Aduan (${key})`,
        `Tugas baru untuk diambil: Telaah Aduan (${key})`,
        `Tugas untuk Anda: Periksa Berkas (${key})`,
      ]);
    }
    const states = await t.system.db.query<{ state: string; n: number }>("select state, count(*)::int as n from mail_outbox where state in ('pending', 'failed') group by state");
    expect(states.rows).toEqual([]);

    // A sender that died holding mails (its lease not yet over): nobody sends them until the lease ends, then once.
    await start('UJI-2026-604');
    await t.system.db.query("update mail_outbox set locked_until = now() + interval '1 hour' where state = 'pending'");
    const held = smtp.mails.length;
    expect(await t.system.mail.sendPending()).toBe(0);
    await t.system.db.query("update mail_outbox set locked_until = now() - interval '1 second' where state = 'pending'");
    expect(await t.system.mail.sendPending()).toBe(3);
    expect(await t.system.mail.sendPending()).toBe(0);
    expect(smtp.mails.length).toBe(held + 3);
  });

  it('mails the reporter on receipt, answer and closure only with an e-mail address and not anonymous', async () => {
    const reporter = 'ani.warga@contoh.example';
    const c = await enterComplaint(as['admin-utama'], { subject: 'Lampu jalan padam', reporter: { name: 'Ani', contact: reporter }, rahasia: true });
    await enterComplaint(as['admin-utama'], { subject: 'Telepon saja', reporter: { name: 'Budi', contact: '0812 3456 7890' } });
    await enterComplaint(as['admin-utama'], { subject: 'Tanpa nama', anonim: true });
    await t.system.mail.sendPending();
    const received = () => mails(reporter);
    expect(received().map((m) => m.subject)).toEqual([`Pengaduan Anda diterima: ${c.trackingId}`]);
    expect(received()[0].text).toContain(`Nomor lacak: ${c.trackingId}`);
    expect(received()[0].text).toContain(`${PUBLIC_URL}/#/lacak?id=${c.trackingId}`);
    expect(received()[0].text).toContain('Yth. Ani,');
    // The reply code intake answered, given in clear only in this mail; the outbox keeps it masked.
    expect(received()[0].text).toContain(`Kode tanggapan: ${c.replyCode}`);
    const kept = await t.system.db.query<{ body: string; data: Record<string, unknown> }>("select body, data from mail_outbox where kind = 'pelapor-diterima'");
    expect(kept.rows[0].body).not.toContain(c.replyCode);
    expect(kept.rows[0].data.replyCode).toBeUndefined();
    // Mails only to the address given: nothing went to a phone number or an anonymous reporter.
    const toReporters = await t.system.db.query<{ n: number }>("select count(*)::int as n from mail_outbox where kind like 'pelapor-%'");
    expect(toReporters.rows[0].n).toBe(1);

    await completeComplaintTask(as['admin-utama'], as['admin-utama'], c.trackingId, 'Task_Verifikasi', { lengkap: true, opd: 'dinkes' });
    await completeComplaintTask(as['admin-utama'], as['pejabat-penghubung'], c.trackingId, 'Task_Jawab', { jawaban: 'Lampu diganti hari Kamis' });
    await t.system.mail.sendPending();
    expect(received().map((m) => m.subject)).toEqual([
      `Pengaduan Anda diterima: ${c.trackingId}`,
      `Jawaban atas pengaduan Anda ${c.trackingId}`,
      `Pengaduan ${c.trackingId} telah selesai`,
    ]);
    expect(received()[1].text).toContain('Lampu diganti hari Kamis');
    expect(received()[2].text).toContain('Penanganan pengaduan Anda telah selesai.');

    // The outbox marks the rahasia reporter's mails confidential; admin-sistem sees the address.
    const listed = (await outbox('?limit=100')).items.filter((m) => m.trackingId === c.trackingId);
    expect(listed).toHaveLength(3);
    expect(listed.every((m) => m.confidential && m.toAddress === reporter && m.state === 'sent' && m.username === null)).toBe(true);
  });

  it('lists the outbox paged and by state for admin-sistem only, and resends', async () => {
    const page1 = await outbox('?limit=2');
    expect(page1.items).toHaveLength(2);
    expect(page1.hasMore).toBe(true);
    const page2 = await outbox('?limit=2&offset=2');
    expect(page2.items.map((m) => m.id)).not.toContain(page1.items[0].id);
    const times = (await outbox('?limit=100')).items.map((m) => m.createdAt);
    expect([...times].sort().reverse()).toEqual(times);
    const digested = await outbox('?state=digested');
    expect(digested.items.length).toBeGreaterThanOrEqual(3);
    expect(digested.items.every((m) => m.state === 'digested' && m.digestId !== null)).toBe(true);
    for (const q of ['?limit=101', '?state=kirim', '?limit=0']) expect((await as['admin-sistem'].get(`/api/admin/mails${q}`)).status).toBe(400);
    for (const who of ['kasi', 'auditor', 'admin-utama']) expect((await as[who].get('/api/admin/mails')).status).toBe(403);

    const sent = (await outbox('?state=sent&limit=1')).items[0] as OutboxMail;
    const count = smtp.mails.length;
    const resent = await as['admin-sistem'].post(`/api/admin/mails/${sent.id}/resend`).send({});
    expect(resent.status).toBe(200);
    expect(resent.body).toMatchObject({ id: sent.id, state: 'pending', attempts: 0, lastError: null });
    expect(await t.system.mail.sendPending()).toBe(1);
    expect(smtp.mails.length).toBe(count + 1);
    expect(readMail(smtp.mails[count]).subject).toBe(sent.subject);

    const notResendable = await as['admin-sistem'].post(`/api/admin/mails/${digested.items[0].id}/resend`).send({});
    expect(notResendable.status).toBe(409);
    expect(notResendable.body.code).toBe('mail.notResendable');
    const unknown = await as['admin-sistem'].post('/api/admin/mails/00000000-0000-4000-8000-000000000000/resend').send({});
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('mail.unknown');
    expect((await as.kasi.post(`/api/admin/mails/${sent.id}/resend`).send({})).status).toBe(403);
  });
});
