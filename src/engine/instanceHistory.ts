import type { Queryable } from '../db/database';
import { listHistory, type HistoryRecord } from './history';
import { verifyHistoryChain, type HistoryVerification } from './historyChain';

/** An instance's history as readers get it: the entries, and the check of their hash chain. */
export class InstanceHistory {
  constructor(private readonly db: Queryable) {}

  list(instanceId: string): Promise<HistoryRecord[]> {
    return listHistory(this.db, instanceId);
  }

  verify(instanceId: string): Promise<HistoryVerification> {
    return verifyHistoryChain(this.db, instanceId);
  }
}
