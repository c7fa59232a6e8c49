import type { InboxItem, InboxPage } from '../contract/inbox';
import type { Database } from '../db/database';
import { notFound } from '../engine/errors';

export type { InboxItem, InboxPage };

/** The most items one page holds. */
export const maxInboxPage = 100;

interface ItemRow {
  id: string;
  kind: string;
  title: string;
  link: string;
  created_at: Date | string;
  read_at: Date | string | null;
  params: Record<string, unknown> | null;
}

const toItem = (r: ItemRow): InboxItem => ({
  id: r.id,
  kind: r.kind,
  title: r.title,
  params: Object.fromEntries(Object.entries(r.params ?? {}).filter((e): e is [string, string] => typeof e[1] === 'string')),
  link: r.link,
  createdAt: new Date(r.created_at).toISOString(),
  read: r.read_at !== null,
});

/**
 * Each user's in-app inbox. Its items are written by the database in the commit of the step that
 * caused them (triggers of migration 13); here they are only read and marked read, each user only
 * their own.
 */
export class Inbox {
  constructor(
    private readonly db: Database,
    /** When an item is marked read (the workflow clock, like the items' own times). */
    private readonly now: () => Date,
  ) {}

  async list(username: string, page: { limit?: number; offset?: number } = {}): Promise<InboxPage> {
    const limit = Math.min(page.limit ?? 50, maxInboxPage);
    const [items, unread] = await Promise.all([
      this.db.query<ItemRow>(
        `select id, kind, title, params, link, created_at, read_at from inbox_items where username = $1
          order by created_at desc, id desc limit $2 offset $3`,
        [username, limit, page.offset ?? 0],
      ),
      this.unread(username),
    ]);
    return { unread, items: items.rows.map(toItem) };
  }

  async unread(username: string): Promise<number> {
    const { rows } = await this.db.query<{ n: number }>('select count(*)::int as n from inbox_items where username = $1 and read_at is null', [username]);
    return rows[0].n;
  }

  /** Another user's item is unknown to the caller: 404, as for an id that does not exist. */
  async markRead(username: string, id: string): Promise<InboxItem> {
    const { rows } = await this.db.query<ItemRow>(
      `update inbox_items set read_at = coalesce(read_at, $3) where id = $1 and username = $2
        returning id, kind, title, params, link, created_at, read_at`,
      [id, username, this.now().toISOString()],
    );
    if (!rows[0]) throw notFound(`no notification "${id}" in your inbox`).as('inbox.unknown');
    return toItem(rows[0]);
  }

  /** Returns how many items it marked. */
  async markAllRead(username: string): Promise<number> {
    const { rowCount } = await this.db.query('update inbox_items set read_at = $2 where username = $1 and read_at is null', [username, this.now().toISOString()]);
    return rowCount ?? 0;
  }
}
