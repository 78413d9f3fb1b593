import { describe, expect, it } from 'vitest';
import { readHookReply } from './hook-reply.ts';

const LIMITS = { maxResultBytes: 64, maxLogLines: 2 };

describe('readHookReply', () => {
  it('reads a result and its logs', () => {
    expect(readHookReply('ok\n["a","b"]\n[{"lines":[]}]', LIMITS)).toEqual({ ok: true, value: [{ lines: [] }], logs: ['a', 'b'] });
  });

  it('reads a failure the isolate reported', () => {
    expect(readHookReply('threw\n[]\n"Error: boom"', LIMITS)).toEqual({
      ok: false,
      error: { kind: 'threw', message: 'Error: boom' },
      logs: [],
    });
  });

  it('measures the result in UTF-8 bytes', () => {
    const reply = readHookReply(`ok\n[]\n"${'€'.repeat(30)}"`, LIMITS);
    expect(reply).toMatchObject({ ok: false, error: { kind: 'result_too_large' } });
  });

  it.each([
    ['a plain key', '{"__proto__":{"polluted":true}}'],
    ['an escaped key', '{"\\u005f_proto__":{"polluted":true}}'],
  ])('refuses a __proto__ key spelled as %s', (_, json) => {
    expect(readHookReply(`ok\n[]\n${json}`, LIMITS)).toMatchObject({
      ok: false,
      error: { kind: 'invalid_result', message: 'the result has a "__proto__" key' },
    });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('lets "__proto__" through as a string value', () => {
    expect(readHookReply('ok\n[]\n["__proto__"]', LIMITS)).toMatchObject({ ok: true, value: ['__proto__'] });
  });

  it.each([
    ['no separators', 'ok'],
    ['an unknown status', 'escaped\n[]\n"x"'],
    ['a message that is not text', 'threw\n[]\n{"a":1}'],
    ['a result that is not JSON', 'ok\n[]\n{nope'],
  ])('treats a garbled reply (%s) as invalid_result', (_, raw) => {
    expect(readHookReply(raw, LIMITS)).toMatchObject({ ok: false, error: { kind: 'invalid_result' } });
  });

  it('keeps only text log lines, capped', () => {
    expect(readHookReply('ok\n["a",1,"b","c","d"]\n[]', LIMITS).logs).toEqual(['a', 'b', 'c']);
  });
});
