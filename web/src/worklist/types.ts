/** The shapes of GET /api/tasks, /api/tasks/:id and /api/worklist: the server's own contract. */
export type { PreviousStep, SlaState, StepAnswer, TaskDetail, TaskSla, TaskView, Worklist, WorklistItem } from '../../../src/contract/tasks';
