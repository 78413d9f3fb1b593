// The columns that hold secrets in full, and sealing any still stored in the clear (written before
// sealing existed): run as a database opens, so an upgraded database soon holds no secret in the clear.
import type { DbClient } from './embedded-client.ts';
import { optStr, str } from './rows.ts';
import type { SecretBox } from './secret-box.ts';

/** Table, key column and secret columns. */
const SECRET_COLUMNS: [table: string, key: string, columns: string[]][] = [
  ['webhook_subscriptions', 'id', ['secret', 'previous_secret']],
  ['channel_integrations', 'channel_id', ['secret']],
];

/** Seals every secret stored in the clear, in one transaction; returns how many it sealed. */
export async function sealStoredSecrets(client: DbClient, box: SecretBox): Promise<number> {
  const updates: { sql: string; args: string[] }[] = [];
  for (const [table, key, columns] of SECRET_COLUMNS) {
    const clear = columns.map((c) => `(${c} IS NOT NULL AND ${c} NOT LIKE 'cvs1:%')`).join(' OR ');
    const rs = await client.execute(`SELECT ${key}, ${columns.join(', ')} FROM ${table} WHERE ${clear}`);
    for (const row of rs.rows) {
      for (const column of columns) {
        const value = optStr(row, column);
        if (value === undefined || box.isSealed(value)) continue;
        updates.push({
          sql: `UPDATE ${table} SET ${column} = ? WHERE ${key} = ? AND ${column} = ?`,
          args: [box.seal(value), str(row, key), value],
        });
      }
    }
  }
  if (updates.length > 0) await client.batch(updates, 'write');
  return updates.length;
}
