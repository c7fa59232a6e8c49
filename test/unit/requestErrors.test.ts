import createError from 'http-errors';
import { errorAnswer, JsonTooDeep } from '../../src/http/requestErrors';
import { badRequest } from '../../src/engine/errors';

/** The one error layer: a caller's mistake is a 4xx with a message, whatever raised it. */
describe('errorAnswer', () => {
  it.each(['22021', '22P02', '22007', '22008', '54001', '22P05', '22003'])('answers PostgreSQL input error %s with 400', (code) => {
    const pgError = Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), { code });
    expect(errorAnswer(pgError)).toEqual({ status: 400, body: { error: 'invalid request', detail: expect.stringContaining('invalid byte sequence'), code: 'request.invalid' } });
  });

  it.each([
    ['entity.parse.failed', 400, 400],
    ['entity.too.large', 413, 413],
    ['charset.unsupported', 415, 415],
    ['encoding.unsupported', 415, 415],
    ['request.aborted', 400, 400],
    ['stream.encoding.set', 500, 400],
    ['request.size.invalid', 400, 400],
  ])('answers body-parser error %s with a 4xx', (type, raised, answered) => {
    const answer = errorAnswer(createError(raised, 'what went wrong', { type, limit: 1024 * 1024 }));
    expect([answer?.status, answer?.body.error, answer?.body.detail]).toEqual([answered, expect.any(String), expect.stringMatching(/.+/)]);
  });

  it('keeps what a 4xx from http-errors says, and leaves anything else to the 500', () => {
    expect(errorAnswer(createError(400, 'incorrect header check'))).toMatchObject({ status: 400, body: { detail: 'incorrect header check' } });
    expect(errorAnswer(new Error('boom'))).toBeUndefined();
    expect(errorAnswer(createError(500, 'boom'))).toBeUndefined();
    expect(errorAnswer(Object.assign(new Error('deadlock'), { code: '40P01' }))).toBeUndefined();
  });

  it('answers our own errors in the ErrorBody shape', () => {
    expect(errorAnswer(new JsonTooDeep(32))).toEqual({ status: 400, body: { error: 'invalid JSON', detail: expect.stringContaining('32'), code: 'request.tooDeep' } });
    expect(errorAnswer(badRequest('nope', 'why').as('request.invalid'))).toEqual({ status: 400, body: { error: 'nope', detail: 'why', code: 'request.invalid' } });
  });
});
