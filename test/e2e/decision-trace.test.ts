// What an order keeps of its policy's rules: the ones that fired, with their conditions, and how
// many were evaluated; a dry-run of the same order shows every rule with its conditions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_KEYS } from '../../server/demo/seed.ts';
import { orderBody, startTestServer, type TestServer } from '../support/server.ts';

let t: TestServer;

const RULES = [
  {
    name: 'uk-first',
    conditions: { all: [{ fact: 'destinationCountry', operator: 'equal', value: 'GB' }] },
    event: { type: 'prefer-warehouses', params: { warehouses: ['UK-MAN'] } },
  },
  {
    name: 'france-tag',
    conditions: {
      any: [
        { fact: 'destinationCountry', operator: 'equal', value: 'FR' },
        { fact: 'orderValue', operator: 'greaterThan', value: 1e9 },
      ],
    },
    event: { type: 'tag', params: { tag: 'fr' } },
  },
];

beforeAll(async () => {
  t = await startTestServer({ demo: true });
  expect((await t.call('PUT', '/v1/policies/draft', { body: { rules: RULES } })).status).toBe(200);
  expect((await t.call('POST', '/v1/policies/publish')).status).toBe(200);
});
afterAll(() => t.close());

describe('the decision trace', () => {
  it('keeps the fired rules with their conditions and counts the rest', async () => {
    const body = orderBody('TRACE-1', [{ sku: 'BBQ-TONGS', quantity: 1 }]);
    const placed = await t.call('POST', '/v1/orders', { body, token: DEMO_KEYS.webshop });
    expect(placed.status).toBe(201);
    const stored = await t.call('GET', `/v1/orders/${placed.body.id}`);
    for (const decision of [placed.body.decision, stored.body.decision]) {
      expect(decision.trace.rulesEvaluated).toBe(2);
      expect(decision.trace.rules).toEqual([
        {
          name: 'uk-first',
          priority: 1,
          result: true,
          conditions: {
            all: [{ fact: 'destinationCountry', operator: 'equal', value: 'GB', factValue: 'GB', result: true }],
            result: true,
          },
        },
      ]);
    }
  });

  it('shows every rule with its conditions in a dry-run of the published policy', async () => {
    const body = { ...orderBody('TRACE-2', [{ sku: 'BBQ-TONGS', quantity: 1 }]), channelId: 'webshop' };
    const run = await t.call('POST', '/v1/dry-run', { body: { order: body, policy: 'published' } });
    expect(run.status).toBe(200);
    const rules = run.body.decision.trace.rules;
    expect(rules.map((r: { name: string; result: boolean }) => [r.name, r.result])).toEqual([
      ['uk-first', true],
      ['france-tag', false],
    ]);
    expect(rules[1].conditions).toEqual({
      any: [
        { fact: 'destinationCountry', operator: 'equal', value: 'FR', factValue: 'GB', result: false },
        { fact: 'orderValue', operator: 'greaterThan', value: 1e9, factValue: 1000, result: false },
      ],
      result: false,
    });
  });
});
