// The macro editor in a real browser against the real server: IntelliSense from the served macro
// API types, compile diagnostics from a refused save shown in place, saving a new macro and
// running its hook on a sample order.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, replaceEditorText, screenshot, signIn, type Browser } from './support/browser.ts';
import { ANALYST, buildEditorIfStale, startEditorServer, type EditorServer } from './support/editor-server.ts';

let server: EditorServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  buildEditorIfStale();
  [server, browser] = await Promise.all([startEditorServer(), launchBrowser()]);
  page = await browser.newPage();
  await signIn(page, server.url, ANALYST, '/editor/macros');
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const codeEditor = () => page.locator('.macro-main .editor-frame').first().locator('.monaco-editor');
/** The editor's visible text; Monaco renders spaces as no-break spaces. */
const visibleCode = async () => ((await codeEditor().locator('.view-lines').textContent()) ?? '').replace(/\u00a0/g, ' ');

describe('the macro editor', () => {
  it('lists the demo macros and opens the first one with its source', async () => {
    await page.waitForURL(/\/editor\/macros\/[a-z-]+$/);
    const list = page.getByRole('navigation', { name: 'Macros' });
    for (const name of ['keep-last-units', 'pallet-vs-parcel', 'split-liquids']) await list.getByRole('link', { name: new RegExp(name) }).waitFor();
    await list.getByRole('link', { name: /split-liquids/ }).click();
    await expect.poll(visibleCode).toContain('split-liquids: a pack hook');
    await screenshot(page, 'macros-open');
  });

  it('completes the order fields a macro sees, from GET /v1/macro-api.d.ts', async () => {
    await page.getByLabel('New macro').fill('prefer-home');
    await page.getByRole('button', { name: 'Create' }).click();
    await page.waitForURL(/\/editor\/macros\/new\/prefer-home$/);
    await expect.poll(visibleCode).toContain('export function decide');
    await replaceEditorText(page, "import type { DecideInput } from '../../sandbox/macro-api.d.ts';\nexport function decide(input: DecideInput) {\n  return input.order.", codeEditor());
    await page.keyboard.press('Control+Space');
    const suggestions = page.locator('.suggest-widget .monaco-list-row');
    await expect.poll(() => suggestions.allTextContents(), { timeout: 20_000 }).toContainEqual(expect.stringContaining('externalId'));
    expect(await suggestions.allTextContents()).toContainEqual(expect.stringContaining('shipTo'));
    await screenshot(page, 'macros-intellisense');
    await page.keyboard.press('Escape');
  });

  it('shows the compile diagnostics of a refused save in place, then saves and runs the hook', async () => {
    await replaceEditorText(page, 'export function decide(input) {\n  return [\n}\n', codeEditor());
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => page.locator('.macro-main .notice.error').textContent()).toContain('does not compile');
    expect(await page.locator('.macro-main .notice.error').textContent()).toContain('line 3');
    await expect.poll(() => codeEditor().locator('.squiggly-error').count()).toBeGreaterThan(0);
    expect((await server.call('GET', '/v1/macros/prefer-home')).status).toBe(404);

    const source = [
      "import type { DecideInput, DecideResult } from '../../sandbox/macro-api.d.ts';",
      '',
      'export function decide(input: DecideInput): DecideResult {',
      "  console.log('shipping to', input.order.shipTo.country);",
      "  if (input.order.shipTo.country === 'GB') return [{ type: 'prefer-warehouses', params: { warehouses: ['UK-MAN'] } }];",
      '  return [];',
      '}',
      '',
    ].join('\n');
    await replaceEditorText(page, source, codeEditor());
    await page.keyboard.press('ControlOrMeta+S');
    await page.waitForURL(/\/editor\/macros\/prefer-home$/);
    await expect.poll(() => page.locator('.macro-main .toolbar h2').textContent()).toContain('version 1');
    expect((await server.call('GET', '/v1/macros/prefer-home')).body.source).toBe(source);

    await page.getByLabel('Hook', { exact: true }).selectOption('decide');
    await page.getByRole('button', { name: /^Run decide/ }).click();
    const result = page.locator('.run-result');
    await expect.poll(() => result.textContent()).toContain('returned');
    expect(await result.textContent()).toContain('prefer-warehouses');
    expect(await result.locator('.logs').textContent()).toContain('shipping to GB');
    await screenshot(page, 'macros-run');
  });
});
