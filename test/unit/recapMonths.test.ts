import { splitAtMonths } from '../../src/domain/complaintRecap';

const wib = (local: string) => new Date(`${local}+07:00`);

describe('a recap period split at whole months (monthly aggregate + edge days)', () => {
  it('reads a quarter as three whole months and no edge', () => {
    expect(splitAtMonths('2026-07-01', '2026-09-30')).toEqual({ wholeFrom: '2026-07-01', wholeTo: '2026-10-01', edges: [] });
  });
  it('reads the days before the first and after the last whole month from the complaints', () => {
    expect(splitAtMonths('2026-10-15', '2026-12-20')).toEqual({
      wholeFrom: '2026-11-01',
      wholeTo: '2026-12-01',
      edges: [
        [wib('2026-10-15T00:00:00'), wib('2026-11-01T00:00:00')],
        [wib('2026-12-01T00:00:00'), wib('2026-12-21T00:00:00')],
      ],
    });
  });
  it('reads a range inside one month as one edge and no month', () => {
    const split = splitAtMonths('2026-11-03', '2026-11-17');
    expect(split.wholeFrom).toBe(split.wholeTo);
    expect(split.edges).toEqual([[wib('2026-11-03T00:00:00'), wib('2026-11-18T00:00:00')]]);
  });
  it('crosses a year end', () => {
    expect(splitAtMonths('2026-12-01', '2027-01-31')).toEqual({ wholeFrom: '2026-12-01', wholeTo: '2027-02-01', edges: [] });
  });
});
