/** The shapes of GET /api/tasks, /api/tasks/:id and /api/worklist: the server's own contract. */
export type { SlaState, TaskDetail, TaskSla, TaskView, Worklist, WorklistItem } from '../../../src/contract/tasks';
