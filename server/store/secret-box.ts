// Secrets the product must read back in full (webhook signing secrets, channels' HMAC secrets: an
// HMAC needs the key itself, so they cannot be hashed as API tokens are) are stored sealed with
// AES-256-GCM under a key kept apart from the database, so a copy of the database (a backup, a
// replica, a stolen file) holds none of them. The key is CONVEYOR_SECRET_KEY, or for a database file
// a key file beside it, made on first use; a libSQL server or Turso needs CONVEYOR_SECRET_KEY, the
// same on every app server. Values stored before sealing existed read as they are until sealed.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, linkSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { DbKind } from './client.ts';

export interface SecretBox {
  /** The secret sealed for storage. */
  seal(plain: string): string;
  /** A stored secret in the clear (a value stored before sealing existed comes back as it is). */
  open(stored: string): string;
}

/** What a sealed value starts with. */
export const SEALED_PREFIX = 'cvs1:';

/** Whether a stored value is sealed (else it was stored before sealing existed). */
export const isSealed = (stored: string): boolean => stored.startsWith(SEALED_PREFIX);
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;

export function secretBoxOf(key: Buffer): SecretBox {
  if (key.length !== KEY_BYTES) throw new Error(`a secret key is ${KEY_BYTES} bytes, not ${key.length}`);
  return {
    seal(plain) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const sealed = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return SEALED_PREFIX + Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64url');
    },
    open(stored) {
      if (!isSealed(stored)) return stored;
      const raw = Buffer.from(stored.slice(SEALED_PREFIX.length), 'base64url');
      const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES));
      decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      try {
        return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
      } catch {
        throw new Error(
          'a stored secret cannot be opened: it was sealed under another key (CONVEYOR_SECRET_KEY or the key file) or altered',
        );
      }
    },
  };
}

/** Reads a key given as base64 (or base64url) of 32 bytes, or 64 hex digits. */
export function parseSecretKey(text: string, from: string): Buffer {
  const t = text.trim();
  const key = /^[0-9a-f]{64}$/i.test(t) ? Buffer.from(t, 'hex') : Buffer.from(t, 'base64url');
  if (key.length !== KEY_BYTES) {
    throw new Error(`${from} is not a secret key: give 32 random bytes as base64 (openssl rand -base64 32) or 64 hex digits`);
  }
  return key;
}

/**
 * The key secrets are sealed under: `keyText` (CONVEYOR_SECRET_KEY) when given; else, for a database
 * file, the key file beside it (created on first use when `create`, readable by its owner only);
 * else, for an in-memory database, a key that lives as long as the process, as the database does.
 */
export function resolveSecretKey(o: {
  kind: DbKind;
  path?: string | undefined;
  keyText?: string | undefined;
  /** Whether a missing key file may be made (not once the database holds values sealed under some key). */
  create?: boolean | undefined;
}): Buffer {
  if (o.keyText) return parseSecretKey(o.keyText, 'CONVEYOR_SECRET_KEY');
  if (o.kind === 'memory') return randomBytes(KEY_BYTES);
  if (o.kind === 'remote' || !o.path) {
    throw new Error(
      'CONVEYOR_SECRET_KEY is needed with a libSQL server or Turso: webhook and channel secrets are stored sealed under it, and every app server must use the same one (openssl rand -base64 32)',
    );
  }
  const file = `${o.path}.key`;
  if (!existsSync(file) && o.create === false) {
    throw new Error(
      `the key file ${file} is missing, and this database's secrets are sealed under it: restore it beside the database, or set CONVEYOR_SECRET_KEY to its key`,
    );
  }
  return keyFile(file);
}

/** Reads the key file, creating it first if there is none (atomically: processes starting together agree on one key). */
function keyFile(path: string): Buffer {
  if (!existsSync(path)) {
    const partial = `${path}.${process.pid}.${randomBytes(4).toString('hex')}`;
    writeFileSync(partial, `${randomBytes(KEY_BYTES).toString('base64')}\n`, { mode: 0o600 });
    try {
      linkSync(partial, path); // fails if another process made one meanwhile: theirs stands
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      rmSync(partial, { force: true });
    }
  }
  return parseSecretKey(readFileSync(path, 'utf8'), path);
}
