import type { Queryable } from '../db/database';

/**
 * Slows password guessing. Failed sign-ins are counted in the database (so every app process
 * sees the same counts) under three keys, each with its own limit per window:
 * - the username from one address: the owner mistyping; the tightest limit;
 * - the address, whatever the username: one machine trying many accounts;
 * - the username, whatever the address: many machines guessing one account.
 * Keying the tight limit on username *and* address means nobody elsewhere can lock a colleague
 * out by typing wrong passwords for her name. Time is real time, like sessions'.
 */
export interface ThrottleRule {
  kind: 'user-ip' | 'ip' | 'user';
  /** Failures within `windowMinutes` that lock the key. */
  limit: number;
}

export interface ThrottleOptions {
  rules: ThrottleRule[];
  windowMinutes: number;
  lockMinutes: number;
  now: () => Date;
  /**
   * Keeps another kind of guessing apart from sign-ins in the same table (e.g. `reply` for the
   * reporter's reply codes): its failures neither lock nor are locked by failed sign-ins.
   */
  namespace?: string;
}

export const defaultThrottle: Omit<ThrottleOptions, 'now'> = {
  rules: [
    { kind: 'user-ip', limit: 5 },
    { kind: 'ip', limit: 20 },
    { kind: 'user', limit: 50 },
  ],
  windowMinutes: 15,
  lockMinutes: 15,
};

export interface Attempt {
  username: string;
  ip: string;
}

export class LoginThrottle {
  private readonly options: ThrottleOptions;

  constructor(
    private readonly db: Queryable,
    options: Partial<ThrottleOptions> = {},
  ) {
    this.options = { ...defaultThrottle, now: () => new Date(), ...options };
  }

  /** Seconds until the attempt may be made, or 0 when none of its keys is locked. */
  async retryAfterSeconds(attempt: Attempt): Promise<number> {
    const now = this.options.now();
    const { rows } = await this.db.query<{ locked_until: Date | string }>(
      'select locked_until from login_failures where key = any($1::text[]) and locked_until > $2',
      [this.keys(attempt), now.toISOString()],
    );
    const until = Math.max(0, ...rows.map((r) => new Date(r.locked_until).getTime()));
    return until ? Math.ceil((until - now.getTime()) / 1000) : 0;
  }

  /** Counts a failure under each key, in one statement; a key reaching its limit is locked. */
  async failed(attempt: Attempt): Promise<void> {
    const { rules, windowMinutes, lockMinutes } = this.options;
    const now = this.options.now();
    const windowStart = new Date(now.getTime() - windowMinutes * 60_000);
    const lockedUntil = new Date(now.getTime() + lockMinutes * 60_000);
    await this.db.query(
      `insert into login_failures as f (key, failures, window_start, locked_until)
       select k, 1, $3::timestamptz, case when l <= 1 then $5::timestamptz end
         from unnest($1::text[], $2::int[]) as t(k, l)
       on conflict (key) do update set
         failures = case when f.window_start <= $4 then 1 else f.failures + 1 end,
         window_start = case when f.window_start <= $4 then $3::timestamptz else f.window_start end,
         locked_until = case when (case when f.window_start <= $4 then 1 else f.failures + 1 end)
                                  >= (select l from unnest($1::text[], $2::int[]) as t(k, l) where k = f.key)
                             then $5::timestamptz else f.locked_until end`,
      [this.keys(attempt), rules.map((r) => r.limit), now.toISOString(), windowStart.toISOString(), lockedUntil.toISOString()],
    );
    // Forget what no longer counts, so guessing many names cannot grow the table without end.
    await this.db.query('delete from login_failures where window_start <= $1 and (locked_until is null or locked_until <= $2)', [
      windowStart.toISOString(),
      now.toISOString(),
    ]);
  }

  /** The right password from this address: its own mistakes are forgiven, not the others'. */
  async succeeded(attempt: Attempt): Promise<void> {
    await this.db.query('delete from login_failures where key = $1', [this.key('user-ip', attempt)]);
  }

  private keys(attempt: Attempt): string[] {
    return this.options.rules.map((r) => this.key(r.kind, attempt));
  }

  private key(kind: ThrottleRule['kind'], attempt: Attempt): string {
    const key = keyOf(kind, attempt);
    return this.options.namespace ? `${this.options.namespace}/${key}` : key;
  }
}

function keyOf(kind: ThrottleRule['kind'], { username, ip }: Attempt): string {
  const user = username.trim().toLowerCase();
  return kind === 'user-ip' ? `user-ip:${user}|${ip}` : kind === 'ip' ? `ip:${ip}` : `user:${user}`;
}
