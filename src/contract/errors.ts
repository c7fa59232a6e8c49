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
  'group.unknown',
  'group.inactive',
  'group.roleId',
  'group.taken',
  'bpmn.unknownGroup',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

export type ErrorParams = Record<string, string | number>;

export interface ErrorBody {
  error: string;
  detail?: unknown;
  code?: ErrorCode;
  params?: ErrorParams;
}
