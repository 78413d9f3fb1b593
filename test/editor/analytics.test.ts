// The analytics page in a real browser against the real server, after real orders: posted by two
// channels over the last days to the UK, Germany and the US, shipped, partly delivered, one
// returned damaged and one waiting for stock. Charts must be drawn, the tiles filled and the velocity heat map coloured.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_KEYS } from '../../server/demo/seed.ts';
import { launchBrowser, screenshot, signIn, type Browser } from './support/browser.ts';
import { ANALYST, buildEditorIfStale, demoOrder, startEditorServer, WEBSHOP, type EditorServer } from './support/editor-server.ts';

let server: EditorServer;
let browser: Browser;
let page: Page;

const HOUR = 3_600_000;
const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Posts an order placed `hoursAgo` and returns its body. */
async function place(
  externalId: string,
  hoursAgo: number,
  lines: { sku: string; quantity: number; unitPrice?: number }[],
  key: string = WEBSHOP,
  country = 'GB',
) {
  const body = { ...demoOrder(externalId, lines, country), placedAt: new Date(Date.now() - hoursAgo * HOUR).toISOString() };
  const res = await server.call('POST', '/v1/orders', body, key);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

async function shipAll(order: { fulfillments: { id: string }[] }, deliver: boolean) {
  for (const f of order.fulfillments) {
    expect((await server.call('POST', `/v1/fulfillments/${f.id}/ship`, { carrier: 'dpd', trackingNumber: `T-${f.id}` })).status).toBe(200);
    if (deliver) expect((await server.call('POST', `/v1/fulfillments/${f.id}/deliver`)).status).toBe(200);
  }
}

beforeAll(async () => {
  await buildEditorIfStale();
  [server, browser] = await Promise.all([startEditorServer(), launchBrowser()]);
  const orders = [
    await place('AN-1', 70, [{ sku: 'OIL-OLIVE-5L', quantity: 2 }]),
    await place(
      'AN-2',
      50,
      [
        { sku: 'CD-BLUE', quantity: 3 },
        { sku: 'OIL-OLIVE-5L', quantity: 1 },
      ],
      WEBSHOP,
      'DE',
    ),
    await place('AN-3', 30, [{ sku: 'CHARCOAL-5KG', quantity: 4 }], DEMO_KEYS.amazon),
    await place('AN-4', 26, [{ sku: 'CD-BLUE', quantity: 1 }], DEMO_KEYS.amazon),
    await place('AN-5', 5, [{ sku: 'CD-RUMOURS', quantity: 2 }], WEBSHOP, 'US'),
  ];
  for (const [i, o] of orders.entries()) await shipAll(o, i < 3);
  const rma = await server.call('POST', `/v1/orders/${orders[1].id}/returns`, {
    lines: [{ sku: 'CD-BLUE', quantity: 1 }],
    reason: 'damaged_in_transit',
  });
  expect(rma.status, JSON.stringify(rma.body)).toBe(201);
  const warehouseId = orders[1].fulfillments.find((f: { lines: { sku: string }[] }) =>
    f.lines.some((l) => l.sku === 'CD-BLUE'),
  ).warehouseId;
  const received = await server.call('POST', `/v1/returns/${rma.body.id}/receive`, {
    warehouseId,
    lines: [{ sku: 'CD-BLUE', quantity: 1, condition: 'damaged' }],
  });
  expect(received.status, JSON.stringify(received.body)).toBe(200);
  // More units than the whole network holds (cheap ones, so no value hold): the rest waits for
  // stock instead of overselling. Then cancelled, so its one huge shipment does not swamp the costs.
  const waiting = await place('AN-6', 3, [{ sku: 'CHARCOAL-5KG', quantity: 5000, unitPrice: 10 }]);
  expect(waiting.status).toBe('backordered');
  expect((await server.call('POST', `/v1/orders/${waiting.id}/cancel`)).status).toBe(200);

  page = await browser.newPage();
  await signIn(page, server.url, ANALYST, '/editor/orders');
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the analytics page', () => {
  it('opens from the navigation with the last 30 days and draws the charts and tiles', async () => {
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Analytics' }).click();
    await page.waitForURL(/\/editor\/analytics$/);
    expect(await page.getByRole('button', { name: 'Last 30 days' }).getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'orders placed' }).textContent()).toContain('6 orders placed');

    const charts = page.locator('figure.chart');
    await expect.poll(() => charts.locator('canvas').count()).toBe(3);
    for (const title of ['Orders per day', 'Landed cost per order', 'Lead times']) {
      const box = await charts.filter({ hasText: title }).locator('canvas').boundingBox();
      expect(box?.width, title).toBeGreaterThan(200);
      expect(box?.height, title).toBeGreaterThan(100);
    }
    // The chart's text summary for screen readers carries the same figures.
    expect(await charts.filter({ hasText: 'Orders per day' }).locator('[role="img"]').getAttribute('aria-label')).toContain(
      'webshop 4, amazon 2',
    );

    const tiles = page.getByRole('list', { name: 'Headline figures' });
    expect(await tiles.locator('li', { hasText: 'On-time rate' }).textContent()).toMatch(
      /\d+\.\d%\d+ of [1-9]\d* deliveries by their ETA day/,
    );
    expect(await tiles.locator('li', { hasText: 'Oversells prevented' }).locator('.tile-value').textContent()).toBe('1');
    expect(await page.locator('#stockouts-title + .hint + table').textContent()).toContain('CHARCOAL-5KG');
    await screenshot(page, 'analytics-overview');
  });

  it('shows turnover per warehouse, the velocity heat map and return rates', async () => {
    const inventory = page.locator('section', { has: page.locator('#inventory-title') });
    expect(await inventory.locator('tbody tr').count()).toBe(3);

    const heat = page.locator('table.heatmap');
    await heat.scrollIntoViewIfNeeded();
    const row = heat.locator('tbody tr', { hasText: 'CD-BLUE' });
    expect(await row.locator('td.num.strong').textContent()).toBe('4');
    const strengths = (await heat.locator('td.heat').evaluateAll((tds) => tds.map((td) => Number(td.getAttribute('data-heat'))))).filter(
      (h) => h > 0,
    );
    expect(strengths.length).toBeGreaterThanOrEqual(4);
    expect(Math.max(...strengths)).toBe(1);
    expect(await heat.locator('td.heat[data-heat="1"]').first().getAttribute('style')).toContain('background: rgb(31, 95, 191)');

    const returns = page.locator('section', { has: page.locator('#returns-title') });
    expect(await returns.locator('tr', { hasText: 'damaged in transit' }).textContent()).toContain('100.0%');
    expect(await returns.locator('tr', { hasText: 'CD-BLUE' }).textContent()).toContain('25.0%');
    await page.locator('section', { has: page.locator('#inventory-title') }).scrollIntoViewIfNeeded();
    await screenshot(page, 'analytics-stock-and-velocity');
  });

  it('narrows the range with a preset and with the date fields, by keyboard too', async () => {
    await page.getByRole('button', { name: 'Last 7 days' }).click();
    const today = Date.now();
    expect(await page.getByLabel('From', { exact: true }).inputValue()).toBe(utcDay(today - 6 * 24 * HOUR));
    expect(await page.getByLabel('To', { exact: true }).inputValue()).toBe(utcDay(today));
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'orders placed' }).textContent()).toContain('6 orders placed');

    // Only today: the orders of the last hours.
    await page.getByLabel('From', { exact: true }).focus();
    await page.getByLabel('From', { exact: true }).fill(utcDay(today));
    await page.getByLabel('From', { exact: true }).press('Tab');
    expect(await page.getByRole('button', { name: 'Last 7 days' }).getAttribute('aria-pressed')).toBe('false');
    const placedToday = [70, 50, 30, 26, 5, 3].filter((h) => utcDay(today - h * HOUR) === utcDay(today)).length;
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'orders placed' }).textContent())
      .toContain(`${placedToday} orders placed`);
    await screenshot(page, 'analytics-today');
  });
});
