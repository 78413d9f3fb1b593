// The product catalogue: what each SKU weighs, holds and how it ships.
import type { Row } from '@libsql/client';
import type { Product } from '../domain/types.ts';
import type { Sql } from './client.ts';
import { bool, json, num, placeholders, str } from './rows.ts';

export async function upsertProduct(sql: Sql, p: Product, now: string): Promise<void> {
  await sql.execute({
    sql: `INSERT INTO products (sku, name, weight_kg, volume_litres, shipping_class, liquid, hazardous, kit, updated_at)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
          ON CONFLICT (sku) DO UPDATE SET name = excluded.name, weight_kg = excluded.weight_kg,
            volume_litres = excluded.volume_litres, shipping_class = excluded.shipping_class,
            liquid = excluded.liquid, hazardous = excluded.hazardous, kit = excluded.kit, updated_at = excluded.updated_at`,
    args: [
      p.sku,
      p.name,
      p.weightKg,
      p.volumeLitres,
      p.shippingClass,
      p.liquid ? 1 : 0,
      p.hazardous ? 1 : 0,
      p.kit ? JSON.stringify(p.kit) : null,
      now,
    ],
  });
}

export async function listProducts(sql: Sql): Promise<Product[]> {
  const rs = await sql.execute('SELECT * FROM products ORDER BY sku');
  return rs.rows.map(toProduct);
}

export async function getProducts(sql: Sql, skus: string[]): Promise<Product[]> {
  if (skus.length === 0) return [];
  const rs = await sql.execute({ sql: `SELECT * FROM products WHERE sku IN (${placeholders(skus.length)})`, args: skus });
  return rs.rows.map(toProduct);
}

function toProduct(row: Row): Product {
  return {
    sku: str(row, 'sku'),
    name: str(row, 'name'),
    weightKg: num(row, 'weight_kg'),
    volumeLitres: num(row, 'volume_litres'),
    shippingClass: str(row, 'shipping_class') as Product['shippingClass'],
    liquid: bool(row, 'liquid'),
    hazardous: bool(row, 'hazardous'),
    ...(row.kit != null ? { kit: json<NonNullable<Product['kit']>>(row, 'kit') } : {}),
  };
}
