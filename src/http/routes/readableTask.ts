import type { User } from '../../domain/users';
import type { UserTask } from '../../engine/userTasks';
import { uuidParam } from '../params';
import type { AppServices } from '../services';

/**
 * The task of a path's `:id`, when the user may see it (its candidates and assignee, history
 * readers, within the OPD): what every read of one task, its form and its earlier steps asks first.
 */
export function readableTask(s: AppServices): (id: string, user: User) => Promise<UserTask> {
  return async (id, user) => {
    const task = await s.engine.tasks.get(uuidParam(id));
    await s.access.assertMayReadTask(user, task);
    return task;
  };
}
