// Seeds an empty database with the demo: network, catalogue, stock, four channels and tokens.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Services } from '../services/container.ts';
import { DEMO_PRODUCTS, demoStock } from './catalogue.ts';
import { DEMO_WAREHOUSES } from './network.ts';

/** Demo-only secrets, printed at start: never use CONVEYOR_DEMO on a database that holds real orders. */
export const DEMO_KEYS = {
  webshop: 'cv_demo_webshop_key',
  amazon: 'cv_demo_amazon_key',
  ebay: 'cv_demo_ebay_key',
  store: 'cv_demo_store_key',
  analyst: 'cv_demo_analyst_token',
} as const;

const CHANNELS = [
  { id: 'webshop', name: 'Web shop', kind: 'webshop' },
  { id: 'amazon', name: 'Amazon Marketplace', kind: 'marketplace' },
  { id: 'ebay', name: 'eBay', kind: 'marketplace' },
  { id: 'store', name: 'Manchester store', kind: 'store' },
] as const;

/** Whether the database has never been set up (no warehouse, product or channel). */
export async function isEmpty(s: Services): Promise<boolean> {
  const { warehouses, products } = await s.catalogue.snapshot();
  const channels = await s.access.listChannels();
  return warehouses.length === 0 && products.size === 0 && channels.length === 0;
}

export async function seedDemo(s: Services): Promise<void> {
  for (const w of DEMO_WAREHOUSES) await s.catalogue.putWarehouse(w);
  for (const p of DEMO_PRODUCTS) await s.catalogue.putProduct(p);
  for (const c of CHANNELS) await s.access.createChannel(c, DEMO_KEYS[c.id]);
  await s.access.createToken({ role: 'analyst', name: 'demo analyst', secret: DEMO_KEYS.analyst });
  await s.inventory.adjust('demo opening stock', demoStock());
  await publishSamples(s);
}

const SAMPLES = join(import.meta.dirname, '..', '..', 'rules-samples');
export const DEMO_MACROS = ['split-liquids', 'pallet-vs-parcel', 'keep-last-units'] as const;

/** Saves the sample macros and the demo policy and publishes them as version 1. */
export async function publishSamples(s: Services): Promise<void> {
  for (const name of DEMO_MACROS) await s.macros.save(name, readFileSync(join(SAMPLES, 'macros', `${name}.ts`), 'utf8'), 'demo');
  await s.policies.saveDraft(JSON.parse(readFileSync(join(SAMPLES, 'policies', 'demo.json'), 'utf8')), 'demo');
  await s.policies.publish('demo');
}
