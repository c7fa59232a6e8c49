import { expressionProblems, expressions } from '../../src/engine/expressions';

const ctx = { environment: { variables: { lengkap: true, jumlah: 0, pelapor: { nama: 'Sari' } } }, content: { id: 'x' } };

describe('diagram expressions', () => {
  it('reads bare variable names and negates with !', () => {
    expect(expressions.resolveExpression('${lengkap}', ctx)).toBe(true);
    expect(expressions.resolveExpression('${!lengkap}', ctx)).toBe(false);
    expect(expressions.resolveExpression('${ ! tidakAda }', ctx)).toBe(true);
    expect(expressions.resolveExpression('${pelapor.nama}', ctx)).toBe('Sari');
  });

  it('keeps bpmn-engine paths and literals', () => {
    expect(expressions.resolveExpression('${environment.variables.jumlah}', ctx)).toBe(0);
    expect(expressions.resolveExpression('${content.id}', ctx)).toBe('x');
    expect(expressions.resolveExpression('${true}', ctx)).toBe(true);
    expect(expressions.resolveExpression('P${jumlah}D', ctx)).toBe('P0D');
  });

  it('refuses anything that is code', () => {
    expect(() => expressions.resolveExpression('${process.exit()}', ctx)).toThrow(/unsupported expression.*calls are not allowed/);
    expect(() => expressions.resolveExpression('${a.b()}', ctx)).toThrow(/calls are not allowed/);
    expect(() => expressions.resolveExpression('${__proto__.constructor}', ctx)).toThrow(/"__proto__" is not allowed/);
    expect(() => expressions.resolveExpression('${pelapor.constructor}', ctx)).toThrow(/"constructor" is not allowed/);
    expect(() => expressions.resolveExpression('${x.prototype}', ctx)).toThrow(/"prototype" is not allowed/);
    expect(() => expressions.resolveExpression('${a[0]}', ctx)).toThrow(/"\[" is not allowed/);
    expect(() => expressions.resolveExpression('${a = 1}', ctx)).toThrow(/"=" is not allowed/);
    expect(() => expressions.resolveExpression('${jumlah +1}', ctx)).toThrow(/"\+" is not allowed/);
    expect(() => expressions.resolveExpression("${'open}", ctx)).toThrow(/not closed/);
    expect(() => expressions.resolveExpression('${(lengkap}', ctx)).toThrow(/not closed/);
    expect(() => expressions.resolveExpression('${lengkap lengkap}', ctx)).toThrow(/unexpected/);
  });
});

describe('the expression grammar', () => {
  const vars = { lengkap: true, jumlah: 12, status: 'baru', kosong: null, pelapor: { nama: 'Sari', umur: 30 } };
  const r = (text: string) => expressions.resolveExpression(text, { environment: { variables: vars } });

  it('reads literals: numbers, strings in either quote, true/false/null', () => {
    expect(r('${42}')).toBe(42);
    expect(r('${-1.5}')).toBe(-1.5);
    expect(r("${'ya'}")).toBe('ya');
    expect(r('${"it\\"s"}')).toBe('it"s');
    expect(r('${null}')).toBeNull();
    expect(r('${false}')).toBe(false);
  });

  it('compares with symbols and with JUEL words', () => {
    expect(r('${jumlah > 10}')).toBe(true);
    expect(r('${jumlah gt 12}')).toBe(false);
    expect(r('${jumlah >= 12}')).toBe(true);
    expect(r('${jumlah ge 13}')).toBe(false);
    expect(r('${jumlah < 20}')).toBe(true);
    expect(r('${jumlah lt 12}')).toBe(false);
    expect(r('${jumlah <= 12}')).toBe(true);
    expect(r('${jumlah le 11}')).toBe(false);
    expect(r("${status == 'baru'}")).toBe(true);
    expect(r("${status eq 'lama'}")).toBe(false);
    expect(r("${status != 'baru'}")).toBe(false);
    expect(r("${status ne 'lama'}")).toBe(true);
    expect(r('${kosong == null}')).toBe(true);
    expect(r('${tidakAda == null}')).toBe(true);
    expect(r('${pelapor.umur >= 30}')).toBe(true);
  });

  it('combines with and/or/not and parentheses, not binding tighter than comparison', () => {
    expect(r('${lengkap && jumlah > 10}')).toBe(true);
    expect(r('${lengkap and jumlah > 20}')).toBe(false);
    expect(r('${!lengkap || jumlah > 10}')).toBe(true);
    expect(r('${not lengkap or jumlah > 20}')).toBe(false);
    expect(r('${!(jumlah > 20) && (lengkap || false)}')).toBe(true);
    expect(r('${lengkap || jumlah > 10 && false}')).toBe(true);
    expect(r('${(lengkap || jumlah > 10) && false}')).toBe(false);
    expect(r('${!!lengkap}')).toBe(true);
  });

  it('fills several expressions inside text', () => {
    expect(r('${pelapor.nama}: ${jumlah} hari')).toBe('Sari: 12 hari');
  });

  it('lists the problems of an attribute without evaluating it', () => {
    expect(expressionProblems('${lengkap} dan ${process.exit()}')).toEqual(['"${process.exit()}": calls are not allowed']);
    expect(expressionProblems('P3D')).toEqual([]);
  });
});
