import { csvCell, csvRows } from '../../src/domain/spreadsheetCsv';
import { assertMayStartByHand, complaintInScope, complaintScope, instanceReadSql, mayChange } from '../../src/domain/access';
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

describe('access policy, as SQL and as checks', () => {
  const user = (roles: string[], opd: string | null = null) => ({ id: 1, username: 'u', email: '', displayName: 'U', opd, roles, groups: roles, active: true }) as User;
  const sql = (u: User) => {
    const params: unknown[] = [];
    return { text: instanceReadSql(u, (v) => `$${params.push(v)}`), params };
  };
  it('reads every instance for history readers, complaint chains for see-all readers, one OPD for OPD staff', () => {
    expect(sql(user(['auditor'])).text).toBe('true');
    expect(sql(user(['kasi', 'pemilik-proses'])).text).toBe('true');
    expect(sql(user(['apip'])).text).toMatch(/c\.tracking_id is not null or/);
    expect(sql(user(['operator-opd'], 'dinkes')).params).toContain('dinkes');
    expect(sql(user(['operator-opd'], null)).text).toMatch(/c\.tracking_id is null and i\.variables->>'opd' is null/);
  });
  it('lets auditors change nothing, whatever else they carry', () => {
    expect(mayChange(user(['auditor']))).toBe(false);
    expect(mayChange(user(['auditor', 'admin-utama']))).toBe(false);
    expect(mayChange(user(['admin-utama']))).toBe(true);
  });
  it('refuses a tracking ID as a business key started by hand', () => {
    expect(() => assertMayStartByHand(user(['admin-utama']), 'kps-2026-000001')).toThrow(/tracking ID/);
    expect(() => assertMayStartByHand(user(['admin-utama']), 'UJI-1')).not.toThrow();
    expect(() => assertMayStartByHand(user(['auditor']), undefined)).toThrow(/auditors/);
  });
  it('confines complaint reading to the OPD of the record: chosen at intake or handling it now', () => {
    expect(complaintInScope({ all: false, opd: 'dinkes' }, { opd: 'dinkes', currentOpd: 'disdik' })).toBe(true);
    expect(complaintInScope({ all: false, opd: 'disdik' }, { opd: 'dinkes', currentOpd: 'disdik' })).toBe(true);
    expect(complaintInScope({ all: false, opd: 'dpupr' }, { opd: 'dinkes', currentOpd: 'disdik' })).toBe(false);
    expect(() => complaintScope(user([]))).toThrow(/needs one of the roles/);
  });
});
