// The simulations page in a real browser against the real server: a generated history replayed
// under the published policy and a draft that differs (06-marketplace-sla), with progress, KPI
// cards, charts and a changed order's two traces (opened by keyboard); an NDJSON upload;
// cancelling a long run.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateOrders } from '../../server/simulate/generator.ts';
import { launchBrowser, screenshot, signIn, type Browser } from './support/browser.ts';
import { ANALYST, buildEditorIfStale, startEditorServer, type EditorServer } from './support/editor-server.ts';

let server: EditorServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  await buildEditorIfStale();
  [server, browser] = await Promise.all([startEditorServer(), launchBrowser()]);
  const draft = JSON.parse(readFileSync(new URL('../../rules-samples/policies/06-marketplace-sla.json', import.meta.url), 'utf8'));
  expect((await server.call('PUT', '/v1/policies/draft', draft, ANALYST)).status).toBe(200);
  page = await browser.newPage();
  await signIn(page, server.url, ANALYST, '/editor/simulations');
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The canvases uPlot drew, with their on-screen size. */
const canvasSizes = (p: Page) =>
  p
    .locator('.chart-host canvas')
    .evaluateAll((els) => els.map((e) => ({ w: e.getBoundingClientRect().width, h: e.getBoundingClientRect().height })));

