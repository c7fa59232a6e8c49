import { get } from '../api';
import { t } from '../i18n';
import { signal, type Signal } from '../signal';
import { polled } from '../ui/polled';
import type { Worklist } from './types';

/** How much work waits for the signed-in user: their own tasks plus their groups' claimable ones. */
export interface WaitingWork {
  count: number;
  /** A tab reached the server's cap: there is more than `count`. */
  more: boolean;
}

const POLL_MS = 60_000;

/**
 * The menu's and the browser tab's count of waiting work. It polls the worklist's totals (one
 * item, the counts are what matter) once a minute from its first follower on, and takes fresher
 * totals from the worklist page whenever it loads them.
 */
export const waitingWork: Signal<WaitingWork | null> = signal<WaitingWork | null>(null);
/** The same as the menu shows it ("3", "1000+"; null: nothing waits); the tab title follows it. */
export const waitingBadge: Signal<string | null> = signal<string | null>(null);
waitingWork.subscribe((w) => {
  waitingBadge.set(waitingLabel(w));
  document.title = titleWith(w);
});

export function noteWorklistCounts(w: Pick<Worklist, 'counts' | 'countsCapped'>): void {
  const next = { count: w.counts.mine + w.counts.group, more: !!(w.countsCapped?.mine || w.countsCapped?.group) };
  const now = waitingWork.get();
  if (!now || now.count !== next.count || now.more !== next.more) waitingWork.set(next);
}

async function refresh(): Promise<void> {
  try {
    noteWorklistCounts(await get<Worklist>('/api/worklist?limit=1'));
  } catch {
    // Signed out or offline: the count stays as it was; the pages say what is wrong.
  }
}

/** Starts following (idempotent); returns how to stop when nobody follows any more. */
export const followWaitingWork: () => () => void = polled(refresh, () => waitingWork.set(null), POLL_MS);

/** "3", "1000+", or null when nothing waits. */
export function waitingLabel(w: WaitingWork | null): string | null {
  if (!w || w.count === 0) return null;
  return `${w.count}${w.more ? '+' : ''}`;
}

/** The browser tab's title: "(3) LAPOR!-SP4N · Alur Kerja SOP". */
export function titleWith(w: WaitingWork | null): string {
  const label = waitingLabel(w);
  return label ? `(${label}) ${t('app.title')}` : t('app.title');
}
