// Amazon SP-API orders end to end: the importer route with the real v0 and 2026-01-01 documents,
// and the poller fed the real list pages through a fake fetch (no network).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { draftAmazonOrder } from '../../server/integrations/amazon.ts';
import { pollAmazonOrders, type SpApiFetch } from '../../server/integrations/amazon-poller.ts';
import { DEMO_KEYS } from '../../server/demo/seed.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { AMAZON, AMAZON_IMPORTS, AMAZON_SKUS, type AmazonImport } from './payload-decisions.ts';
import { hasPayloads, payloadFiles, sandboxResponse, setUpChannel } from './support.ts';

let t: TestServer;
let channelNo = 0;

beforeAll(async () => {
  t = await startTestServer({ demo: true });
});
afterAll(() => t.close());

async function freshChannel() {
  const id = `amz-${++channelNo}`;
  await setUpChannel(t, id, 'amazon', AMAZON_SKUS);
  return id;
}

const importNamed = (prefix: string): AmazonImport => {
  const found = AMAZON_IMPORTS.find((i) => i.name.startsWith(prefix));
  if (!found) throw new Error(`no import named ${prefix}`);
  return found;
};
const docsOf = (c: AmazonImport) =>
  Object.fromEntries(Object.entries(c.docs).map(([k, file]) => [k, sandboxResponse('amazon-sp-api', file)]));
const importInto = (channelId: string) => (docs: Parameters<typeof draftAmazonOrder>[0]) =>
  t.services.integrations.receive(t.services, channelId, draftAmazonOrder(docs));

/** Answers SP-API paths from the real files, as Amazon's sandbox would; anything else is a 404. */
function fakeSpApi(routes: Record<string, string>): SpApiFetch & { calls: string[] } {
  const calls: string[] = [];
  const fetch = async (path: string) => {
    calls.push(path);
    const hit = Object.entries(routes).find(([pattern]) => path.includes(pattern));
    if (!hit) throw new Error(`404 Not Found: ${path}`);
    return sandboxResponse('amazon-sp-api', hit[1]);
  };
  return Object.assign(fetch, { calls });
}

