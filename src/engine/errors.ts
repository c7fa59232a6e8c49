import type { ErrorCode, ErrorParams, FieldProblem } from '../contract/errors';

/**
 * Errors the core raises for a caller's mistake. The HTTP layer maps `status` to the response;
 * the engine itself knows nothing of HTTP, only of these categories. Errors staff meet in the web
 * app also get a `code` (`.as(...)`), so the app can say them in Bahasa Indonesia.
 */
export class WorkflowError extends Error {
  code?: ErrorCode;
  params?: ErrorParams;
  fields?: FieldProblem[];

  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409,
    message: string,
    readonly detail?: unknown,
  ) {
    super(message);
  }

  as(code: ErrorCode, params?: ErrorParams): this {
    this.code = code;
    this.params = params;
    return this;
  }

  /** The fields at fault, each with its rule, for an answer in the user's language. */
  withFields(fields: FieldProblem[]): this {
    this.fields = fields;
    return this;
  }
}
export const badRequest = (message: string, detail?: unknown) => new WorkflowError(400, message, detail);
export const forbidden = (message: string) => new WorkflowError(403, message);
export const notFound = (message: string) => new WorkflowError(404, message);
export const conflict = (message: string, detail?: unknown) => new WorkflowError(409, message, detail);
/** A diagram that cannot be deployed; `detail` names the problem (element, line and column where known). */
export const invalidBpmn = (detail: string): WorkflowError => badRequest('invalid BPMN', detail).as('bpmn.invalid');
