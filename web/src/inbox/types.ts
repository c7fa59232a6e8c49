export type { InboxItem, InboxPage } from '../../../src/contract/inbox';
