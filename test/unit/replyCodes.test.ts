import { hashReplyCode, newReplyCode, normalizeReplyCode, replyCodeMatches } from '../../src/domain/replyCodes';

describe('reply codes', () => {
  it('are 10 characters without look-alikes, grouped 5-5, and differ from each other', () => {
    const codes = Array.from({ length: 200 }, newReplyCode);
    for (const c of codes) expect(c).toMatch(/^[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}$/);
    expect(codes.join('')).not.toMatch(/[01OIL]/);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('match as typed in any case, with spaces or without the dash; not another code or a changed hash', async () => {
    const code = newReplyCode();
    const stored = await hashReplyCode(code);
    expect(stored).not.toContain(normalizeReplyCode(code));
    for (const typed of [code, code.toLowerCase(), code.replace('-', ''), ` ${code.replace('-', ' ')} `]) expect(await replyCodeMatches(typed, stored)).toBe(true);
    const other = code[0] === '2' ? `3${code.slice(1)}` : `2${code.slice(1)}`;
    expect(await replyCodeMatches(other, stored)).toBe(false);
    expect(await replyCodeMatches(`${code}X`, stored)).toBe(false);
    expect(await replyCodeMatches('', stored)).toBe(false);
    // Salted: the same code hashes differently each time, and each hash checks it.
    const again = await hashReplyCode(code);
    expect(again).not.toBe(stored);
    expect(await replyCodeMatches(code, again)).toBe(true);
  });

  it('never throws on a damaged stored value', async () => {
    const code = newReplyCode();
    for (const stored of ['', 'sha256$x', 'scrypt$0$8$1$AAAA$AAAA', 'scrypt$16384$8$1$$', 'scrypt$999999999999$8$1$AAAA$AAAA']) {
      expect(await replyCodeMatches(code, stored)).toBe(false);
    }
  });
});
