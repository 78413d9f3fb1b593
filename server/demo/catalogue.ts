// About fifty products a European home-and-garden retailer really sells: media that go in a
// packet, barbecues and furniture on a pallet, liquids from 1 to 5 litres, and hazardous goods.
import type { Product } from '../domain/types.ts';

type Row = [
  sku: string,
  name: string,
  weightKg: number,
  litres: number,
  cls: Product['shippingClass'],
  flags?: 'liquid' | 'hazardous' | 'both',
];

const ROWS: Row[] = [
  ['CD-ABBEY-ROAD', 'The Beatles - Abbey Road (CD)', 0.1, 0, 'packet'],
  ['CD-RUMOURS', 'Fleetwood Mac - Rumours (CD)', 0.1, 0, 'packet'],
  ['CD-OK-COMPUTER', 'Radiohead - OK Computer (CD)', 0.1, 0, 'packet'],
  ['CD-BLUE', 'Joni Mitchell - Blue (CD)', 0.1, 0, 'packet'],
  ['LP-KIND-OF-BLUE', 'Miles Davis - Kind of Blue (vinyl LP)', 0.3, 0, 'packet'],
  ['LP-DARK-SIDE', 'Pink Floyd - The Dark Side of the Moon (vinyl LP)', 0.3, 0, 'packet'],
  ['DVD-PLANET-EARTH', 'Planet Earth II (DVD box set)', 0.25, 0, 'packet'],
  ['BOOK-GARDEN', 'RHS Encyclopedia of Gardening (hardback)', 1.9, 0, 'packet'],
  ['BOOK-BBQ', "Weber's Greatest Hits (cookbook)", 1.1, 0, 'packet'],
  ['SEED-TOMATO', "Tomato seeds, Gardener's Delight", 0.02, 0, 'packet'],
  ['SEED-BASIL', 'Basil seeds, Genovese', 0.02, 0, 'packet'],
  ['GLOVES-GARDEN', 'Gardening gloves, size M', 0.12, 0, 'packet'],
  ['THERMO-MEAT', 'Digital meat thermometer', 0.15, 0, 'packet'],
  ['BBQ-TONGS', 'Stainless barbecue tongs', 0.35, 0, 'parcel'],
  ['BBQ-COVER', 'Barbecue cover, premium', 1.2, 0, 'parcel'],
  ['BBQ-GRILL-BRUSH', 'Grill brush, brass', 0.4, 0, 'parcel'],
  ['CHARCOAL-5KG', 'Lumpwood charcoal 5 kg', 5.2, 0, 'parcel'],
  ['CHARCOAL-10KG', 'Lumpwood charcoal 10 kg', 10.3, 0, 'parcel'],
  ['PLANTER-40', 'Terracotta planter 40 cm', 6.5, 0, 'parcel'],
  ['HOSE-30M', 'Garden hose 30 m with reel', 7.8, 0, 'parcel'],
  ['SPRINKLER', 'Oscillating sprinkler', 0.9, 0, 'parcel'],
  ['SHEARS', 'Hedge shears', 1.3, 0, 'parcel'],
  ['LOPPERS', 'Bypass loppers', 1.5, 0, 'parcel'],
  ['LANTERN-SOLAR', 'Solar lanterns, set of 4', 1.6, 0, 'parcel'],
  ['CUSHION-SET', 'Outdoor seat cushions, set of 4', 3.2, 0, 'parcel'],
  ['PARASOL-3M', 'Parasol 3 m', 9.5, 0, 'parcel'],
  ['BBQ-KETTLE-57', 'Kettle barbecue 57 cm', 18.5, 0, 'pallet'],
  ['BBQ-GAS-3B', 'Gas barbecue, 3 burners', 42, 0, 'pallet'],
  ['BBQ-KAMADO', 'Kamado ceramic barbecue', 95, 0, 'pallet'],
  ['FIREPIT-STEEL', 'Steel fire pit', 24, 0, 'pallet'],
  ['TABLE-TEAK-6', 'Teak garden table, 6 seats', 48, 0, 'pallet'],
  ['CHAIR-TEAK-2', 'Teak garden chairs, pair', 22, 0, 'pallet'],
  ['SHED-6X4', 'Wooden shed 6x4 ft', 120, 0, 'pallet'],
  ['RAISED-BED', 'Raised bed kit, larch', 35, 0, 'pallet'],
  ['OIL-OLIVE-1L', 'Extra virgin olive oil 1 L', 1.0, 1, 'parcel', 'liquid'],
  ['OIL-OLIVE-3L', 'Extra virgin olive oil 3 L tin', 2.9, 3, 'parcel', 'liquid'],
  ['OIL-OLIVE-5L', 'Extra virgin olive oil 5 L tin', 4.8, 5, 'parcel', 'liquid'],
  ['OIL-RAPESEED-2L', 'Cold-pressed rapeseed oil 2 L', 1.9, 2, 'parcel', 'liquid'],
  ['OIL-RAPESEED-4L', 'Rapeseed oil 4 L', 3.7, 4, 'parcel', 'liquid'],
  ['SAUCE-BBQ-1L', 'Smoky barbecue sauce 1 L', 1.1, 1, 'parcel', 'liquid'],
  ['WASH-DECK-5L', 'Decking cleaner 5 L', 5.2, 5, 'parcel', 'liquid'],
  ['FEED-TOMATO-1L', 'Liquid tomato feed 1 L', 1.05, 1, 'parcel', 'liquid'],
  ['FEED-LAWN-2L', 'Liquid lawn feed 2 L', 2.1, 2, 'parcel', 'liquid'],
  ['WATER-SPARKLING-6', 'Sparkling water 6 x 1 L', 6.3, 6, 'parcel', 'liquid'],
  ['LIGHTER-FLUID-1L', 'Barbecue lighter fluid 1 L', 0.85, 1, 'parcel', 'both'],
  ['PAINT-SPRAY-400', 'Spray paint 400 ml (aerosol)', 0.4, 0.4, 'parcel', 'both'],
  ['GAS-PROPANE-5KG', 'Propane gas bottle 5 kg', 10.5, 0, 'parcel', 'hazardous'],
  ['BATTERY-LI-18V', '18 V lithium-ion tool battery', 0.7, 0, 'parcel', 'hazardous'],
  ['FIRELIGHTERS', 'Firelighters, 48 cubes', 0.5, 0, 'parcel', 'hazardous'],
  ['WEEDKILLER-3L', 'Weedkiller concentrate 3 L', 3.2, 3, 'parcel', 'both'],
];

