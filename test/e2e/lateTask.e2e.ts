import { signedIn } from './support/browser';
import { useServerAndBrowser } from './support/server';

/**
 * Nobody has to watch the worklist: when the Kasi's 15 working minutes of SOP 555/05 pass, her
 * Kabid (the superior the diagram names) finds the late task in the app's inbox.
 */

const w = useServerAndBrowser();

it('tells the Kabid in the inbox when the Kasi’s task turns late', async () => {
  const au = await w.server.api('admin-utama');
  const made = await au.call('POST', '/api/complaints', { channel: 'whatsapp', subject: 'Jembatan kayu lapuk di Selat', description: 'Papan jembatan patah' });
  expect(made.status).toBe(201);
  const trackingId = made.body.trackingId as string;
  /** Claims and completes the complaint's open task named `name` as `user`. */
  const work = async (user: string, name: string, variables: Record<string, unknown>) => {
    const api = user === 'admin-utama' ? au : await w.server.api(user);
    const task = ((await au.call('GET', `/api/complaints/${trackingId}`)).body.openTasks as { id: string; name: string }[]).find((t) => t.name === name);
    expect(task).toBeDefined();
    expect((await api.call('POST', `/api/tasks/${task!.id}/claim`)).status).toBe(200);
    expect((await api.call('POST', `/api/tasks/${task!.id}/complete`, { variables })).status).toBe(200);
  };
  await work('admin-utama', 'Menerima Laporan melalui Kanal di Luar LAPOR', { kanal: 'WhatsApp' });
  await work('admin-utama', 'Laporan Diverifikasi oleh Admin Utama', { lengkap: true });
  await work('admin-utama', 'Admin Utama Menginput Laporan dengan Form Manual LAPOR', { sudahDitindaklanjuti: false });
  const open = (await au.call('GET', `/api/complaints/${trackingId}`)).body.openTasks as { name: string }[];
  expect(open.map((t) => t.name)).toEqual(['Memastikan Laporan Lengkap dan Arahan Disposisi ke SKPD']);

  // Twenty minutes of a working morning pass (the scheduler fires the timer on its next poll).
  expect((await au.call('POST', '/api/_clock/advance', { ms: 20 * 60_000 })).status).toBe(200);

  const { context, page } = await signedIn(w.browser, w.server.url, 'kabid');
  const late = page.getByTestId('inbox-item').filter({ hasText: `Terlambat: Memastikan Laporan Lengkap dan Arahan Disposisi ke SKPD (${trackingId})` });
  for (let attempt = 0; ; attempt++) {
    await page.goto('/#/kotak-masuk');
    await page.getByRole('heading', { name: 'Kotak Masuk' }).waitFor();
    if ((await late.count()) > 0 || attempt >= 20) break;
    await page.waitForTimeout(500);
    await page.reload();
  }
  await late.first().waitFor();
  expect(Number(await page.getByTestId('inbox-unread').textContent())).toBeGreaterThanOrEqual(1);
  // The item leads to the complaint's instance: a superior reads it, the Kasi does the work.
  await late.first().click();
  await page.waitForURL(/#\/riwayat\//);
  await context.close();
});
