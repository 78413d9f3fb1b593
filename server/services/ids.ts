// Ids that sort by creation time (so lists page naturally) and cannot be guessed.
import { randomBytes } from 'node:crypto';
import type { IdSource } from '../domain/ports.ts';

export const randomIds: IdSource = {
  next(prefix: string): string {
    const time = Date.now().toString(36).padStart(9, '0');
    return `${prefix}_${time}${randomBytes(8).toString('hex')}`;
  },
};
