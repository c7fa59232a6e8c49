import type { ProcessModel } from '../../src/engine/bpmnDefinition';
import { mappingProblems, renamesFor, rewriteState } from '../../src/engine/migrationPlan';

/** Just what the mapping reads of a model: its elements' kinds and hosts. */
const model = (kinds: Record<string, string>, attachedTo: Record<string, string> = {}) =>
  ({ elementKinds: new Map(Object.entries(kinds)), attachedTo: new Map(Object.entries(attachedTo)) }) as unknown as ProcessModel;

const timer = 'bpmn:BoundaryEvent bpmn:TimerEventDefinition';
const a = model({ Task_Telaah: 'bpmn:UserTask', Lewat: timer, Gateway: 'bpmn:ExclusiveGateway' }, { Lewat: 'Task_Telaah' });

describe('which element an active element becomes', () => {
  it('maps the same id by default and lists what the target lacks or has of another kind', () => {
    expect(mappingProblems('i1', ['Task_Telaah', 'Lewat'], a, a, {})).toEqual([]);
    const b = model({ Task_Periksa: 'bpmn:UserTask', Lewat: 'bpmn:BoundaryEvent bpmn:MessageEventDefinition' }, { Lewat: 'Task_Periksa' });
    expect(mappingProblems('i1', ['Task_Telaah', 'Lewat'], a, b, {})).toEqual([
      { instanceId: 'i1', elementId: 'Task_Telaah', target: null, reason: 'missing' },
      { instanceId: 'i1', elementId: 'Lewat', target: 'Lewat', reason: 'otherKind' },
    ]);
  });

  it('keeps a boundary event on the element its host becomes, and two elements off one target', () => {
    const b = model({ Task_Periksa: 'bpmn:UserTask', Task_Lain: 'bpmn:UserTask', Lewat2: timer }, { Lewat2: 'Task_Lain' });
    expect(mappingProblems('i1', ['Task_Telaah', 'Lewat'], a, b, { Task_Telaah: 'Task_Periksa', Lewat: 'Lewat2' })).toEqual([
      { instanceId: 'i1', elementId: 'Lewat', target: 'Lewat2', reason: 'otherHost' },
    ]);
    const two = model({ Task_X: 'bpmn:UserTask' });
    const a2 = model({ T1: 'bpmn:UserTask', T2: 'bpmn:UserTask' });
    expect(mappingProblems('i1', ['T1', 'T2'], a2, two, { T1: 'Task_X', T2: 'Task_X' })).toEqual([{ instanceId: 'i1', elementId: 'T2', target: 'Task_X', reason: 'sharedTarget' }]);
  });
});

describe('the engine state under the new ids', () => {
  it('renames every mention of a renamed element but not execution ids or variables, and drops a stale state of the new id', () => {
    const state = {
      definitions: [
        {
          execution: {
            processes: [
              {
                environment: { variables: { note: 'Task_Telaah' } },
                execution: {
                  children: [
                    { id: 'Task_Periksa', status: 'completed' },
                    { id: 'Task_Telaah', executionId: 'Task_Telaah_1a2b', broker: { queues: [{ messages: [{ content: { id: 'Task_Telaah', attachedTo: 'Task_Telaah' } }] }] } },
                  ],
                },
              },
            ],
          },
        },
      ],
    };
    const out = rewriteState(state, renamesFor(['Task_Telaah', 'Lewat'], { Task_Telaah: 'Task_Periksa' }));
    const proc = (out.definitions![0] as typeof state.definitions[0]).execution.processes[0];
    expect(proc.environment.variables.note).toBe('Task_Telaah');
    expect(proc.execution.children).toEqual([
      { id: 'Task_Periksa', executionId: 'Task_Telaah_1a2b', broker: { queues: [{ messages: [{ content: { id: 'Task_Periksa', attachedTo: 'Task_Periksa' } }] }] } },
    ]);
  });
});
