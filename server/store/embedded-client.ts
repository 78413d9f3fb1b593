// The embedded database (a file or :memory:) through libsql's own driver, with each statement
// prepared once per SQL text. @libsql/client prepares every statement again on every call (and
// finds out whether it returns rows by catching an exception), which was a third of intake's time.
// This speaks the part of the client API the store uses; libsql servers still go through the client.
import { LibsqlError, type InArgs, type InStatement, type InValue, type ResultSet, type Row, type TransactionMode } from '@libsql/client';
import { statSync } from 'node:fs';
import Database from 'libsql';
import PoolDatabase from 'libsql/promise';

/** What the store needs of a database client; both this and @libsql/client's `Client` provide it. */
export interface DbClient {
  execute(stmt: InStatement): Promise<ResultSet>;
  batch(stmts: InStatement[], mode?: TransactionMode): Promise<ResultSet[]>;
  transaction(mode?: TransactionMode): Promise<DbTransaction>;
  close(): void;
}

export interface DbTransaction {
  execute(stmt: InStatement): Promise<ResultSet>;
  commit(): Promise<void>;
  rollback(): Promise<void>;
  /** Rolls back if still open; safe to call after commit. */
  close(): void;
}

interface Prepared {
  stmt: Database.Statement;
  /** Column names and declared types, for statements that return rows. */
  columns: string[] | undefined;
  columnTypes: string[];
}

// Enough for every fixed statement of the store; IN lists and multi-row VALUES vary their text, so
// the oldest entries make room (a prepared statement is a few KiB).
const MAX_CACHED = 500;

const BEGIN: Record<TransactionMode, string> = {
  write: 'BEGIN IMMEDIATE',
  read: 'BEGIN TRANSACTION READONLY',
  deferred: 'BEGIN DEFERRED',
};

/** One connection to an embedded database; statements run synchronously on this thread. */
export class EmbeddedClient implements DbClient {
  private readonly db: Database.Database;
  private readonly cache = new Map<string, Prepared>();

  private readonly waitOnPool: boolean;

  constructor(
    path: string,
    opts: {
      busyTimeoutMs: number;
      /**
       * BEGIN and COMMIT on libsql's thread pool (default), so an event loop serving requests goes on
       * while they wait; false runs them here, for a thread that has nothing else to do meanwhile.
       */
      waitOnPool?: boolean;
    },
  ) {
    this.db = new Database(path, { timeout: opts.busyTimeoutMs } as Database.Options);
    this.waitOnPool = opts.waitOnPool ?? true;
  }

  /** Runs one statement now; the promise is only for the client API's shape. */
  async execute(stmt: InStatement): Promise<ResultSet> {
    return this.run(stmt);
  }

  async batch(stmts: InStatement[], mode: TransactionMode = 'deferred'): Promise<ResultSet[]> {
    this.run(BEGIN[mode]);
    try {
      const results = stmts.map((s) => this.run(s));
      this.run('COMMIT');
      return results;
    } finally {
      if (this.db.inTransaction) this.run('ROLLBACK');
    }
  }

  /**
   * Opens a transaction. BEGIN and COMMIT run on libsql's thread pool: they are where SQLite waits,
   * for another process's write lock and for the log's fsync, and the event loop goes on meanwhile.
   * Nothing else may use the connection until they settle (the write queue holds it exclusively).
   */
  async transaction(mode: TransactionMode = 'write'): Promise<DbTransaction> {
    await this.runOffThread(BEGIN[mode]);
    let open = true;
    const closed = () => new LibsqlError('The transaction is closed', 'TRANSACTION_CLOSED');
    const rollback = () => {
      if (!open) return;
      open = false;
      if (this.db.open && this.db.inTransaction) this.run('ROLLBACK');
    };
    return {
      execute: async (stmt) => {
        if (!open) throw closed();
        return this.run(stmt);
      },
      commit: async () => {
        if (!open) throw closed();
        await this.runOffThread('COMMIT');
        open = false;
      },
      rollback: async () => rollback(),
      close: rollback,
    };
  }

  /**
   * Copies what it can of the write-ahead log into the database file without waiting for any reader
   * or writer, on libsql's thread pool. Busy (another checkpoint runs) counts as done.
   */
  async checkpoint(): Promise<void> {
    try {
      await execOnPool(this.db, 'PRAGMA wal_checkpoint(PASSIVE)');
    } catch (error) {
      if ((error as { code?: string }).code !== 'SQLITE_BUSY') throw toLibsqlError(error);
    }
  }

  close(): void {
    this.cache.clear();
    if (this.db.open) this.db.close();
  }

