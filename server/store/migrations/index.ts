// Every schema version in order; a migration is applied once, in one batch, and recorded.
import initial from './001-initial.ts';

export interface Migration {
  version: number;
  name: string;
  statements: string[];
}

export const MIGRATIONS: Migration[] = [{ version: 1, name: 'initial', statements: initial }];
