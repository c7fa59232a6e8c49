import type { Route } from '../route';
import type { AppServices } from '../services';
import { authRoutes } from './auth';
import { calendarRoutes } from './calendar';
import { clockRoutes } from './clock';
import { deploymentRoutes } from './deployments';
import { healthRoutes } from './health';
import { instanceRoutes } from './instances';
import { taskRoutes } from './tasks';
import { userRoutes } from './users';

export function allRoutes(s: AppServices): Route<unknown, unknown>[] {
  return [
    ...healthRoutes(s),
    ...authRoutes(s),
    ...userRoutes(s),
    ...deploymentRoutes(s),
    ...instanceRoutes(s),
    ...taskRoutes(s),
    ...calendarRoutes(s),
    ...clockRoutes(s),
  ] as Route<unknown, unknown>[];
}
