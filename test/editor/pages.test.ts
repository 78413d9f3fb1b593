// The editor's pages in a real browser against the real server: serving the built editor,
// signing in, live orders with an order's routing trace and events, the live inventory grid, the
// test bench (draft and published side by side, a held order, a refused order marked in place),
// versions (diff, publish refused to an analyst, publish and rollback as an admin). Simulations and
// analytics have their own suites.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, replaceEditorText, screenshot, signIn, type Browser } from './support/browser.ts';
import { ADMIN, ANALYST, WEBSHOP, buildEditorIfStale, demoOrder, startEditorServer, type EditorServer } from './support/editor-server.ts';

let server: EditorServer;
let browser: Browser;
/** The analyst's page shared by the test bench and versions tests. */
let page: Page;

beforeAll(async () => {
  await buildEditorIfStale();
  [server, browser] = await Promise.all([startEditorServer(), launchBrowser()]);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('serving, signing in, orders and inventory', () => {
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
    // The browser's first load of the editor (nothing cached) until the sign-in form takes input:
    // printed, not asserted.
    const cold = await browser.newPage();
    const started = performance.now();
    await cold.goto(`${server.url}/editor/`);
    await cold.getByLabel('API token').waitFor({ state: 'visible' });
    await cold.getByLabel('API token').fill('x');
    process.stdout.write(`editor cold load to interactive: ${Math.round(performance.now() - started)} ms\n`);
    await cold.close();

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
    for (const name of ['Policies', 'Macros', 'Test bench', 'Simulations', 'Versions', 'Orders', 'Inventory', 'Analytics']) {
      expect(await nav.getByRole('link', { name, exact: true }).count()).toBe(1);
    }
    expect(await page.locator('.who').textContent()).toContain('analyst');

    // Keyboard only: Tab past the skip link and Sign out to the sections, Enter opens one and
    // puts focus on its heading.
    const active = () => page.evaluate('document.activeElement?.textContent?.trim()');
    for (let i = 0; i < 10 && (await active()) !== 'Inventory'; i++) await page.keyboard.press('Tab');
    expect(await active()).toBe('Inventory');
    await screenshot(page, 'keyboard-focus');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/editor\/inventory$/);
    // The link that was pressed reads 'Inventory' too: wait for focus to reach the heading.
    await expect.poll(() => page.evaluate('document.activeElement?.tagName')).toBe('H1');
    expect(await active()).toBe('Inventory');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('API token').waitFor();
    await page.close();
  });

  it('shows an order posted after the page loaded, live, with its routing trace and events', async () => {
    const page = await browser.newPage();
    await signIn(page, server.url, ANALYST, '/editor/orders');
    await page.locator('[data-live="live"]').waitFor();
    const placed = await server.call(
      'POST',
      '/v1/orders',
      demoOrder('WEB-LIVE-1', [
        { sku: 'OIL-OLIVE-5L', quantity: 2 },
        { sku: 'CD-BLUE', quantity: 1 },
      ]),
      WEBSHOP,
    );
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
    await candidates.scrollIntoViewIfNeeded();
    await screenshot(page, 'orders-routing-trace');
    await detail.locator('.timeline').scrollIntoViewIfNeeded();
    await screenshot(page, 'orders-event-timeline');
    await page.close();
  });

  it('pages back through older orders and filters by status', async () => {
    for (let i = 0; i < 26; i++) {
      const placed = await server.call('POST', '/v1/orders', demoOrder(`WEB-PAGE-${i}`, [{ sku: 'CD-RUMOURS', quantity: 1 }]), WEBSHOP);
      expect(placed.status).toBe(201);
    }
    const page = await browser.newPage();
    await signIn(page, server.url, ANALYST, '/editor/orders');
    const rows = page.locator('.orders-table tbody tr');
    await expect.poll(() => rows.count()).toBe(25);
    expect(await rows.first().textContent()).toContain('WEB-PAGE-25');
    await page.getByRole('button', { name: 'Load older orders' }).click();
    await expect.poll(() => rows.count()).toBe(27);
    expect(await rows.last().textContent()).toContain('WEB-LIVE-1');
    expect(await page.getByRole('button', { name: 'Load older orders' }).count()).toBe(0);
    await page.getByLabel('Status').selectOption('on_hold');
    await expect.poll(() => page.locator('.list-pane').textContent()).toContain('No on hold orders.');
    await page.close();
  });

  it('updates the inventory grid after a stock adjustment', async () => {
    const page = await browser.newPage();
    await signIn(page, server.url, ANALYST, '/editor/inventory');
    await page.locator('[data-live="live"]').waitFor();
    const cell = page.locator('td[data-cell="CHARCOAL-5KG|DE-BER"] .available');
    await cell.waitFor();
    const before = Number(await cell.textContent());
    const adjusted = await server.call('POST', '/v1/inventory/adjustments', {
      reason: 'cycle count',
      adjustments: [{ sku: 'CHARCOAL-5KG', warehouseId: 'DE-BER', delta: 7 }],
    });
    expect(adjusted.status).toBe(200);
    await expect.poll(async () => Number(await cell.textContent()), { timeout: 10_000 }).toBe(before + 7);
    await page.getByLabel('Find').fill('charcoal');
    await screenshot(page, 'inventory-live-grid');
    await page.close();
  });
});