export const DEMO_PRODUCTS: Product[] = ROWS.map(([sku, name, weightKg, volumeLitres, shippingClass, flags]) => ({
  sku,
  name,
  weightKg,
  volumeLitres,
  shippingClass,
  liquid: flags === 'liquid' || flags === 'both',
  hazardous: flags === 'hazardous' || flags === 'both',
}));

/** On-hand stock per warehouse: deep in Manchester, thinner in Berlin and Newark, some SKUs in one place only. */
export function demoStock(): { sku: string; warehouseId: string; onHand: number }[] {
  const out: { sku: string; warehouseId: string; onHand: number }[] = [];
  DEMO_PRODUCTS.forEach((p, i) => {
    out.push({ sku: p.sku, warehouseId: 'UK-MAN', onHand: p.shippingClass === 'pallet' ? 8 + (i % 5) : 60 + ((i * 37) % 140) });
    if (p.shippingClass !== 'pallet' && !p.hazardous) out.push({ sku: p.sku, warehouseId: 'DE-BER', onHand: 20 + ((i * 53) % 90) });
    if (!p.liquid || p.hazardous)
      out.push({ sku: p.sku, warehouseId: 'US-NJ', onHand: p.shippingClass === 'pallet' ? 5 + (i % 4) : 30 + ((i * 29) % 70) });
  });
  return out;
}
