// Warehouses and products, read on every order, so kept in memory; writes here refresh the copy
// at once, and a short time-to-live picks up writes made by other app processes.
import type { Product, Warehouse } from '../domain/types.ts';
import type { Db } from '../store/client.ts';
import { listProducts, upsertProduct } from '../store/product-repo.ts';
import { listWarehouses, upsertWarehouse } from '../store/warehouse-repo.ts';
import type { Clock } from '../domain/ports.ts';
import { invalid } from '../domain/errors.ts';

export interface CatalogueSnapshot {
  warehouses: Warehouse[];
  products: ReadonlyMap<string, Product>;
}

export class Catalogue {
  private cached: { at: number; snapshot: CatalogueSnapshot } | undefined;
  private loading: Promise<CatalogueSnapshot> | undefined;
  // Bumped by every local write, so a load that raced a write never caches what it read before it.
  private generation = 0;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly ttlMs = 2_000,
  ) {}

  async snapshot(): Promise<CatalogueSnapshot> {
    const now = Date.now();
    if (this.cached && now - this.cached.at < this.ttlMs) return this.cached.snapshot;
    this.loading ??= this.load().finally(() => (this.loading = undefined));
    return this.loading;
  }

  async putWarehouse(w: Warehouse): Promise<void> {
    await this.db.write((sql) => upsertWarehouse(sql, w, this.clock.now().toISOString()));
    this.invalidate();
  }

  /** Stores a product; a kit's components must be existing products that are not kits themselves. */
  async putProduct(p: Product): Promise<void> {
    if (p.kit) {
      const { products } = await this.snapshot();
      const details = p.kit.components.flatMap((c, i) => {
        const path = `kit.components.${i}.sku`;
        if (c.sku === p.sku) return [{ path, message: 'a kit cannot contain itself' }];
        const component = products.get(c.sku);
        if (!component) return [{ path, message: `unknown SKU ${c.sku}` }];
        return component.kit ? [{ path, message: `${c.sku} is a kit; kits are one level deep` }] : [];
      });
      if (details.length > 0) throw invalid('the kit names components that cannot be used', details);
    }
    await this.db.write((sql) => upsertProduct(sql, p, this.clock.now().toISOString()));
    this.invalidate();
  }

  invalidate(): void {
    this.generation++;
    this.cached = undefined;
  }

  private async load(): Promise<CatalogueSnapshot> {
    const generation = this.generation;
    const [warehouses, products] = await this.db.read((sql) => Promise.all([listWarehouses(sql), listProducts(sql)]));
    const snapshot = { warehouses, products: new Map(products.map((p) => [p.sku, p])) };
    if (generation === this.generation) this.cached = { at: Date.now(), snapshot };
    return snapshot;
  }
}
