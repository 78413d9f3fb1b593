// The editor in a real browser against the real server: signing in, the live orders page with
// an order's routing trace and events, and the live inventory grid.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot, signIn, type Browser } from './support/browser.ts';
import { ANALYST, WEBSHOP, buildEditorIfStale, demoOrder, startEditorServer, type EditorServer } from './support/editor-server.ts';

let server: EditorServer;
let browser: Browser;

beforeAll(async () => {
  buildEditorIfStale();
  [server, browser] = await Promise.all([startEditorServer(), launchBrowser()]);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the editor, operations pages', () => {
  it('serves the editor with index.html for client-side routes and long-cached assets', async () => {
    const index = await fetch(`${server.url}/editor/orders/ord_anything`);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toContain('text/html');
    expect(index.headers.get('cache-control')).toBe('no-cache');
    const html = await index.text();
    const script = /src="(\/editor\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeTruthy();
    const asset = await fetch(server.url + script);
    expect(asset.headers.get('content-type')).toContain('text/javascript');
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect((await fetch(`${server.url}/editor/assets/missing-0000.js`)).status).toBe(404);
  });

  it('rejects a bad token with a message and shows the navigation for a good one', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/editor/`);
    await page.getByLabel('API token').fill('cv_not_a_real_token');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('not valid');
    await screenshot(page, 'sign-in-rejected');

    await page.getByLabel('API token').fill(ANALYST);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const nav = page.getByRole('navigation', { name: 'Sections' });
    await nav.waitFor();
    for (const name of ['Policies', 'Macros', 'Test bench', 'Simulations', 'Versions', 'Orders', 'Inventory']) {
      expect(await nav.getByRole('link', { name, exact: true }).count()).toBe(1);
    }
    expect(await page.locator('.who').textContent()).toContain('analyst');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('API token').waitFor();
    await page.close();
  });

  it('shows an order posted after the page loaded, live, with its routing trace and events', async () => {
    const page = await browser.newPage();
    await signIn(page, server.url, ANALYST, '/editor/orders');
    await page.locator('[data-live="live"]').waitFor();
    const placed = await server.call('POST', '/v1/orders', demoOrder('WEB-LIVE-1', [{ sku: 'OIL-OLIVE-5L', quantity: 2 }, { sku: 'CD-BLUE', quantity: 1 }]), WEBSHOP);
    expect(placed.status).toBe(201);

    const row = page.locator(`tr[data-order-id="${placed.body.id}"]`);
    await row.waitFor({ timeout: 10_000 });
    expect(await row.textContent()).toContain('routed');
    await row.getByRole('link', { name: 'WEB-LIVE-1' }).click();

    const detail = page.locator('.order-detail');
    await detail.getByRole('heading', { name: /WEB-LIVE-1/ }).waitFor();
    expect(page.url()).toContain(`/editor/orders/${placed.body.id}`);
    const candidates = detail.locator('table.candidates');
    expect(await candidates.locator('tr.outcome-chosen th').textContent()).toBe('UK-MAN');
    expect(await candidates.textContent()).toContain('US-NJ');
    expect(await detail.locator('.timeline').textContent()).toContain('order.routed');
    expect(await detail.locator('.fulfillment').count()).toBe(1);
    await screenshot(page, 'orders-live-detail');
    await page.close();
  });

  it('updates the inventory grid after a stock adjustment', async () => {
    const page = await browser.newPage();
    await signIn(page, server.url, ANALYST, '/editor/inventory');
    await page.locator('[data-live="live"]').waitFor();
    const cell = page.locator('td[data-cell="CHARCOAL-5KG|DE-BER"] .available');
    await cell.waitFor();
    const before = Number(await cell.textContent());
    const adjusted = await server.call('POST', '/v1/inventory/adjustments', { reason: 'cycle count', adjustments: [{ sku: 'CHARCOAL-5KG', warehouseId: 'DE-BER', delta: 7 }] });
    expect(adjusted.status).toBe(200);
    await expect.poll(async () => Number(await cell.textContent()), { timeout: 10_000 }).toBe(before + 7);
    await page.getByLabel('Find').fill('charcoal');
    await screenshot(page, 'inventory-live-grid');
    await page.close();
  });
});
