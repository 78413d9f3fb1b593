import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isSealed, parseSecretKey, resolveSecretKey, secretBoxOf } from './secret-box.ts';

const dir = mkdtempSync(join(tmpdir(), 'conveyor-secret-box-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const KEY = Buffer.alloc(32, 7);

describe('the secret box', () => {
  const box = secretBoxOf(KEY);

  it('seals a secret so that it reads back, each seal different and none holding the secret', () => {
    const a = box.seal('whsec_abc');
    const b = box.seal('whsec_abc');
    expect(a).not.toBe(b);
    for (const sealed of [a, b]) {
      expect(isSealed(sealed)).toBe(true);
      expect(sealed).not.toContain('abc');
      expect(box.open(sealed)).toBe('whsec_abc');
    }
  });

  it('refuses a sealed value altered, or opened under another key, and reads an unsealed value as it is', () => {
    const sealed = box.seal('whsec_abc');
    // One character changed, next to last: a whole six bits of the data (the last may hold padding bits).
    const at = sealed.length - 2;
    const flipped = sealed.slice(0, at) + (sealed[at] === 'A' ? 'B' : 'A') + sealed.slice(at + 1);
    expect(flipped).not.toBe(sealed);
    expect(() => box.open(flipped)).toThrow(/cannot be opened/);
    expect(() => secretBoxOf(Buffer.alloc(32, 8)).open(sealed)).toThrow(/another key/);
    expect(box.open('whsec_stored_before_sealing')).toBe('whsec_stored_before_sealing');
    expect(isSealed('whsec_stored_before_sealing')).toBe(false);
  });

  it('takes a key as base64, base64url or hex, and names what is wrong with anything else', () => {
    expect(parseSecretKey(KEY.toString('base64'), 'k')).toEqual(KEY);
    expect(parseSecretKey(KEY.toString('base64url'), 'k')).toEqual(KEY);
    expect(parseSecretKey(KEY.toString('hex'), 'k')).toEqual(KEY);
    expect(() => parseSecretKey('too short', 'CONVEYOR_SECRET_KEY')).toThrow(/CONVEYOR_SECRET_KEY is not a secret key/);
  });
});

describe('the key secrets are sealed under', () => {
  it('is a key file beside a database file, made once (owner-only) and read after', () => {
    const path = join(dir, 'a.db');
    const first = resolveSecretKey({ kind: 'file', path });
    expect(statSync(`${path}.key`).mode & 0o777).toBe(0o600);
    expect(resolveSecretKey({ kind: 'file', path })).toEqual(first);
    writeFileSync(join(dir, 'b.db.key'), 'not a key\n');
    expect(() => resolveSecretKey({ kind: 'file', path: join(dir, 'b.db') })).toThrow(/b\.db\.key is not a secret key/);
  });

  it('is CONVEYOR_SECRET_KEY when set, and must be set for a libSQL server', () => {
    expect(resolveSecretKey({ kind: 'file', path: join(dir, 'c.db'), keyText: KEY.toString('base64') })).toEqual(KEY);
    expect(resolveSecretKey({ kind: 'remote', keyText: KEY.toString('hex') })).toEqual(KEY);
    expect(() => resolveSecretKey({ kind: 'remote' })).toThrow(/CONVEYOR_SECRET_KEY is needed with a libSQL server or Turso/);
    expect(resolveSecretKey({ kind: 'memory' })).toHaveLength(32);
  });
});
