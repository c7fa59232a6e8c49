import { randomBytes, randomInt, scrypt, timingSafeEqual, type BinaryLike, type ScryptOptions } from 'node:crypto';

/**
 * The reporter's reply code: handed out once at intake (receipt and receipt mail), it lets the
 * reporter answer on the public page without an account. Only its hash is stored.
 *
 * 10 characters from an alphabet without look-alikes (no 0/O, 1/I/L): 31^10 ≈ 2^49.5 codes.
 * Online guessing is throttled per tracking ID and client (replyThrottle), so that is plenty.
 * Offline, after a database leak, a per-row salted SHA-256 of 50 bits would fall to one GPU in
 * about a day per complaint; scrypt (N=2^14, r=8: about 16 MB and tens of milliseconds a try)
 * makes that millions of times dearer, and costs us one hash at intake and one per reply.
 */
const alphabet = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const codeLength = 10;
const cost = { N: 1 << 14, r: 8, p: 1 } as const;
const keyLength = 32;

/** A new code, shown grouped for reading aloud: "K7QM4-XW2PD". */
export function newReplyCode(): string {
  let code = '';
  for (let i = 0; i < codeLength; i++) code += alphabet[randomInt(alphabet.length)];
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

/** What the reporter typed, as the code was made: case, spaces and dashes do not matter. */
export function normalizeReplyCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '');
}

/** `scrypt$N$r$p$salt$hash` (base64): the parameters travel with the hash, so they can be raised later. */
export async function hashReplyCode(code: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await derive(normalizeReplyCode(code), salt, cost);
  return ['scrypt', cost.N, cost.r, cost.p, salt.toString('base64'), hash.toString('base64')].join('$');
}

/** Whether the typed code is the one hashed; false for a malformed stored value, never an exception. */
export async function replyCodeMatches(code: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const normalized = normalizeReplyCode(code);
  // A code of another shape cannot match: no hash needed (and no long input hashed).
  if (normalized.length !== codeLength || [...normalized].some((c) => !alphabet.includes(c))) return false;
  const expected = Buffer.from(hash, 'base64');
  try {
    const actual = await derive(normalized, Buffer.from(salt, 'base64'), { N: Number(n), r: Number(r), p: Number(p) });
    return actual.length === expected.length && timingSafeEqual(actual, expected);
  } catch {
    // Parameters scrypt refuses (a damaged row): no code matches it.
    return false;
  }
}

function derive(code: BinaryLike, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(code, salt, keyLength, { ...options, maxmem: 64 * 1024 * 1024 }, (err, key) => (err ? reject(err) : resolve(key)));
  });
}
