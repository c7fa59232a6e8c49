import { callInput, callOutput, readCallMapping } from '../../src/engine/callActivities';

describe('call activity camunda:in/out (Camunda 7)', () => {
  const parent = { variables: { opd: 'dinkes', rahasia: 'x' }, businessKey: 'UJI-1' };

  it('without any mapping passes every variable both ways and the business key', () => {
    const mapping = readCallMapping([]);
    expect(mapping).toBeUndefined();
    expect(callInput(mapping, parent)).toEqual({ variables: parent.variables, businessKey: 'UJI-1' });
    expect(callOutput(mapping, { a: 1 })).toEqual({ a: 1 });
  });

  it('maps source to target, null for an unset source; nothing else; the business key only when mapped', () => {
    const mapping = readCallMapping([
      { $type: 'camunda:In', source: 'opd', target: 'skpd' },
      { $type: 'camunda:In', source: 'tidakAda', target: 'kosong' },
      { $type: 'camunda:Out', source: 'jawaban', target: 'hasil' },
    ]);
    expect(callInput(mapping, parent)).toEqual({ variables: { skpd: 'dinkes', kosong: null }, businessKey: undefined });
    expect(callOutput(mapping, { jawaban: 'ok', catatan: 'internal' })).toEqual({ hasil: 'ok' });
  });

  it('variables="all" and businessKey from the parent or a variable', () => {
    const all = readCallMapping([{ $type: 'camunda:In', variables: 'all' }, { $type: 'camunda:In', businessKey: '${execution.processBusinessKey}' }]);
    expect(callInput(all, parent)).toEqual({ variables: parent.variables, businessKey: 'UJI-1' });
    expect(callOutput(all, { a: 1 })).toEqual({});
    const fromVariable = readCallMapping([{ $type: 'camunda:In', businessKey: 'SUB-${opd}' }, { $type: 'camunda:Out', variables: 'all' }]);
    expect(callInput(fromVariable, parent)).toEqual({ variables: {}, businessKey: 'SUB-dinkes' });
    expect(callOutput(fromVariable, { a: 1 })).toEqual({ a: 1 });
  });
});
