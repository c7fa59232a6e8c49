import { expressions } from '../../src/engine/expressions';

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
    expect(() => expressions.resolveExpression("${lengkap == 'ya'}", ctx)).toThrow(/unsupported expression/);
    expect(() => expressions.resolveExpression('${process.exit()}', ctx)).toThrow(/unsupported expression/);
  });
});
