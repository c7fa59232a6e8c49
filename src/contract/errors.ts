/**
 * The API's error answers. `error` (and `detail`) are English for API users; errors that staff
 * meet in the web app also carry a stable `code` and its `params`, which the web app words in
 * the user's language. Like the rest of src/contract, it imports nothing.
 */
export const errorCodes = [
  'task.notCandidate',
  'task.claimedBy',
  'task.claimedJustNow',
  'task.onlyAssigneeReleases',
  'task.onlyAssigneeCompletes',
  'task.claimFirst',
  'task.changedConcurrently',
  'task.already.completed',
  'task.already.cancelled',
  'task.noLongerWaiting',
  'task.unknown',
  'form.invalid',
  'instance.changedConcurrently',
  'instance.already.completed',
  'instance.already.terminated',
  'instance.already.failed',
  'opd.otherOpd',
  'opd.unknown',
  'opd.inactive',
  'opd.otherDistrict',
  'process.notDeployed',
  'process.startNotAllowed',
  'bpmn.invalid',
  'complaint.intakeRole',
  'complaint.answerNeeded',
  'attachment.empty',
  'attachment.rejected',
  'request.invalid',
  'request.nulCharacter',
  'request.tooDeep',
  'request.badJson',
  'request.badEncoding',
  'request.tooLarge',
  'request.notJson',
  'request.crossSite',
  'duration.tooLong',
  'auth.throttled',
  'access.readOnly',
  'process.trackingIdKey',
  'process.startedByEvent',
  'event.noLongerWaiting',
  'message.notCorrelated',
  'message.ambiguous',
  'attachment.tooLarge',
  'access.workerOnly',
  'externalTask.unknown',
  'externalTask.notLocked',
  'externalTask.lockExpired',
  'group.unknown',
  'group.inactive',
  'group.roleId',
  'group.taken',
  'bpmn.unknownGroup',
  'inbox.unknown',
  'mail.unknown',
  'mail.notResendable',
  'reply.wrongCode',
  'reply.noCode',
  'reply.notAwaited',
  'reply.throttled',
  'document.notYet',
  'document.wrongCode',
  'task.notSuperior',
  'extension.noDueDate',
  'extension.notLater',
  'extension.inPast',
  'migration.unmappable',
  'migration.sameVersion',
  'migration.notOnVersion',
  'migration.stateMismatch',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

export type ErrorParams = Record<string, string | number>;

/** What a field broke, so the web app can say it in the user's language with the real numbers. */
export const fieldRules = [
  'required',
  'requiredIf',
  'readOnly',
  'notAField',
  'type',
  'choice',
  'minLength',
  'maxLength',
  'minItems',
  'maxItems',
  'min',
  'max',
  'notBefore',
  'notAfter',
  'format',
  'other',
] as const;
export type FieldRule = (typeof fieldRules)[number];

/** One field a request got wrong. */
export interface FieldProblem {
  /** Its path in the body or query ("subject", "reporter.name"), or a task form's field id. */
  field: string;
  /** A task form field's label. */
  label?: string;
  rule: FieldRule;
  /** The bound broken (minLength, max, notBefore, …). */
  limit?: string | number;
  /** What was expected: a type, a format, or the choices joined by ", "; for requiredIf, the other field's label. */
  expected?: string;
  /** The same in English, for API users. */
  message: string;
}

export interface ErrorBody {
  error: string;
  detail?: unknown;
  code?: ErrorCode;
  params?: ErrorParams;
  /** For request.invalid and form.invalid: each field's problem. */
  fields?: FieldProblem[];
}
