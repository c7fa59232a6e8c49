import { itemTitle } from '../../web/src/inbox/itemTitle';
import { messages } from '../../web/src/inbox/messages';

const translator = (lang: 'id' | 'en') => (key: string, vars?: Record<string, string | number>) => {
  const text = (lang === 'en' ? messages.en[key] : undefined) ?? messages.id[key];
  if (text === undefined) return key;
  return vars ? text.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m)) : text;
};

describe('an inbox item worded from its kind and params', () => {
  const items: { kind: string; title: string; params: Record<string, string>; en: string }[] = [
    { kind: 'tugas-ditugaskan', title: 'Tugas untuk Anda: Periksa Berkas (UJI-2026-101)', params: { task: 'Periksa Berkas', trackingId: 'UJI-2026-101' }, en: 'Task for you: Periksa Berkas (UJI-2026-101)' },
    { kind: 'tugas-tersedia', title: 'Tugas baru untuk diambil: Telaah Aduan', params: { task: 'Telaah Aduan' }, en: 'New task to claim: Telaah Aduan' },
    { kind: 'terlambat', title: 'Terlambat: tugas (UJI-2026-102)', params: { trackingId: 'UJI-2026-102', reason: 'terlambat' }, en: 'Late: task (UJI-2026-102)' },
    { kind: 'pengingat', title: 'Pengingat: Telaah Aduan (UJI-2026-101)', params: { task: 'Telaah Aduan', trackingId: 'UJI-2026-101' }, en: 'Reminder: Telaah Aduan (UJI-2026-101)' },
    { kind: 'diteruskan-ombudsman', title: 'Diteruskan ke Ombudsman RI: kps-2026-000001 — Jalan rusak', params: { trackingId: 'kps-2026-000001', subject: 'Jalan rusak' }, en: 'Forwarded to the Ombudsman RI: kps-2026-000001 — Jalan rusak' },
  ];

  it.each(items)('$kind: the server’s Indonesian title, and English when switched', (item) => {
    expect(itemTitle(item, translator('id'))).toBe(item.title);
    expect(itemTitle(item, translator('en'))).toBe(item.en);
  });

  it('keeps the stored title for an item without params (written before migration 18) or of an unknown kind', () => {
    expect(itemTitle({ kind: 'terlambat', title: 'Terlambat: X', params: {} }, translator('en'))).toBe('Terlambat: X');
    expect(itemTitle({ kind: 'baru', title: 'Sesuatu', params: { task: 'X' } }, translator('en'))).toBe('Sesuatu');
  });
});
