import { get } from '../api';
import { signal, type Signal } from '../signal';
import { polled } from '../ui/polled';
import type { InboxPage } from './types';

const POLL_MS = 60_000;

/** The signed-in user's unread notifications (null: not known yet, or signed out). */
export const unread: Signal<number | null> = signal<number | null>(null);

/** Takes the count from an answer the inbox page already has. */
export function noteUnread(page: Pick<InboxPage, 'unread'>): void {
  if (unread.get() !== page.unread) unread.set(page.unread);
}

export async function refreshUnread(): Promise<void> {
  try {
    noteUnread(await get<InboxPage>('/api/notifications?limit=1'));
  } catch {
    // Signed out or offline: the count stays; the pages say what is wrong.
  }
}

/** Polls once a minute while the bell is shown; returns how to stop. */
export const followUnread: () => () => void = polled(refreshUnread, () => unread.set(null), POLL_MS);