describe('the test bench', () => {
  beforeAll(async () => {
    // A draft that differs from the published demo policy: EU orders get a tag.
    const published = (await server.call('GET', '/v1/policies/versions/1')).body.document;
    const tagEu = {
      name: 'tag-eu',
      priority: 3,
      conditions: { all: [{ fact: 'destinationRegion', operator: 'equal', value: 'EU' }] },
      event: { type: 'tag', params: { tag: 'eu-check' } },
    };
    expect((await server.call('PUT', '/v1/policies/draft', { rules: [...published.rules, tagEu] })).status).toBe(200);
    page = await browser.newPage();
    await signIn(page, server.url, ANALYST, '/editor/test-bench');
  });

  it('runs a sample under draft and published side by side and says what differs', async () => {
    await page.getByRole('button', { name: /Paris, low value with liquids/ }).click();
    await page.getByRole('button', { name: 'Compare draft with published' }).click();
    const differences = page.locator('.differences');
    await expect.poll(() => differences.textContent(), { timeout: 15_000 }).toContain('Tags');
    expect(await differences.locator('tr', { hasText: 'Tags' }).textContent()).toContain('eu-check');
    expect(await differences.locator('tr', { hasText: 'Rules matched' }).textContent()).toContain('tag-eu');
    const draft = page.locator('section.decision').first();
    expect(await draft.locator('.candidates tr.outcome-chosen th').textContent()).toBe('DE-BER');
    expect(await draft.locator('.rule-traces').textContent()).toContain('eu-low-value-stays-in-eu');
    expect(await draft.locator('.rule-traces').textContent()).toContain('the order\'s destinationRegion is "EU"');
    await screenshot(page, 'test-bench-compare');
    await draft.locator('.rule-traces').scrollIntoViewIfNeeded();
    await screenshot(page, 'test-bench-trace');
  });

  it('shows why an order is held, with the matched rule and its fact values', async () => {
    await page.getByRole('button', { name: /lighter fluid and firelighters/ }).click();
    await page.getByLabel('Policy').selectOption('published');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    const decision = page.locator('section.decision');
    await expect.poll(() => decision.locator('.decision-head').textContent(), { timeout: 15_000 }).toContain('on hold');
    expect(await decision.locator('.holds').textContent()).toContain('hazmat-no-domestic-site');
    expect(await decision.locator('.rule-traces li.fired').first().textContent()).toContain('hazmat-hold-without-domestic-site');
    await decision.locator('.rule-traces li.fired').first().scrollIntoViewIfNeeded();
    await screenshot(page, 'test-bench-held');
  });

  // Retried: under a full parallel run the refusal has, rarely, never shown within 30 s of pressing
  // Run (the pasted text was in the editor). Longer polls did not cure it; the cause is not yet found,
  // so a failure now says which notices showed, whether a run was in progress and what the dry-run
  // requests did.
  it('marks a refused order in place', { retry: 2, timeout: 60_000 }, async () => {
    const order = {
      channelId: 'webshop',
      externalId: 'T-1',
      placedAt: '2026-11-24T10:00:00Z',
      shipTo: { name: 'A', line1: '1 High St', city: 'Leeds', postalCode: 'LS1 1AA', country: 'GB' },
      lines: [{ sku: 'NO-SUCH-SKU', quantity: 1, unitPrice: 100 }],
    };
    await replaceEditorText(page, JSON.stringify(order, null, 2));
    // The pasted order, not the sample before it, must be what the editor holds when Run is pressed.
    await expect
      .poll(async () => (await page.locator('.bench-order .view-lines').textContent())?.replace(/\u00a0/g, ' '), { timeout: 10_000 })
      .toContain('NO-SUCH-SKU');
    // What the page asked and heard, for the failure message: the rare failure left no trace of its cause.
    const heard: string[] = [];
    const started = Date.now();
    const onRequest = (r: { url(): string; method(): string }) => {
      if (r.url().includes('/v1/dry-run')) heard.push(`${Date.now() - started} ms: ${r.method()} sent`);
    };
    const onResponse = (r: { url(): string; status(): number }) => {
      if (r.url().includes('/v1/dry-run')) heard.push(`${Date.now() - started} ms: ${r.status()} received`);
    };
    page.on('request', onRequest);
    page.on('response', onResponse);
    try {
      await page.getByRole('button', { name: 'Run', exact: true }).click();
      await expect.poll(() => page.locator('.notice.error').textContent(), { timeout: 30_000 }).toContain('unknown SKU NO-SUCH-SKU');
    } catch (error) {
      const notices = await page.locator('.notice').allTextContents();
      const running = await page.getByText('Running…').count();
      throw new Error(
        `${(error as Error).message}\nnotices: ${JSON.stringify(notices)}; running: ${running > 0}; dry-runs: ${heard.join(', ') || 'none sent'}`,
      );
    } finally {
      page.off('request', onRequest);
      page.off('response', onResponse);
    }
    await expect.poll(() => page.locator('.bench-order .squiggly-error').count()).toBeGreaterThan(0);
  });
});