  private async runOffThread(sql: string): Promise<void> {
    if (!this.waitOnPool) {
      this.run(sql);
      return;
    }
    try {
      await execOnPool(this.db, sql);
    } catch (error) {
      throw toLibsqlError(error);
    }
  }

  private run(stmt: InStatement): ResultSet {
    const sql = typeof stmt === 'string' ? stmt : stmt.sql;
    const args = typeof stmt === 'string' || stmt.args === undefined ? [] : toSqlArgs(stmt.args);
    try {
      const p = this.prepared(sql);
      if (p.columns) return new Result(p.columns, p.columnTypes, p.stmt.all(args) as Row[], 0, undefined);
      const info = p.stmt.run(args);
      return new Result(NO_COLUMNS, NO_COLUMNS, NO_ROWS, info.changes, BigInt(info.lastInsertRowid));
    } catch (error) {
      throw toLibsqlError(error);
    }
  }

  private prepared(sql: string): Prepared {
    const known = this.cache.get(sql);
    if (known) return known;
    const stmt = this.db.prepare(sql);
    const defs = stmt.reader ? stmt.columns() : undefined;
    const p: Prepared = { stmt, columns: defs?.map((c) => c.name), columnTypes: defs?.map((c) => c.type ?? '') ?? [] };
    if (this.cache.size >= MAX_CACHED) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(sql, p);
    return p;
  }
}

/** The size in bytes of a database file's write-ahead log; 0 when it has none. */
export function walBytes(path: string): number {
  try {
    return statSync(`${path}-wal`).size;
  } catch {
    return 0;
  }
}

/**
 * libsql's promise API runs `exec` on its thread pool; called on this connection's native handle
 * (both APIs share the native module, and `exec` reads only `this.db`), it runs one statement off
 * the event loop without opening a second connection.
 */
function execOnPool(db: Database.Database, sql: string): Promise<unknown> {
  const handle = (db as unknown as { db: unknown }).db;
  return (PoolDatabase.prototype.exec as (this: { db: unknown }, sql: string) => Promise<unknown>).call({ db: handle }, sql);
}

/** The client's ResultSet, with `toJSON` shared on the prototype rather than a closure per statement. */
class Result implements ResultSet {
  constructor(
    readonly columns: string[],
    readonly columnTypes: string[],
    readonly rows: Row[],
    readonly rowsAffected: number,
    readonly lastInsertRowid: bigint | undefined,
  ) {}

  toJSON() {
    return { ...this, lastInsertRowid: this.lastInsertRowid?.toString() ?? null };
  }
}

const NO_COLUMNS = Object.freeze([]) as unknown as string[];
const NO_ROWS = Object.freeze([]) as unknown as Row[];

// libsql takes numbers, strings, bigints, null and buffers; a boolean would abort the process.
function toSqlValue(v: InValue): unknown {
  switch (typeof v) {
    case 'string':
    case 'bigint':
      return v;
    case 'number':
      if (!Number.isFinite(v)) throw new RangeError('Only finite numbers (not Infinity or NaN) can be passed as arguments');
      return v;
    case 'boolean':
      return v ? 1 : 0;
    case 'undefined':
      throw new TypeError('undefined cannot be passed as argument to the database');
    default:
      if (v === null) return null;
      if (v instanceof Date) return v.valueOf();
      if (v instanceof ArrayBuffer) return Buffer.from(v);
      return v;
  }
}

function toSqlArgs(args: InArgs): unknown[] | Record<string, unknown> {
  if (Array.isArray(args)) return args.map(toSqlValue);
  const named: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(args)) named[/^[@$:]/.test(k) ? k.slice(1) : k] = toSqlValue(v);
  return named;
}

const BASE_CODES: Record<number, string> = {
  1: 'SQLITE_ERROR',
  5: 'SQLITE_BUSY',
  6: 'SQLITE_LOCKED',
  8: 'SQLITE_READONLY',
  10: 'SQLITE_IOERR',
  11: 'SQLITE_CORRUPT',
  13: 'SQLITE_FULL',
  14: 'SQLITE_CANTOPEN',
  17: 'SQLITE_SCHEMA',
  19: 'SQLITE_CONSTRAINT',
  20: 'SQLITE_MISMATCH',
  21: 'SQLITE_MISUSE',
  25: 'SQLITE_RANGE',
};

/** The client's error shape: `code` is the base code, `extendedCode` the specific one. */
function toLibsqlError(error: unknown): unknown {
  if (!(error instanceof Database.SqliteError)) return error;
  const raw = error.rawCode;
  const base = raw === undefined ? 'SQLITE_UNKNOWN' : (BASE_CODES[raw & 0xff] ?? `SQLITE_UNKNOWN_${raw & 0xff}`);
  return new LibsqlError(error.message, base, error.code, raw, error);
}
