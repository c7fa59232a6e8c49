import { slaOf } from '../../src/domain/taskSla';
import { lateLabel } from '../../src/domain/recapLabels';
import { WorkingCalendar } from '../../src/engine/workingCalendar';
import { messages } from '../../web/src/history/messages';
import { extensionSentence, type Translate } from '../../web/src/history/wording';

const translator =
  (lang: 'id' | 'en'): Translate =>
  (key, vars) => {
    const text = (lang === 'en' ? messages.en[key] : undefined) ?? messages.id[key];
    if (text === undefined) return key;
    return vars ? text.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m)) : text;
  };
const day = (iso: string) => iso.slice(0, 10);

/** "Ditunda" as people read it: the history sentence, the SLA badge's state, the recap's cell. */
describe('a deadline extension (Ditunda) worded', () => {
  const data = { reason: 'Menunggu data dukung', from: '2026-11-19T01:00:00.000Z', to: '2026-11-23T01:00:00.000Z', timers: [] };

  it('says the reason, the old and new deadline and who, in Indonesian first', () => {
    expect(extensionSentence(data, 'Kasi', translator('id'), day)).toBe('Ditunda: Menunggu data dukung, tenggat 2026-11-19 → 2026-11-23 oleh Kasi');
    expect(extensionSentence(data, 'Kasi', translator('en'), day)).toBe('Postponed: Menunggu data dukung, deadline 2026-11-19 → 2026-11-23 by Kasi');
    expect(extensionSentence({ reason: 'x' }, 'Kasi', translator('id'), day)).toBeUndefined();
  });

  it('measures an extended task against its new deadline, remembering the first one', () => {
    const calendar = new WorkingCalendar();
    const base = { standard: '3 hari', createdAt: new Date('2026-11-16T01:00:00Z'), dueAt: new Date('2026-11-23T01:00:00Z'), reminderAt: null, calendar };
    const within = slaOf({ ...base, now: new Date('2026-11-19T03:00:00Z'), extendedFrom: new Date('2026-11-19T01:00:00Z') });
    expect([within.state, within.extendedFrom]).toEqual(['green', '2026-11-19T01:00:00.000Z']);
    const past = slaOf({ ...base, now: new Date('2026-11-23T03:00:00Z'), extendedFrom: new Date('2026-11-19T01:00:00Z') });
    expect(past.state).toBe('red');
    expect(slaOf({ ...base, now: new Date('2026-11-19T03:00:00Z') }).extendedFrom).toBeUndefined();
  });

  it('marks the recap cell Ditunda/diperpanjang unless the complaint is late after all', () => {
    expect([lateLabel({ late: false, extended: true }), lateLabel({ late: true, extended: true }), lateLabel({ late: false })]).toEqual(['Ditunda/diperpanjang', 'Ya', 'Tidak']);
  });
});
