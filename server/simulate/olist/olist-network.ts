// Olist's sellers as ship-from locations with rate cards derived from distance: haversine from
// the location to the buyer's zip prefix, priced like Brazilian parcel post (PAC and SEDEX) and
// freight, in centavos. Rates depend only on the distance band, so a few cards serve every order.
import type { Product, Rate, Warehouse } from '../../domain/types.ts';
import type { SimNetwork } from '../network.ts';
import type { SimOrder } from '../types.ts';

export interface LatLon {
  lat: number;
  lon: number;
}

/** Great-circle distance in km. */
export function haversineKm(a: LatLon, b: LatLon): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
}

const BAND_KM = 100;

/** The rate card for a distance, per 100 km band (the band's far edge prices it). */
export function ratesForDistance(km: number): Rate[] {
  const d = Math.max(1, Math.ceil(km / BAND_KM)) * BAND_KM;
  const days = (perDay: number, min: number) => min + Math.ceil(d / perDay);
  const rate = (
    carrier: string,
    service: Rate['service'],
    shippingClass: Rate['shippingClass'],
    baseCost: number,
    perKg: number,
    transitDays: number,
  ): Rate => ({
    carrier,
    service,
    shippingClass,
    to: ['BR'],
    baseCost: Math.round(baseCost),
    perKg: Math.round(perKg),
    transitDays,
  });
  return [
    rate('correios-pac', 'standard', 'packet', 1200 + d * 0.8, 200, days(200, 3)),
    rate('correios-pac', 'standard', 'parcel', 1800 + d * 1.2, 150 + d * 0.1, days(200, 3)),
    rate('correios-sedex', 'express', 'packet', (1200 + d * 0.8) * 1.8, 300, days(600, 1)),
    rate('correios-sedex', 'express', 'parcel', (1800 + d * 1.2) * 1.8, (150 + d * 0.1) * 1.5, days(600, 1)),
    rate('freight', 'standard', 'pallet', 9000 + d * 5, 20 + d * 0.02, days(200, 5)),
  ];
}

export interface OlistLocation extends LatLon {
  id: string;
  name: string;
}

/**
 * A network over the seller locations. Each order sees only the locations that stocked one of
 * its products at the start (the others could not ship anything), which keeps thousands of
 * sellers tractable; rate cards follow the distance to the buyer.
 */
export function olistNetwork(
  locations: OlistLocation[],
  products: ReadonlyMap<string, Product>,
  stockedAt: ReadonlyMap<string, string[]>,
): SimNetwork {
  const byId = new Map(locations.map((l) => [l.id, l]));
  const cards = new Map<number, Rate[]>();
  const card = (km: number) => {
    const band = Math.max(1, Math.ceil(km / BAND_KM));
    const known = cards.get(band);
    if (known) return known;
    const rates = ratesForDistance(km);
    cards.set(band, rates);
    return rates;
  };
  return {
    products,
    warehouseIds: locations.map((l) => l.id),
    warehousesFor(order: SimOrder): Warehouse[] {
      const ids = [...new Set(order.lines.flatMap((l) => stockedAt.get(l.sku) ?? []))].sort();
      const to = { lat: order.shipTo.lat ?? -15.8, lon: order.shipTo.lon ?? -47.9 };
      return ids.map((id) => {
        const l = byId.get(id) as OlistLocation;
        return {
          id,
          name: l.name,
          country: 'BR',
          lat: l.lat,
          lon: l.lon,
          capabilities: ['packet', 'parcel', 'pallet'],
          handlingCost: 300,
          cutoffHour: 20,
          rates: card(haversineKm(l, to)),
        };
      });
    },
  };
}
