import { messages } from '../../web/src/history/messages';
import { entryDetails, entryTitle, type DiagramLabels, type Translate } from '../../web/src/history/wording';

/** The history feature's own Indonesian and English sentences, as the app's t() reads them. */
const translator =
  (lang: 'id' | 'en'): Translate =>
  (key, vars) => {
    const text = (lang === 'en' ? messages.en[key] : undefined) ?? messages.id[key];
    if (text === undefined) return key;
    return vars ? text.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m)) : text;
  };
const id = translator('id');

const labels: DiagramLabels = {
  elementNames: { Task_Jawab: 'Menyusun Jawaban', Task_Telaah: 'Mentelaah Laporan', Task_Telaah_Lewat: 'Lewat 5 hari' },
  fieldLabels: { jawaban: 'Jawaban', perluPemeriksaan: 'Perlu pemeriksaan lapangan?', kategori: 'Kategori' },
  enumNames: { kategori: { infra: 'Infrastruktur' } },
};

describe('the timeline worded for people', () => {
  it('names elements, never their ids, and leaves a flow without a name unnamed', () => {
    expect(entryTitle({ type: 'task-completed', elementId: 'Task_Jawab', data: {} }, labels, false, id)).toBe('Tugas diselesaikan: Menyusun Jawaban');
    expect(entryTitle({ type: 'timer-fired', elementId: 'Task_Telaah_Lewat', data: {} }, labels, false, id)).toBe('Batas waktu tercapai: Lewat 5 hari');
    expect(entryTitle({ type: 'instance-started', elementId: null, data: {} }, labels, false, id)).toBe('Proses dimulai');
    expect(entryTitle({ type: 'task-created', elementId: 'Task_Unknown', data: {} }, labels, false, id)).toBe('Tugas menunggu');
    // The technical view: the engine's words, and the id where there is no name.
    expect(entryTitle({ type: 'flow-taken', elementId: 'Flow_Start_PengaduanMasuk_Task_X', data: {} }, labels, true, id)).toBe('Alur dilalui: Flow_Start_PengaduanMasuk_Task_X');
    expect(entryTitle({ type: 'instance-started', elementId: null, data: {} }, labels, true, id)).toBe('Instans dimulai');
  });

  it('shows answers under their form labels, enum names and Ya/Tidak, leaving absent values and bookkeeping out', () => {
    const entry = {
      type: 'task-completed',
      elementId: 'Task_Jawab',
      data: { variables: { jawaban: null, perluPemeriksaan: false, kategori: 'infra', catatan: '', _meta: { a: 1 }, opd: 'disdik' }, changedVariables: ['jawaban', 'perluPemeriksaan', 'kategori', 'catatan', '_meta', 'opd'] },
    };
    const plain = entryDetails(entry, labels, false, id);
    expect(plain).toEqual([
      { label: 'Perlu pemeriksaan lapangan?', value: 'Tidak' },
      { label: 'Kategori', value: 'Infrastruktur' },
    ]);
    expect(JSON.stringify(plain)).not.toMatch(/null|jawaban/);
    // Technical: raw names, an absent value as "–".
    expect(entryDetails(entry, labels, true, id)).toEqual([
      { label: 'jawaban', value: '–' },
      { label: 'perluPemeriksaan', value: 'false' },
      { label: 'kategori', value: 'infra' },
      { label: 'catatan', value: '' },
      { label: '_meta', value: '{"a":1}' },
      { label: 'opd', value: 'disdik' },
    ]);
  });

  it('words a notification with the role and reason people know, in English when switched', () => {
    const n = { type: 'notification', elementId: 'Task_Telaah_Lewat_Beritahu', data: { role: 'pimpinan-opd', opd: 'disdik', reason: 'terlambat' } };
    expect(entryDetails(n, labels, false, id)).toEqual([
      { label: 'Alasan', value: 'tugas terlambat' },
      { label: 'kepada', value: 'Pimpinan OPD / SKPD (disdik)' },
    ]);
    expect(entryDetails(n, labels, false, translator('en'))[0]).toEqual({ label: 'Reason', value: 'task late' });
    expect(entryTitle({ type: 'task-completed', elementId: 'Task_Jawab', data: {} }, labels, false, translator('en'))).toBe('Task completed: Menyusun Jawaban');
  });

  it('has an English sentence for every Indonesian one it words with', () => {
    const plainKeys = Object.keys(messages.id).filter((k) => k.startsWith('plain.'));
    expect(plainKeys.length).toBeGreaterThan(20);
    expect(plainKeys.filter((k) => !(k in messages.en))).toEqual([]);
  });
});

describe('a migration in the timeline', () => {
  const entry = {
    type: 'migrated',
    elementId: null,
    data: { fromVersion: 1, toVersion: 2, elements: [{ from: 'Task_Lama', to: 'Task_Telaah' }], tasks: [{ elementId: 'Task_Telaah', from: '2026-11-17T01:00:00.000Z', to: '2026-11-19T01:00:00.000Z' }], timers: [] },
  };
  it('names both versions and each moved due date', () => {
    expect(entryTitle(entry, labels, false, id)).toBe('Dipindahkan v1 → v2');
    expect(entryTitle(entry, labels, false, translator('en'))).toBe('Moved v1 → v2');
    expect(entryDetails(entry, labels, false, id, (iso) => iso.slice(0, 10))).toEqual([
      { label: 'Langkah', value: 'Task_Lama → Mentelaah Laporan' },
      { label: 'Batas waktu Mentelaah Laporan', value: '2026-11-17 → 2026-11-19' },
    ]);
  });
});
