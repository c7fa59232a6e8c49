import { csvCell, csvRows } from '../../src/domain/spreadsheetCsv';
import { auditScope } from '../../src/domain/auditScope';
import type { User } from '../../src/domain/users';

describe('history CSV cells', () => {
  it('quotes by RFC 4180 only where needed', () => {
    expect(csvCell('Verifikasi Laporan')).toBe('Verifikasi Laporan');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('kata "kunci"')).toBe('"kata ""kunci"""');
    expect(csvCell('baris\nbaru')).toBe('"baris\nbaru"');
  });

  it('defuses what a spreadsheet would run as a formula', () => {
    for (const v of ['=1+1', '+62812', '-2', '@SUM(A1)', '\t=1']) expect(csvCell(v)).toBe(`'${v}`);
    expect(csvCell('=HYPERLINK("x","y")')).toBe(`"'=HYPERLINK(""x"",""y"")"`);
    expect(csvCell('a=b')).toBe('a=b');
  });

  it('starts with a BOM and ends each row with CRLF', () => {
    expect(csvRows([['a', 'b'], ['c', 'd']])).toBe('\uFEFFa,b\r\nc,d\r\n');
  });
});

describe('audit scope', () => {
  const user = (roles: string[], opd: string | null = null) => ({ id: 1, username: 'u', email: '', displayName: 'U', opd, roles, groups: roles, active: true }) as User;
  it('is every instance for history readers, complaint chains for see-all readers, one OPD for OPD staff', () => {
    expect(auditScope(user(['auditor']))).toEqual({ kind: 'all' });
    expect(auditScope(user(['kasi', 'pemilik-proses']))).toEqual({ kind: 'all' });
    expect(auditScope(user(['apip']))).toEqual({ kind: 'complaints' });
    expect(auditScope(user(['operator-opd'], 'dinkes'))).toEqual({ kind: 'opd', opd: 'dinkes' });
  });
  it('refuses, naming the roles, whoever reads neither histories nor complaints', () => {
    expect(() => auditScope(user([]))).toThrow(/auditor/);
    expect(() => auditScope(user(['operator-opd'], null))).toThrow(/needs one of the roles/);
  });
});