describe.skipIf(!hasPayloads)('Amazon SP-API orders', () => {
  it('has decided about every Amazon file', () => {
    expect(Object.keys(AMAZON).sort()).toEqual(payloadFiles('amazon-sp-api'));
  });

  it('imports or refuses each set of getOrder, getOrderItems and getOrderAddress documents as decided', async () => {
    for (const c of AMAZON_IMPORTS) {
      const channelId = await freshChannel();
      const res = await t.call('POST', `/v1/channels/${channelId}/amazon/import`, { body: docsOf(c) });
      if (c.expect.kind === 'rejected') {
        expect([c.name, res.status, res.body.error.code]).toEqual([c.name, 400, 'validation_failed']);
        expect([c.name, res.body.error.details.map((d: { path: string }) => d.path)]).toEqual([c.name, c.expect.paths]);
        continue;
      }
      if (c.expect.kind !== 'order') throw new Error(c.name);
      expect([c.name, res.status]).toEqual([c.name, 201]);
      expect(res.body).toMatchObject({
        externalId: c.expect.externalId,
        shipTo: { country: c.expect.country },
        source: { platform: 'amazon' },
      });
      expect(res.body.lines.map((l: { sku: string }) => l.sku)).toEqual(c.expect.skus);
    }
  });

  it('keeps GBP orders as they are and converts others, recording the original amounts', async () => {
    const channelId = await freshChannel();
    const uk = await t.call('POST', `/v1/channels/${channelId}/amazon/import`, { body: docsOf(importNamed('Orders 2026-01-01 example')) });
    expect(uk.body.lines).toEqual([{ sku: 'CD-BLUE', quantity: 3, unitPrice: 2999 }]);
    expect(uk.body.source).toMatchObject({ currency: 'GBP', rate: null, total: '103.97' });
    expect(uk.body.customer).toEqual({ email: 'buyer-email@marketplace.amazon.co.uk' });
    expect(uk.body.shipTo).toMatchObject({ name: 'James Wilson', city: 'Manchester', postalCode: 'M1 2AB', country: 'GB' });
    const us = await t.call('POST', `/v1/channels/${channelId}/amazon/import`, {
      body: docsOf(importNamed('Orders v0 sandbox TEST_CASE_200 (')),
    });
    // ItemPrice is for all units of the item: 10.00 USD for one, 7.90 GBP at 0.79.
    expect(us.body.lines).toEqual([{ sku: 'BOOK-GARDEN', quantity: 1, unitPrice: 790 }]);
    expect(us.body.source.lines).toEqual([{ platformSku: 'NABetaASINB00551Q3CS', sku: 'BOOK-GARDEN', quantity: 1, unitPrice: 1000 }]);
    expect(us.body.serviceLevel).toBe('standard');
  });

  it('imports the same order once, and lets only admins and the channel’s own key import', async () => {
    const channelId = await freshChannel();
    const body = docsOf(importNamed('Orders 2026-01-01 sandbox 1'));
    const first = await t.call('POST', `/v1/channels/${channelId}/amazon/import`, { body });
    const again = await t.call('POST', `/v1/channels/${channelId}/amazon/import`, { body, token: `key-${channelId}` });
    expect([first.status, again.status, again.body.id]).toEqual([201, 200, first.body.id]);
    expect((await t.call('POST', `/v1/channels/${channelId}/amazon/import`, { body, token: DEMO_KEYS.webshop })).status).toBe(403);
    expect((await t.call('POST', `/v1/channels/${channelId}/amazon/import`, { body, token: DEMO_KEYS.analyst })).status).toBe(403);
  });

  it('refuses notifications, which say that an order changed but not what it is', async () => {
    const channelId = await freshChannel();
    for (const [file, decision] of Object.entries(AMAZON)) {
      if (decision.kind !== 'not-an-order') continue;
      const res = await t.call('POST', `/v1/channels/${channelId}/amazon/import`, {
        body: { getOrder: sandboxResponse('amazon-sp-api', file) },
      });
      expect([file, res.status, res.body.error.details[0].path]).toEqual([file, 400, 'getOrder']);
    }
  });

  it('polls Orders v0: imports what it can, skips pending orders, reports a missing document and goes on', async () => {
    const channelId = await freshChannel();
    const fetch = fakeSpApi({
      'CreatedAfter=TEST_CASE_200_NEXT_TOKEN&NextToken': v0File('getOrders', 'sandbox_static_3'),
      'CreatedAfter=TEST_CASE_200_NEXT_TOKEN': v0File('getOrders', 'sandbox_static_2'),
      'CreatedAfter=TEST_CASE_200': v0File('getOrders', 'sandbox_static_1'),
      'CreatedAfter=2017-01-20T00%3A00%3A00Z&NextToken': v0File('getOrders', 'sandbox_static_3'),
      'CreatedAfter=2017-01-20': v0File('getOrders', 'examples_application_json'),
      '902-1845936-5435065/orderItems': v0File('getOrderItems', 'sandbox_static_1'),
      '902-1845936-5435065/address': v0File('getOrderAddress', 'sandbox_static_1'),
    });
    const opts = { api: 'v0' as const, marketplaceIds: ['ATVPDKIKX0DER'] };
    const first = await pollAmazonOrders(fetch, { ...opts, createdAfter: 'TEST_CASE_200' }, importInto(channelId));
    expect(first.imported).toEqual([{ orderId: '902-1845936-5435065', conveyorOrderId: expect.stringMatching(/^ord_/), created: true }]);
    expect(first.failed).toEqual([{ orderId: '902-8745147-1934268', code: 'fetch_failed', message: expect.stringContaining('404') }]);
    const paged = await pollAmazonOrders(fetch, { ...opts, createdAfter: 'TEST_CASE_200_NEXT_TOKEN' }, importInto(channelId));
    expect(paged.pages).toBe(2);
    expect(paged.skipped).toEqual([
      { orderId: '902-3159896-1390916', reason: expect.stringContaining('Pending') },
      { orderId: '902-3159896-1390916', reason: expect.stringContaining('Pending') },
    ]);
    const examples = await pollAmazonOrders(fetch, { ...opts, createdAfter: '2017-01-20T00:00:00Z' }, importInto(channelId));
    expect([examples.pages, examples.skipped.length, examples.imported.length]).toEqual([2, 2, 0]);
    // Pending orders cost no getOrderItems call (that operation is rate-limited hardest).
    expect(fetch.calls.filter((c) => c.includes('902-3159896-1390916'))).toEqual([]);
    const again = await pollAmazonOrders(fetch, { ...opts, createdAfter: 'TEST_CASE_200' }, importInto(channelId));
    expect(again.imported).toEqual([
      { orderId: '902-1845936-5435065', conveyorOrderId: first.imported[0]?.conveyorOrderId, created: false },
    ]);
  });

  it('polls Orders 2026-01-01 searchOrders page by page and imports every order', async () => {
    const channelId = await freshChannel();
    const fetch = fakeSpApi({
      'createdAfter=2024-12-25T00%3A00%3A00Z&includedData=BUYER%2CRECIPIENT%2CPROCEEDS%2CFULFILLMENT&paginationToken':
        search('sandbox_static_2'),
      'createdAfter=2024-12-25T00%3A00%3A00Z': search('examples_application_json'),
      'createdAfter=2024-12-20T00%3A00%3A00Z&includedData=BUYER%2CRECIPIENT%2CPROCEEDS%2CFULFILLMENT&paginationToken':
        search('sandbox_static_3'),
      'createdAfter=2024-12-20T00%3A00%3A00Z': search('sandbox_static_1'),
    });
    const opts = { api: '2026-01-01' as const, marketplaceIds: ['ATVPDKIKX0DER'] };
    const christmas = await pollAmazonOrders(fetch, { ...opts, createdAfter: '2024-12-25T00:00:00Z' }, importInto(channelId));
    expect([christmas.pages, christmas.failed]).toEqual([2, []]);
    expect(christmas.imported.map((i) => i.orderId)).toEqual(['123-4567890-1234567', '202-7654321-1098765']);
    const earlier = await pollAmazonOrders(fetch, { ...opts, createdAfter: '2024-12-20T00:00:00Z' }, importInto(channelId));
    expect([earlier.failed, earlier.imported.map((i) => i.orderId)]).toEqual([[], ['171-2345678-9012345']]);
    // The Japanese order is fulfilled by Amazon: nothing for Conveyor to ship.
    expect(earlier.skipped).toEqual([{ orderId: '250-1234567-8901234', reason: 'fulfilled by Amazon' }]);
    const br = await t.services.lifecycle.get(earlier.imported[0]!.conveyorOrderId);
    // 1599.90 BRL at 0.14 is 223.986 GBP, rounded to the penny.
    expect(br.lines[0]).toEqual({ sku: 'BOOK-BBQ', quantity: 1, unitPrice: 22399 });
    const repoll = await pollAmazonOrders(fetch, { ...opts, createdAfter: '2024-12-25T00:00:00Z' }, importInto(channelId));
    expect(repoll.imported.map((i) => i.created)).toEqual([false, false]);
  });
});

const v0File = (kind: string, n: string) => `ordersV0__${kind}__200__${n}.json`;
const search = (n: string) => `orders_2026-01-01__searchOrders__200__${n}.json`;
