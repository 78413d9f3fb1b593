// Warehouses with their capabilities and rate cards (rates are read and written with their warehouse).
import type { Row } from '@libsql/client';
import type { Warehouse } from '../domain/types.ts';
import type { Sql } from './client.ts';
import { json, num, str } from './rows.ts';

export async function upsertWarehouse(sql: Sql, w: Warehouse, now: string): Promise<void> {
  await sql.execute({
    sql: `INSERT INTO warehouses (id, name, country, lat, lon, capabilities, handling_cost, cutoff_hour, rates, updated_at)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
          ON CONFLICT (id) DO UPDATE SET name = excluded.name, country = excluded.country, lat = excluded.lat,
            lon = excluded.lon, capabilities = excluded.capabilities, handling_cost = excluded.handling_cost,
            cutoff_hour = excluded.cutoff_hour, rates = excluded.rates, updated_at = excluded.updated_at`,
    args: [
      w.id,
      w.name,
      w.country,
      w.lat,
      w.lon,
      JSON.stringify(w.capabilities),
      w.handlingCost,
      w.cutoffHour,
      JSON.stringify(w.rates),
      now,
    ],
  });
}

export async function listWarehouses(sql: Sql): Promise<Warehouse[]> {
  const rs = await sql.execute('SELECT * FROM warehouses ORDER BY id');
  return rs.rows.map(toWarehouse);
}

export async function getWarehouse(sql: Sql, id: string): Promise<Warehouse | undefined> {
  const rs = await sql.execute({ sql: 'SELECT * FROM warehouses WHERE id = ?', args: [id] });
  return rs.rows[0] ? toWarehouse(rs.rows[0]) : undefined;
}

function toWarehouse(row: Row): Warehouse {
  return {
    id: str(row, 'id'),
    name: str(row, 'name'),
    country: str(row, 'country'),
    lat: num(row, 'lat'),
    lon: num(row, 'lon'),
    capabilities: json(row, 'capabilities'),
    handlingCost: num(row, 'handling_cost'),
    cutoffHour: num(row, 'cutoff_hour'),
    rates: json(row, 'rates'),
  };
}