describe('a simulation of the draft against the published policy', () => {
  it('starts from the form and shows progress, KPI cards with changes and the charts', async () => {
    await page.getByRole('heading', { name: 'New simulation' }).waitFor();
    await page.getByLabel('Name (optional)').fill('marketplace SLA draft');
    await page.getByLabel('Orders', { exact: true }).fill('300');
    await page.getByLabel('Seed').fill('7');
    await page.getByLabel('Baseline').selectOption('published');
    const candidate = page.getByRole('group', { name: 'Candidate 1' });
    expect(await candidate.getByLabel('Policy').inputValue()).toBe('draft');
    await screenshot(page, 'simulations-form');
    await page.getByRole('button', { name: 'Start simulation' }).click();

    await page.waitForURL(/\/editor\/simulations\/sim_/);
    const progress = page.locator('.progress-panel');
    await expect.poll(() => progress.textContent()).toContain('of 300 orders');
    await expect.poll(() => page.locator('h1 .badge').textContent(), { timeout: 30_000 }).toBe('done');
    expect(await progress.textContent()).toContain('300 of 300 orders');
    expect(await page.getByRole('progressbar', { name: 'Orders replayed' }).getAttribute('aria-valuenow')).toBe('300');

    const cards = page.locator('.kpi-card');
    await expect.poll(() => cards.count()).toBe(2);
    expect(await cards.first().getAttribute('data-variant')).toBe('baseline');
    const draft = page.locator('.kpi-card[data-variant="draft"]');
    expect(await draft.locator('.kpi-row').count()).toBe(12);
    // The draft sends amazon orders express and drops the demo's routing rules: something moves.
    expect(await draft.locator('.change.better, .change.worse').count()).toBeGreaterThan(0);
    expect(await draft.locator('[data-kpi="landed"]').textContent()).toMatch(/Landed cost per order\d+\.\d\d/);

    await expect.poll(async () => (await canvasSizes(page)).length).toBe(4);
    for (const size of await canvasSizes(page)) {
      expect(size.w).toBeGreaterThan(200);
      expect(size.h).toBeGreaterThan(100);
    }
    await screenshot(page, 'simulations-kpis');
    await page.locator('.sim-charts').scrollIntoViewIfNeeded();
    await screenshot(page, 'simulations-charts');
  });

  it('pages through the changed orders and opens one with both decisions and traces side by side', async () => {
    const rows = page.locator('.diff-table tbody tr');
    await expect.poll(() => rows.count()).toBeGreaterThan(0);
    const summary = (await page.locator('.diff-section .toolbar').first().textContent()) ?? '';
    const changed = Number(/(\d+) of 300 orders changed/.exec(summary)?.[1]);
    expect(changed).toBeGreaterThan(0);
    if (changed > 20) {
      const first = await rows.first().getAttribute('data-external-id');
      await page.getByRole('button', { name: 'Next' }).click();
      await expect.poll(() => rows.first().getAttribute('data-external-id')).not.toBe(first);
      await page.getByRole('button', { name: 'Previous' }).click();
      await expect.poll(() => rows.first().getAttribute('data-external-id')).toBe(first);
    }
    await page.locator('.diff-section').scrollIntoViewIfNeeded();
    await screenshot(page, 'simulations-diff');

    const externalId = (await rows.first().getAttribute('data-external-id')) ?? '';
    // By keyboard: the order's link opens both decisions and puts focus on their heading.
    await rows.first().getByRole('link', { name: externalId }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/orders\//);
    const compare = page.locator('.order-compare');
    await compare.getByRole('heading', { name: new RegExp(`Order ${externalId}`) }).waitFor();
    await expect.poll(() => page.evaluate('document.activeElement?.id')).toBe('compare-title');
    const columns = compare.locator('section.decision');
    await expect.poll(() => columns.count()).toBe(2);
    expect(await columns.nth(0).getAttribute('data-variant')).toBe('baseline');
    expect(await columns.nth(1).getAttribute('data-variant')).toBe('draft');
    for (const i of [0, 1]) {
      expect(await columns.nth(i).locator('.trace').count()).toBe(1);
      expect(await columns.nth(i).locator('table.candidates tr.outcome-chosen').count()).toBeGreaterThan(0);
    }
    expect(await compare.locator('.differences tbody tr').count()).toBeGreaterThan(0);
    await screenshot(page, 'simulations-order-traces');
    await columns.nth(0).locator('.trace').scrollIntoViewIfNeeded();
    await screenshot(page, 'simulations-order-traces-2');

    await page.getByRole('link', { name: '← Back to the results' }).click();
    await page.locator('.kpi-card').first().waitFor();
  });

  it('lists the simulation and deletes it', async () => {
    await page.getByRole('link', { name: '← All simulations' }).click();
    const row = page.locator('tr', { hasText: 'marketplace SLA draft' });
    await expect.poll(() => row.textContent()).toContain('done');
    page.once('dialog', (d) => void d.accept());
    await row.getByRole('button', { name: 'Delete marketplace SLA draft' }).click();
    await expect.poll(() => row.count()).toBe(0);
    expect((await server.call('GET', '/v1/simulations')).body.simulations).toHaveLength(0);
  });
});

describe('other histories and cancelling', () => {
  it('uploads an NDJSON file in chunks as a stored history and replays it', async () => {
    const ndjson = [...generateOrders({ count: 60, seed: 3 })].map((o) => JSON.stringify(o)).join('\n');
    await page.getByRole('radio', { name: 'Upload NDJSON' }).check();
    await page
      .getByLabel('NDJSON file')
      .setInputFiles({ name: 'november.ndjson', mimeType: 'application/x-ndjson', buffer: Buffer.from(ndjson) });
    await expect.poll(() => page.locator('.upload .hint').textContent()).toContain('november.ndjson: 60 orders');
    await screenshot(page, 'simulations-upload');
    await page.getByRole('button', { name: 'Start simulation' }).click();
    await page.waitForURL(/\/editor\/simulations\/sim_/);
    await expect.poll(() => page.locator('h1 .badge').textContent(), { timeout: 30_000 }).toBe('done');
    expect(await page.locator('.progress-panel').textContent()).toContain('60 of 60 orders');
    const histories = (await server.call('GET', '/v1/simulation-histories')).body.histories;
    expect(histories).toMatchObject([{ name: 'november.ndjson', orders: 60 }]);
  });

  it('follows a long run with live progress and cancels it', async () => {
    await page.getByRole('link', { name: '← All simulations' }).click();
    await page.getByRole('radio', { name: 'Generated' }).check();
    await page.getByLabel('Orders', { exact: true }).fill('20000');
    await page.getByRole('button', { name: 'Start simulation' }).click();
    await page.waitForURL(/\/editor\/simulations\/sim_/);
    const bar = page.getByRole('progressbar', { name: 'Orders replayed' });
    await expect.poll(async () => Number(await bar.getAttribute('aria-valuenow')), { timeout: 15_000 }).toBeGreaterThan(0);
    await expect.poll(() => page.locator('.progress-figures').textContent()).toMatch(/of 20,000 orders · [\d,]+ orders\/s/);
    await screenshot(page, 'simulations-running');
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => page.locator('h1 .badge').textContent(), { timeout: 20_000 }).toBe('cancelled');

    await page.getByRole('link', { name: '← All simulations' }).click();
    const rows = page.locator('.sim-list tbody tr');
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.first().textContent()).toContain('cancelled');
    await screenshot(page, 'simulations-list');
  });
});
