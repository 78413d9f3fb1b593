// Warehouses and products, loaded once per session and shared by the pages that need names,
// SKUs for sample orders or product data for macro inputs.
import { signal } from '@preact/signals';
import { listProducts, listWarehouses } from './api/client.ts';
import type { Product, Warehouse } from './api/types.ts';

export const warehouses = signal<Warehouse[]>([]);
export const products = signal<ReadonlyMap<string, Product>>(new Map());

let loading: Promise<void> | undefined;

/** Loads the catalogue once; a failed load is retried on the next call. */
export function loadCatalogue(): Promise<void> {
  loading ??= Promise.all([listWarehouses(), listProducts()])
    .then(([w, p]) => {
      warehouses.value = w.warehouses;
      products.value = new Map(p.products.map((x) => [x.sku, x]));
    })
    .catch((err: unknown) => {
      loading = undefined;
      throw err;
    });
  return loading;
}

/** Forgets the catalogue (sign-out). */
export function forgetCatalogue(): void {
  loading = undefined;
  warehouses.value = [];
  products.value = new Map();
}
