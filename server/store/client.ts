// Opens the libSQL database (embedded file, :memory: or a libSQL server by URL) and applies migrations.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { createClient, type InStatement, type ResultSet } from '@libsql/client';
import type { WriteLock } from './cluster-lock.ts';
import { CommitThread } from './commit-thread.ts';
import { type DbClient, EmbeddedClient } from './embedded-client.ts';
import { MIGRATIONS } from './migrations/index.ts';
import { type PROCEDURES, type ProcedureName, type QUERIES, type QueryName, runQuery } from './procedures.ts';
import { SecretKeeper, sealStoredSecrets } from './sealed-secrets.ts';
import type { SecretBox } from './secret-box.ts';
import { assertOutsideWriter, WriteQueue, type WriteStats } from './write-queue.ts';

/** The one thing repositories need: run a statement (a client or an open transaction). */
export interface Sql {
  execute(stmt: InStatement): Promise<ResultSet>;
}

export type DbKind = 'memory' | 'file' | 'remote';

/**
 * The database. None of its calls may be made from inside a writer (a `write` or `call` callback):
 * it would queue behind that writer's own commit and wait forever. A writer uses the `sql` it is
 * given; the test suite (CONVEYOR_TX_CHECK=1) fails such a call at once.
 */
export interface Db {
  readonly kind: DbKind;
  readonly client: DbClient;
  /** Reads outside any transaction (serialised with writes where the database has one connection). */
  read<T>(fn: (sql: Sql) => Promise<T>): Promise<T>;
  /**
   * Runs `fn` atomically in a write transaction; concurrent writers share commits (group commit).
   */
  write<T>(fn: (sql: Sql) => Promise<T>): Promise<T>;
  /**
   * Runs a write procedure (procedures.ts) atomically, with group commit like `write`: on the commit
   * thread when the database has one, else as `write` does.
   */
  call<N extends ProcedureName>(
    name: N,
    args: ProcedureArgs<N>,
    text: string,
    /** `args` as JSON, when the caller has it: what crosses to the commit thread, so it is not serialised again. */
    argsJson?: string,
  ): Promise<Awaited<ReturnType<(typeof PROCEDURES)[N]>>>;
  /** Runs a named read (procedures.ts): on the commit thread when the database has one, else as `read` does. */
  query<N extends QueryName>(name: N, args: Parameters<(typeof QUERIES)[N]>[1]): Promise<Awaited<ReturnType<(typeof QUERIES)[N]>>>;
  /** Commits so far and the writers they carried (for the group-commit ratio), and how many of those ran on the commit thread. */
  readonly writeStats: Readonly<WriteStats>;
  /** The commit thread, when the database has one. */
  readonly commitThread?: Pick<CommitThread, 'usable' | 'terminate'> | undefined;
  /**
   * The box secrets stored here are sealed with (see secret-box.ts): its key is found, and checked
   * against the database's, on the first call. Await it before a write that seals a secret.
   */
  secretBox(): Promise<SecretBox>;
  close(): Promise<void>;
}

export type ProcedureArgs<N extends ProcedureName> = Parameters<(typeof PROCEDURES)[N]>[1];

export interface DbOptions {
  url: string;
  authToken?: string | undefined;
  /** Most writers sharing one commit. */
  maxBatch?: number;
  /** SQLite's synchronous setting for file databases: FULL survives power loss, NORMAL only a crash. */
  synchronous?: 'FULL' | 'NORMAL' | undefined;
  /** Turns at the write lock shared with other processes (cluster workers), instead of SQLite's sleeping busy wait. */
  writeLock?: WriteLock | undefined;
  /**
   * How an embedded database is opened: `embedded` (default) is libsql's own driver with statements
   * prepared once; `client` is @libsql/client, the driver libSQL servers and Turso go through, so
   * tests can run the store's code through it where no libSQL server runs.
   */
  driver?: 'embedded' | 'client' | undefined;
  /**
   * Commit write procedures on a thread of their own with its own connection (file databases with
   * the embedded driver only; the server turns it on). Default off.
   */
  commitThread?: boolean | undefined;
  /**
   * With a commit thread: the write-ahead log's size past which it is copied whole and emptied.
   * Default 32 MiB. Past an eighth of it, commits wait for the checkpoint under way (see CommitThread).
   */
  walLimitBytes?: number | undefined;
  /** Told if the commit thread fails (procedures then commit on the calling thread). */
  onCommitThreadFailure?: ((error: Error) => void) | undefined;
  /** The key stored secrets are sealed under (CONVEYOR_SECRET_KEY); absent, see resolveSecretKey. */
  secretKey?: string | undefined;
}