describe('versions', () => {
  it('diffs the live version with the draft and refuses publishing to an analyst', async () => {
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Versions' }).click();
    const row = page.locator('tr[data-version="1"]');
    await row.waitFor();
    expect(await row.textContent()).toContain('live');
    const diff = page.locator('.diff');
    await expect.poll(() => diff.locator('.add').allTextContents()).toContainEqual(expect.stringContaining('"tag": "eu-check"'));
    await page.getByRole('button', { name: 'Publish the draft' }).click();
    await expect.poll(() => page.locator('.notice.error').textContent()).toContain('this needs the admin role');
    await screenshot(page, 'versions-analyst');
  });

  it('publishes the draft and rolls back as an admin', async () => {
    const admin = await browser.newPage();
    await signIn(admin, server.url, ADMIN, '/editor/versions');
    await admin.locator('tr[data-version="1"]').waitFor();
    await admin.getByRole('button', { name: 'Publish the draft' }).click();
    await expect.poll(() => admin.locator('.notice.ok').textContent()).toContain('version 2');
    expect(await admin.locator('tr[data-version="2"]').textContent()).toContain('live');
    admin.once('dialog', (d) => void d.accept());
    await admin.getByRole('button', { name: 'Roll back to 1' }).click();
    await expect.poll(() => admin.locator('tr[data-version="3"]').textContent()).toContain('rollback to version 1');
    expect(await admin.locator('tr[data-version="3"]').textContent()).toContain('live');
    expect((await server.call('GET', '/v1/policies/versions')).body.live).toBe(3);
    await screenshot(admin, 'versions-admin');
    await admin.close();
  });
});
