// The shadows page in a real browser against the real server: a shadow of a draft that holds
// Amazon's orders for review (06-marketplace-sla plus two rules, one never fires) started from the form,
// live orders posted over the API, the draft's KPIs next to live, rule coverage with the dead rule
// marked, a changed order's two decisions and traces, and stopping and deleting the shadow.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_KEYS } from '../../server/demo/seed.ts';
import { orderBody } from '../support/server.ts';
import { launchBrowser, screenshot, signIn, type Browser } from './support/browser.ts';
import { ANALYST, buildEditorIfStale, startEditorServer, type EditorServer } from './support/editor-server.ts';

let server: EditorServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  await buildEditorIfStale();
  [server, browser] = await Promise.all([startEditorServer(), launchBrowser()]);
  const draft = JSON.parse(readFileSync(new URL('../../rules-samples/policies/06-marketplace-sla.json', import.meta.url), 'utf8'));
  draft.rules.push({
    name: 'review-amazon',
    conditions: { all: [{ fact: 'channel', operator: 'equal', value: 'amazon' }] },
    event: { type: 'hold', params: { reason: 'marketplace-review' } },
  });
  draft.rules.push({
    name: 'antarctic-orders',
    conditions: { all: [{ fact: 'destinationCountry', operator: 'equal', value: 'AQ' }] },
    event: { type: 'hold', params: { reason: 'polar-review' } },
  });
  expect((await server.call('PUT', '/v1/policies/draft', draft, ANALYST)).status).toBe(200);
  page = await browser.newPage();
  await signIn(page, server.url, ANALYST, '/editor/shadows');
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const post = async (token: string, externalId: string) => {
  const res = await server.call('POST', '/v1/orders', orderBody(externalId, [{ sku: 'CD-BLUE', quantity: 1 }]), token);
  expect(res.status).toBe(201);
};

describe('a shadow of the draft on live orders', () => {
  it('starts from the form and shows the draft next to live as orders arrive', async () => {
    await page.getByRole('heading', { name: 'New shadow' }).waitFor();
    await page.getByLabel('Name (optional)').fill('marketplace SLA on live');
    expect(await page.getByLabel('Candidate').inputValue()).toBe('draft');
    await page.getByRole('button', { name: 'Start shadow' }).click();
    await page.waitForURL(/\/editor\/shadows\/shd_/);
    await expect.poll(() => page.locator('h1 .badge').textContent()).toBe('running');
    await page.getByText('No order has been placed since the shadow started').waitFor();

    await post(DEMO_KEYS.amazon, 'AMZ-1');
    await post(DEMO_KEYS.amazon, 'AMZ-2');
    await post(DEMO_KEYS.webshop, 'WEB-1');
    await post(DEMO_KEYS.webshop, 'WEB-2');
    await expect.poll(() => page.locator('.shadow-progress').textContent(), { timeout: 20_000 }).toContain('4 live orders decided');

    const cards = page.locator('.kpi-card');
    await expect.poll(() => cards.count()).toBe(2);
    expect(await cards.nth(0).getAttribute('data-variant')).toBe('live');
    expect(await cards.nth(1).getAttribute('data-variant')).toBe('draft');
    await screenshot(page, 'shadows-kpis');
  });

  it('shows rule coverage with the rule that never matched marked dead', async () => {
    const coverage = page.locator('.coverage-section');
    await coverage.scrollIntoViewIfNeeded();
    const express = coverage.locator('tr[data-rule="amazon-ships-express"] td[data-variant="draft"]');
    expect(await express.textContent()).toContain('2 of 4');
    const dead = coverage.locator('tr[data-rule="antarctic-orders"] td[data-variant="draft"]');
    expect(await dead.textContent()).toMatch(/0 of 4.*dead/);
    // Live runs the demo policy, whose rules the draft dropped.
    expect(await coverage.locator('tr[data-rule="antarctic-orders"] td[data-variant="live"]').textContent()).toBe('not in this policy');
    expect(await coverage.locator('tr[data-macro]').count()).toBeGreaterThan(0);
    await screenshot(page, 'shadows-coverage');
  });

  it('lists the changed orders and opens one with both decisions and traces', async () => {
    const rows = page.locator('.shadow-diff .diff-table tbody tr');
    await expect.poll(() => rows.count()).toBeGreaterThan(0);
    const ids = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-external-id')));
    expect(ids).toEqual(expect.arrayContaining(['AMZ-1', 'AMZ-2']));
    await page.locator('.shadow-diff').scrollIntoViewIfNeeded();
    await screenshot(page, 'shadows-diff');

    await rows.filter({ hasText: 'AMZ-1' }).getByRole('link', { name: 'AMZ-1' }).click();
    await page.waitForURL(/\/orders\/amazon\/AMZ-1$/);
    const compare = page.locator('.order-compare');
    await compare.getByRole('heading', { name: /Order AMZ-1/ }).waitFor();
    const columns = compare.locator('section.decision');
    await expect.poll(() => columns.count()).toBe(2);
    expect(await columns.nth(0).getAttribute('data-variant')).toBe('live');
    expect(await columns.nth(1).getAttribute('data-variant')).toBe('draft');
    for (const i of [0, 1]) expect(await columns.nth(i).locator('.trace').count()).toBe(1);
    expect(await compare.locator('.differences thead').textContent()).toContain('Live');
    expect(await compare.locator('.differences tbody tr').count()).toBeGreaterThan(0);
    await screenshot(page, 'shadows-order');
    await page.getByRole('link', { name: '← Back to the shadow' }).click();
    await page.locator('.kpi-card').first().waitFor();
  });

  it('stops the shadow, then deletes it from the list', async () => {
    await page.getByRole('button', { name: 'Stop shadow' }).click();
    await expect.poll(() => page.locator('h1 .badge').textContent()).toBe('stopped');
    await post(DEMO_KEYS.amazon, 'AMZ-3');
    await page.getByRole('link', { name: '← All shadows' }).click();
    const row = page.locator('tr', { hasText: 'marketplace SLA on live' });
    await expect.poll(() => row.textContent()).toContain('stopped');
    expect(await row.locator('td.num').first().textContent()).toBe('4');
    await screenshot(page, 'shadows-list');
    page.once('dialog', (d) => void d.accept());
    await row.getByRole('button', { name: 'Delete marketplace SLA on live' }).click();
    await expect.poll(() => row.count()).toBe(0);
    expect((await server.call('GET', '/v1/shadows')).body.shadows).toHaveLength(0);
  });
});
