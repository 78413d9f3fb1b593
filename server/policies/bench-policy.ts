// A realistic 20-rule policy and a few orders' facts for the engine benchmark: the kinds of
// rules the samples hold, at a size a real merchant reaches.

import type { PolicyCondition, PolicyDocument, PolicyEvent, RootCondition } from './document.ts';
import { demoOrder } from './demo-fixtures.ts';
import { computeFacts, type OrderFacts } from './facts.ts';

const is = (fact: string, operator: string, value: unknown) => ({ fact, operator, value }) as PolicyCondition;
const all = (...c: PolicyCondition[]): RootCondition => ({ all: c });
const tag = (t: string): PolicyEvent => ({ type: 'tag', params: { tag: t } });
const wh = (type: 'restrict-warehouses' | 'exclude-warehouses' | 'prefer-warehouses', ...warehouses: string[]): PolicyEvent => ({
  type,
  params: { warehouses },
});

const RULES: [string, number, RootCondition, PolicyEvent][] = [
  [
    'fraud-first-big',
    100,
    all(is('isFirstOrder', 'equal', true), is('orderValue', 'greaterThan', 200000)),
    { type: 'hold', params: { reason: 'fraud-review' } },
  ],
  [
    'fraud-resale',
    100,
    all(
      is('isFirstOrder', 'equal', true),
      is('skus', 'containsAny', ['LP-DARK-SIDE', 'BATTERY-LI-18V']),
      is('unitCount', 'greaterThanInclusive', 3),
    ),
    { type: 'hold', params: { reason: 'resale-risk' } },
  ],
  [
    'hazmat-hold',
    90,
    all(is('hasHazardous', 'equal', true), is('destinationCountry', 'notIn', ['GB', 'US'])),
    { type: 'hold', params: { reason: 'hazmat' } },
  ],
  [
    'hazmat-sites',
    60,
    all(is('hasHazardous', 'equal', true), is('destinationRegion', 'in', ['UK', 'NA'])),
    wh('restrict-warehouses', 'UK-MAN', 'US-NJ'),
  ],
  ['hazmat-domestic', 60, all(is('hasHazardous', 'equal', true)), { type: 'forbid-cross-border' }],
  [
    'eu-low-value',
    50,
    all(is('destinationRegion', 'equal', 'EU'), is('orderValue', 'lessThan', 15000), is('shippingClasses', 'doesNotContain', 'pallet')),
    wh('exclude-warehouses', 'UK-MAN', 'US-NJ'),
  ],
  ['pallet-sites', 50, all(is('shippingClasses', 'contains', 'pallet')), wh('restrict-warehouses', 'UK-MAN', 'US-NJ')],
  [
    'heavy-no-us',
    45,
    all(is('totalWeightKg', 'greaterThan', 30), is('destinationRegion', 'notEqual', 'NA')),
    wh('exclude-warehouses', 'US-NJ'),
  ],
  ['amazon-express', 40, all(is('channel', 'equal', 'amazon')), { type: 'set-service-level', params: { serviceLevel: 'express' } }],
  ['tag-off-hours', 35, { any: [is('placedAtWeekday', 'in', [0, 6]), is('placedAtHour', 'between', [22, 23])] }, tag('off-hours')],
  [
    'split-liquids',
    30,
    all(is('hasLiquids', 'equal', true), is('lineCount', 'greaterThan', 1)),
    { type: 'run-macro', params: { macro: 'split-liquids' } },
  ],
  [
    'pallet-or-parcel',
    30,
    all(is('shippingClasses', 'containsAll', ['pallet', 'parcel'])),
    { type: 'run-macro', params: { macro: 'pallet-vs-parcel' } },
  ],
  ['marketplace-stock', 30, all(is('channel', 'in', ['amazon', 'ebay'])), { type: 'run-macro', params: { macro: 'keep-last-units' } }],
  ['no-split-small', 20, all(is('orderValue', 'lessThan', 5000)), { type: 'forbid-split' }],
  [
    'no-split-liquids-only',
    20,
    all(is('hasLiquids', 'equal', true), { not: is('shippingClasses', 'containsAny', ['packet', 'pallet']) }),
    { type: 'forbid-split' },
  ],
  ['prefer-uk', 10, all(is('destinationCountry', 'equal', 'GB')), wh('prefer-warehouses', 'UK-MAN')],
  ['prefer-eu', 10, all(is('destinationRegion', 'equal', 'EU')), wh('prefer-warehouses', 'DE-BER')],
  ['prefer-na', 10, all(is('destinationRegion', 'equal', 'NA')), wh('prefer-warehouses', 'US-NJ')],
  [
    'remote-area',
    5,
    all(is('destinationCountry', 'equal', 'GB'), {
      any: ['HS', 'IV', 'KW', 'ZE'].map((p) => is('destinationPostalCode', 'startsWith', p)),
    }),
    tag('remote-area'),
  ],
  ['vip', 5, all(is('customerOrderCount', 'greaterThanInclusive', 20), is('orderValue', 'greaterThan', 50000)), tag('vip')],
];

/** Twenty rules over most facts and operators. */
export const BENCH_POLICY: PolicyDocument = {
  rules: RULES.map(([name, priority, conditions, event]) => ({ name, priority, conditions, event })),
};

const line = (sku: string, quantity: number, unitPrice: number) => ({ sku, quantity, unitPrice });

/** Four orders' facts that fire different subsets of the bench policy. */
export const BENCH_FACTS: OrderFacts[] = [
  demoOrder({ lines: [line('CD-BLUE', 2, 1500)] }),
  demoOrder({ country: 'DE', channelId: 'amazon', lines: [line('OIL-OLIVE-5L', 2, 1299), line('CD-BLUE', 1, 1500)] }),
  demoOrder({ country: 'US', customerOrderCount: 0, lines: [line('LP-DARK-SIDE', 3, 90000)], placedAt: '2026-11-29T22:15:00Z' }),
  demoOrder({ postalCode: 'IV2 3AB', customerOrderCount: 25, lines: [line('BBQ-KAMADO', 1, 60000), line('FIRELIGHTERS', 2, 400)] }),
].map(computeFacts);
