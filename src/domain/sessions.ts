import { createHash, randomBytes } from 'node:crypto';
import type { Queryable } from '../db/database';

/**
 * Server-side sessions: the cookie holds a random token, the database only its sha256, so a
 * leaked table cannot be replayed. Expiry is in real time, whatever the workflow clock says.
 */
export class Sessions {
  constructor(
    private readonly db: Queryable,
    private readonly ttlHours: number,
  ) {}

  async create(userId: number): Promise<{ token: string; expiresAt: Date }> {
    const token = randomBytes(32).toString('base64url');
    const now = new Date();
    const expiresAt = new Date(now.getTime() + this.ttlHours * 3600_000);
    await this.db.query('insert into sessions (token_hash, user_id, created_at, expires_at) values ($1, $2, $3, $4)', [
      hash(token),
      userId,
      now.toISOString(),
      expiresAt.toISOString(),
    ]);
    return { token, expiresAt };
  }

  async userIdFor(token: string): Promise<number | undefined> {
    const { rows } = await this.db.query<{ user_id: number }>(
      'select s.user_id from sessions s join users u on u.id = s.user_id where s.token_hash = $1 and s.expires_at > $2 and u.active',
      [hash(token), new Date().toISOString()],
    );
    return rows[0]?.user_id;
  }

  async destroy(token: string): Promise<void> {
    await this.db.query('delete from sessions where token_hash = $1', [hash(token)]);
  }
}

function hash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