/** Opens the database, turns on WAL for files, and brings the schema up to date. */
export async function openDatabase(opts: DbOptions): Promise<Db> {
  const kind = kindOf(opts.url);
  if (kind === 'file') mkdirSync(dirname(filePath(opts.url)), { recursive: true });
  // One connection per embedded database in this thread: libSQL calls are synchronous here anyway, so
  // more connections add no parallelism, and per-connection pragmas (synchronous, foreign keys) then
  // hold for every statement. The commit thread, when there is one, opens its own; other processes
  // share the file through WAL and the busy timeout.
  const client: DbClient =
    kind === 'remote' || opts.driver === 'client'
      ? createClient({ url: opts.url, authToken: opts.authToken })
      : new EmbeddedClient(kind === 'memory' ? ':memory:' : filePath(opts.url), { busyTimeoutMs: 10_000 });
  if (kind === 'file') {
    await client.execute('PRAGMA journal_mode = WAL');
    // FULL: a commit is on disk (fsync) before intake answers; group commit shares the fsync.
    await client.execute(`PRAGMA synchronous = ${opts.synchronous ?? 'FULL'}`);
  }
  if (kind !== 'remote') await client.execute('PRAGMA foreign_keys = ON');
  await migrate(client);
  const walLimitBytes = opts.walLimitBytes ?? 32 * 2 ** 20;
  const thread =
    opts.commitThread === true && kind === 'file' && opts.driver !== 'client'
      ? new CommitThread(
          {
            path: filePath(opts.url),
            synchronous: opts.synchronous ?? 'FULL',
            busyTimeoutMs: 10_000,
            walLimitBytes,
            walSoftLimitBytes: Math.floor(walLimitBytes / 8),
          },
          opts.onCommitThreadFailure,
        )
      : undefined;
  const queue = new WriteQueue(client, opts.maxBatch ?? 64, kind === 'file' ? opts.writeLock : undefined, thread);
  const read: Db['read'] = (fn) => {
    assertOutsideWriter('db.read');
    return kind === 'remote' ? fn(client) : queue.exclusive(() => fn(client));
  };
  const write: Db['write'] = (fn) => {
    assertOutsideWriter('db.write');
    return queue.enqueue(fn);
  };
  const keeper = new SecretKeeper(
    { read, write },
    { kind, path: kind === 'file' ? filePath(opts.url) : undefined, keyText: opts.secretKey },
  );
  await sealStoredSecrets({ read, write }, keeper);
  return {
    kind,
    client,
    writeStats: queue.stats,
    commitThread: thread,
    secretBox: () => keeper.box(),
    read,
    write,
    query: (name, args) => {
      assertOutsideWriter('db.query');
      const call = { name, args };
      return (thread?.usable ? thread.query(call) : read((sql) => runQuery(sql, call))) as never;
    },
    call: (name, args, text, argsJson) => {
      assertOutsideWriter('db.call');
      return queue.call({ name, args, text, argsJson }) as never;
    },
    close: async () => {
      await queue.idle();
      await thread?.close();
      client.close();
    },
  };
}

function kindOf(url: string): DbKind {
  if (url === ':memory:' || url === 'file::memory:') return 'memory';
  if (url.startsWith('file:')) return 'file';
  return 'remote';
}

/** `file:data/x.db`, `file:/abs/x.db` or `file:///abs/x.db` to a path (a query string is dropped). */
function filePath(url: string): string {
  return url.replace(/^file:(\/\/(?=\/))?/, '').replace(/\?.*$/, '');
}

async function migrate(client: DbClient): Promise<void> {
  await client.execute(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
  );
  const done = await client.execute('SELECT version FROM schema_migrations');
  const applied = new Set(done.rows.map((r) => Number(r.version)));
  for (const m of MIGRATIONS) {
    if (applied.has(m.version)) continue;
    await client.batch(
      [
        ...m.statements,
        {
          sql: 'INSERT OR IGNORE INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)',
          args: [m.version, m.name, new Date().toISOString()],
        },
      ],
      'write',
    );
  }
}
