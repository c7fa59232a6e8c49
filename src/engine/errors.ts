/**
 * Errors the core raises for a caller's mistake. The HTTP layer maps `status` to the response;
 * the engine itself knows nothing of HTTP, only of these categories.
 */
export class WorkflowError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409,
    message: string,
    readonly detail?: unknown,
  ) {
    super(message);
  }
}
export const badRequest = (message: string, detail?: unknown) => new WorkflowError(400, message, detail);
export const forbidden = (message: string) => new WorkflowError(403, message);
export const notFound = (message: string) => new WorkflowError(404, message);
export const conflict = (message: string, detail?: unknown) => new WorkflowError(409, message, detail);
