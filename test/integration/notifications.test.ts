import { backends, signIn, startTestSystem, type TestSystem } from '../support/testSystem';
import { readMail, startSmtpSink } from '../support/smtpSink';
import { type Agent, closeTestSystem, deployFixture } from './helpers';

jest.setTimeout(60_000);

/** A late task's superior is told by mail, through a real SMTP server on loopback. */
describe.each(backends)('late-task notifications (%s)', (backend) => {
  let t: TestSystem;
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
  let kasi: Agent;
  let auditor: Agent;

  beforeAll(async () => {
    smtp = await startSmtpSink();
    t = await startTestSystem(backend, { SMTP_URL: smtp.url });
    await deployFixture(await signIn(t.system, 'pemilik-proses'), 'late-notice');
    kasi = await signIn(t.system, 'kasi');
    auditor = await signIn(t.system, 'auditor');
  });
  afterAll(async () => {
    await closeTestSystem(t);
    await smtp.close();
  });

  /** The late and reminder mails (the task's own mails and the morning digest are mail.test.ts's). */
  const lateMails = () => smtp.mails.filter((m) => /^Subject: (Terlambat|Pengingat):/m.test(m.raw));

  it('mails the OPD head of the complaint’s OPD once the working day has passed, not before', async () => {
    const started = await kasi.post('/api/process-definitions/uji-pemberitahuan/start').send({ businessKey: 'UJI-2026-777', variables: { opd: 'dinkes' } });
    expect(started.status).toBe(201);
    // Started Monday 08:00: due Tuesday 08:00. At Tuesday 07:59 nothing is sent.
    await kasi.post('/api/_clock/set').send({ at: '2026-11-17T07:59:00+07:00' }).expect(200);
    expect(lateMails()).toHaveLength(0);
    const res = await kasi.post('/api/_clock/set').send({ at: '2026-11-17T08:00:00+07:00' });
    expect(res.body).toMatchObject({ fired: 1, mailed: 1 });
    expect(lateMails()).toHaveLength(1);
    expect(lateMails()[0].to).toEqual(['pimpinan-opd@kapuas.example']);
    expect(lateMails()[0].raw).toMatch(/Subject: Terlambat: Verifikasi Laporan \(UJI-2026-777\)/);
    expect(readMail(lateMails()[0]).text).toContain('melewati batas waktu');

    // Sent on the workflow's time line (the manual clock), like the history it stands beside.
    const sent = await t.system.db.query<{ sent_at: Date | string; created_at: Date | string }>("select sent_at, created_at from mail_outbox where kind = 'terlambat'");
    expect(sent.rows).toHaveLength(1);
    expect(new Date(sent.rows[0].sent_at).toISOString()).toBe('2026-11-17T01:00:00.000Z');
    expect(new Date(sent.rows[0].created_at).toISOString()).toBe('2026-11-17T01:00:00.000Z');

    // Delivered once: another drain sends nothing more.
    await kasi.post('/api/_clock/advance').send({ ms: 60_000 }).expect(200);
    expect(lateMails()).toHaveLength(1);
    // The audit tells the request was mailed, and to how many, without addresses.
    const audit = (await auditor.get(`/api/audit/instances/${started.body.id}`)).body as { notifications: { reason: string; sentAt: string | null; recipientCount: number }[] };
    expect(audit.notifications).toEqual([expect.objectContaining({ reason: 'terlambat', sentAt: '2026-11-17T01:00:00.000Z', recipientCount: 1 })]);
    const history = (await auditor.get(`/api/instances/${started.body.id}/history`)).body as { type: string; elementId: string }[];
    expect(history.map((h) => `${h.type}:${h.elementId}`)).toEqual(expect.arrayContaining(['timer-fired:lewat1', 'element-entered:beritahu']));
  });
});
