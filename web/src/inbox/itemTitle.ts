import type { InboxItem } from './types';

type Translate = (key: string, vars?: Record<string, string | number>) => string;

/**
 * An inbox item's title in the user's language, from its kind and params (migration 18); the
 * server's Indonesian `title` when the item has no params (written before) or a kind we do not know.
 */
export function itemTitle(item: Pick<InboxItem, 'kind' | 'title' | 'params'>, t: Translate): string {
  const key = `inbox.item.${item.kind}`;
  const p = item.params ?? {};
  if (Object.keys(p).length === 0 || t(key) === key) return item.title;
  const ref = p.trackingId ? ` (${p.trackingId})` : '';
  const task = p.task ?? t(item.kind === 'pengingat' || item.kind === 'terlambat' ? 'inbox.item.someTask' : 'inbox.item.aTask');
  return t(key, { task, ref, trackingId: p.trackingId ?? '', subject: p.subject ?? '' });
}
