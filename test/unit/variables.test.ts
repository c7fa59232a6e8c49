import { changedKeys, resolveList, resolvePlaceholders } from '../../src/engine/variables';

describe('Camunda attribute placeholders', () => {
  it('resolves variable names, bpmn-engine style paths and nested properties', () => {
    const vars = { opd: 'dinkes', pelapor: { nama: 'Budi' } };
    expect(resolvePlaceholders('pejabat-penghubung:${opd}', vars)).toBe('pejabat-penghubung:dinkes');
    expect(resolvePlaceholders('${environment.variables.opd}', vars)).toBe('dinkes');
    expect(resolvePlaceholders('${variables.pelapor.nama}', vars)).toBe('Budi');
  });

  it('refuses code and unset variables, naming them', () => {
    expect(() => resolvePlaceholders('${opd + 1}', { opd: 'x' })).toThrow(/only variable names/);
    expect(() => resolvePlaceholders('kasi:${bidang}', {})).toThrow(/"bidang"/);
  });

  it('keeps a variable value one list item: a comma cannot add a group', () => {
    expect(resolveList('kasi, pejabat-penghubung:${opd}', { opd: 'dinkes' })).toEqual(['kasi', 'pejabat-penghubung:dinkes']);
    expect(() => resolveList('pejabat-penghubung:${opd}', { opd: 'x,admin-sistem' })).toThrow(/comma/);
    expect(resolveList(undefined, {})).toEqual([]);
  });

  it('lists the variables whose value changed', () => {
    expect(changedKeys({ a: 1, b: { c: 1 } }, { a: 1, b: { c: 2 }, d: true })).toEqual(['b', 'd']);
  });
});

describe('candidate lists from one variable (Camunda 7)', () => {
  it('takes a whole ${variable} as a list or a comma-separated string of names', () => {
    expect(resolveList('${groups}', { groups: ['kasi', 'kabid'] })).toEqual(['kasi', 'kabid']);
    expect(resolveList('${groups}, admin-utama', { groups: 'kasi, kabid' })).toEqual(['kasi', 'kabid', 'admin-utama']);
    expect(resolveList('${g.list}', { g: { list: ['pejabat-penghubung:dinkes'] } })).toEqual(['pejabat-penghubung:dinkes']);
    expect(resolveList('${groups}', { groups: [] })).toEqual([]);
  });

  it('refuses items that are not names', () => {
    expect(() => resolveList('${groups}', { groups: ['kasi', { a: 1 }] })).toThrow(/group or user name/);
    expect(() => resolveList('${groups}', { groups: 'kasi,${x}' })).toThrow(/not a group or user name/);
    expect(() => resolveList('${groups}', { groups: ['a b'] })).toThrow(/not a group or user name/);
    expect(() => resolveList('${groups}', {})).toThrow(/"groups"/);
  });
});
