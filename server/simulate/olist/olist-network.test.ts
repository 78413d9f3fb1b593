import { expect, it } from 'vitest';
import { haversineKm, ratesForDistance } from './olist-network.ts';

it('measures great-circle distance (São Paulo to Rio de Janeiro is about 360 km)', () => {
  expect(haversineKm({ lat: -23.55, lon: -46.63 }, { lat: -22.91, lon: -43.17 })).toBeGreaterThan(350);
  expect(haversineKm({ lat: -23.55, lon: -46.63 }, { lat: -22.91, lon: -43.17 })).toBeLessThan(365);
  expect(haversineKm({ lat: 1, lon: 1 }, { lat: 1, lon: 1 })).toBe(0);
});

it('prices farther destinations dearer and slower, in 100 km bands, with express faster than standard', () => {
  const near = ratesForDistance(40);
  const far = ratesForDistance(2500);
  expect(ratesForDistance(40)).toEqual(ratesForDistance(99));
  for (const [i, r] of near.entries()) {
    expect(far[i]!.baseCost).toBeGreaterThan(r.baseCost);
    expect(far[i]!.transitDays).toBeGreaterThanOrEqual(r.transitDays);
    expect(r.to).toEqual(['BR']);
  }
  const pac = far.find((r) => r.carrier === 'correios-pac' && r.shippingClass === 'parcel')!;
  const sedex = far.find((r) => r.carrier === 'correios-sedex' && r.shippingClass === 'parcel')!;
  expect(sedex.transitDays).toBeLessThan(pac.transitDays);
  expect(sedex.baseCost).toBeGreaterThan(pac.baseCost);
});
