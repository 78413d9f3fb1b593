// Configuration from the environment, with the contract's defaults.
export interface Config {
  port: number;
  host: string;
  databaseUrl: string;
  databaseAuthToken: string | undefined;
  adminToken: string | undefined;
  demo: boolean;
  currency: string;
  logLevel: string;
  /** App processes sharing the port (node:cluster); 1 runs in this process. */
  workers: number;
  /** SQLite synchronous mode for file databases. */
  synchronous: 'FULL' | 'NORMAL';
  /** Intake's writes commit on a thread of their own (embedded file databases). */
  commitThread: boolean;
  /** The key stored secrets are sealed under (see store/secret-box.ts); absent, a key file beside a database file. */
  secretKey: string | undefined;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: Number(env.PORT ?? 8080),
    host: env.HOST ?? '127.0.0.1',
    databaseUrl: env.DATABASE_URL ?? 'file:data/conveyor.db',
    databaseAuthToken: env.DATABASE_AUTH_TOKEN || undefined,
    adminToken: env.CONVEYOR_ADMIN_TOKEN || undefined,
    demo: env.CONVEYOR_DEMO !== '0',
    currency: env.CONVEYOR_CURRENCY ?? 'GBP',
    logLevel: env.LOG_LEVEL ?? 'info',
    workers: Math.max(1, Number(env.CONVEYOR_WORKERS ?? 1) || 1),
    synchronous: env.CONVEYOR_SYNC?.toUpperCase() === 'NORMAL' ? 'NORMAL' : 'FULL',
    commitThread: env.CONVEYOR_COMMIT_THREAD !== '0',
    secretKey: env.CONVEYOR_SECRET_KEY || undefined,
  };
}
