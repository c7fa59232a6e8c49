import type { ProcessModel } from './bpmnDefinition';
import type { InstanceStatus } from './instanceReads';
import type { RuntimeEvent } from './processRuntime';
import type { BatchPart } from './statementBatch';
import type { Variables } from './variables';

/**
 * What one command did to an instance, as a record kept beside the instances needs it (the
 * complaint of a business key). The engine knows nothing of complaints: the domain registers a
 * projection, and its write commits with the instance's, in the same statement or transaction.
 */
export interface CommitFacts {
  instanceId: string;
  businessKey: string;
  model: ProcessModel;
  events: readonly RuntimeEvent[];
  /** The instance's status after the command. */
  status: InstanceStatus;
  variables: Variables;
  /** The variables this command set or changed (all of them when it started the instance on its own). */
  changedVariables: readonly string[];
  /** A person completed a user task in this command. */
  completedTask: boolean;
  now: Date;
}

/** Plans the write of a record kept beside an instance with a business key; undefined for none. */
export type CommitProjection = (facts: CommitFacts) => BatchPart | undefined;
