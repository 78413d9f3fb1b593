// Ids that sort by creation time (so lists page naturally) and cannot be guessed.
import { randomFillSync } from 'node:crypto';
import type { IdSource } from '../domain/ports.ts';

// Random bytes drawn 4 KiB at a time: one call into the CSPRNG per 512 ids instead of one per id.
const POOL_BYTES = 4096;
const ID_BYTES = 8;
const pool = Buffer.alloc(POOL_BYTES);
let offset = POOL_BYTES;

function randomHex(): string {
  if (offset + ID_BYTES > POOL_BYTES) {
    randomFillSync(pool);
    offset = 0;
  }
  const hex = pool.toString('hex', offset, offset + ID_BYTES);
  offset += ID_BYTES;
  return hex;
}

export const randomIds: IdSource = {
  next(prefix: string): string {
    const time = Date.now().toString(36).padStart(9, '0');
    return `${prefix}_${time}${randomHex()}`;
  },
};
