// The database's secret box: its key found the first time a secret is sealed or opened, and checked
// against the value sealed when the database first got one (secret_key_check), so no process seals
// under a key other than the one the stored secrets are sealed with. And sealing, as the database
// opens, any secret still stored in the clear (written before sealing existed).
import { optStr, str } from './rows.ts';
import type { DbKind, Sql } from './client.ts';
import { isSealed, resolveSecretKey, SEALED_PREFIX, secretBoxOf, type SecretBox } from './secret-box.ts';

type Run = <T>(fn: (sql: Sql) => Promise<T>) => Promise<T>;

/** Table, key column and secret columns. */
const SECRET_COLUMNS: [table: string, key: string, columns: string[]][] = [
  ['webhook_subscriptions', 'id', ['secret', 'previous_secret']],
  ['channel_integrations', 'channel_id', ['secret']],
];

const CHECK_TEXT = 'conveyor secret key check';

export class SecretKeeper {
  private ready: Promise<SecretBox> | undefined;

  constructor(
    private readonly db: { read: Run; write: Run },
    private readonly where: { kind: DbKind; path?: string | undefined; keyText?: string | undefined },
  ) {}

  /** The box, once its key is found and checked (a failure is retried on the next call). */
  box(): Promise<SecretBox> {
    this.ready ??= this.load().catch((error: unknown) => {
      this.ready = undefined;
      throw error;
    });
    return this.ready;
  }

  private async load(): Promise<SecretBox> {
    const checkOf = (sql: Sql) =>
      sql.execute('SELECT sealed FROM secret_key_check WHERE id = 1').then((rs) => (rs.rows[0] ? optStr(rs.rows[0], 'sealed') : undefined));
    let check = await this.db.read(checkOf);
    const box = secretBoxOf(resolveSecretKey({ ...this.where, create: check === undefined }));
    if (check === undefined) {
      // Another process starting on the same database may have recorded its key first: the check read back says whose stands.
      check = await this.db.write(async (sql) => {
        await sql.execute({ sql: 'INSERT OR IGNORE INTO secret_key_check (id, sealed) VALUES (1, ?)', args: [box.seal(CHECK_TEXT)] });
        return checkOf(sql);
      });
    }
    let opened: string | undefined;
    try {
      opened = check === undefined ? undefined : box.open(check);
    } catch {
      opened = undefined;
    }
    if (opened !== CHECK_TEXT) {
      throw new Error(
        `this database's secrets are sealed under another key: set CONVEYOR_SECRET_KEY${this.where.path ? ` (or restore ${this.where.path}.key)` : ''} to the key they were sealed with`,
      );
    }
    return box;
  }
}

const clearCondition = (columns: string[]) =>
  columns.map((c) => `(${c} IS NOT NULL AND substr(${c}, 1, ${SEALED_PREFIX.length}) <> '${SEALED_PREFIX}')`).join(' OR ');

/** Seals every secret stored in the clear, in one transaction; returns how many it sealed. */
export async function sealStoredSecrets(db: { read: Run; write: Run }, keeper: SecretKeeper): Promise<number> {
  const clear = await db.read((sql) =>
    Promise.all(
      SECRET_COLUMNS.map(async ([table, key, columns]) => {
        const rs = await sql.execute(`SELECT ${key}, ${columns.join(', ')} FROM ${table} WHERE ${clearCondition(columns)}`);
        return rs.rows.flatMap((row) =>
          columns.flatMap((column) => {
            const value = optStr(row, column);
            return value === undefined || isSealed(value) ? [] : [{ table, key, id: str(row, key), column, value }];
          }),
        );
      }),
    ),
  );
  const values = clear.flat();
  // The key is only needed (and a key file only made) when there is something to seal.
  if (values.length === 0) return 0;
  const box = await keeper.box();
  await db.write(async (sql) => {
    // Compare-and-set: a process sealing beside this one, or a new secret written meanwhile, stands.
    for (const v of values)
      await sql.execute({
        sql: `UPDATE ${v.table} SET ${v.column} = ? WHERE ${v.key} = ? AND ${v.column} = ?`,
        args: [box.seal(v.value), v.id, v.value],
      });
  });
  return values.length;
}
