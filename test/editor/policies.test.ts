// The policy editor in a real browser against the real server: the demo draft with its rules in
// words, schema completion in Monaco, a refused save with problems marked in place, and a saved
// draft with its analysis warnings.
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
  await signIn(page, server.url, ANALYST, '/editor/policies');
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const replaceText = (text: string) => replaceEditorText(page, text);

const rule = (name: string, conditions: unknown, event: unknown, priority = 10) => ({ name, priority, conditions, event });

describe('the policy editor', () => {
  it('opens the draft in Monaco with every rule in plain words', async () => {
    await page.locator('.monaco-editor .view-lines').waitFor();
    const rules = page.locator('#rules-title + ol');
    await expect.poll(() => rules.textContent()).toContain('if destinationCountry is GB then prefer UK-MAN');
    expect(await page.locator('.save-state').textContent()).toMatch(/Saved|No draft saved yet/);
    // Hover documentation of a fact comes from the catalogue through the schema.
    await page.locator('.monaco-editor .view-line span', { hasText: '"destinationCountry"' }).first().hover();
    await expect.poll(() => page.locator('.monaco-hover').first().textContent(), { timeout: 10_000 }).toContain('ISO 3166-1 alpha-2');
    await screenshot(page, 'policies-draft');
  });

  it('completes fact names from the policy schema', async () => {
    await replaceText('{"rules":[{"name":"t","conditions":{"all":[{"fact":"');
    await page.keyboard.press('Control+Space');
    const suggestions = page.locator('.suggest-widget .monaco-list-row');
    await expect.poll(() => suggestions.allTextContents(), { timeout: 15_000 }).toContainEqual(expect.stringContaining('destinationRegion'));
    await screenshot(page, 'policies-completion');
    await page.keyboard.press('Escape');
  });

  it('shows the server problems of a refused save in place', async () => {
    const doc = {
      rules: [
        rule('eu-liquids', { all: [{ fact: 'destinationRegion', operator: 'equal', value: 'EU' }, { fact: 'hasLiquid', operator: 'equal', value: true }] }, { type: 'restrict-warehouses', params: { warehouses: ['DE-BER', 'FR-PAR'] } }),
      ],
    };
    await replaceText(JSON.stringify(doc, null, 2));
    await page.getByRole('button', { name: 'Save draft' }).click();
    const panel = page.locator('aside.side-panel');
    await expect.poll(() => panel.textContent()).toContain('The server refused the draft');
    expect(await panel.textContent()).toContain('rules.0.conditions.all.1.fact');
    expect(await panel.textContent()).toContain('unknown warehouse "FR-PAR"');
    // Both problems are underlined in the editor, on the fact name and on the warehouse.
    await expect.poll(() => page.locator('.monaco-editor .squiggly-error').count()).toBeGreaterThanOrEqual(2);
    await page.getByRole('button', { name: 'Go to rules.0.event.params.warehouses.1' }).click();
    await screenshot(page, 'policies-refused');
    expect((await server.call('GET', '/v1/policies/draft')).body.document.rules[0].name).toBe('prefer-uk-for-uk');
  });

  it('saves a valid draft and lists the analysis warnings', async () => {
    const doc = {
      rules: [
        rule('eu-liquids', { all: [{ fact: 'destinationRegion', operator: 'equal', value: 'EU' }, { fact: 'hasLiquids', operator: 'equal', value: true }] }, { type: 'restrict-warehouses', params: { warehouses: ['DE-BER'] } }),
        rule('gb-and-fr', { all: [{ fact: 'destinationCountry', operator: 'equal', value: 'GB' }, { fact: 'destinationCountry', operator: 'equal', value: 'FR' }] }, { type: 'tag', params: { tag: 'impossible' } }, 5),
      ],
    };
    await replaceText(JSON.stringify(doc, null, 2));
    await page.getByRole('button', { name: 'Save draft' }).click();
    await expect.poll(() => page.locator('.save-state').textContent()).toContain('Saved');
    const panel = page.locator('aside.side-panel');
    expect(await panel.textContent()).toContain('never-fires');
    expect(await panel.textContent()).toContain('if destinationRegion is EU and hasLiquids is true then ship only from DE-BER');
    await expect.poll(() => page.locator('.monaco-editor .squiggly-warning').count()).toBeGreaterThanOrEqual(1);
    expect((await server.call('GET', '/v1/policies/draft')).body.document.rules.map((r: { name: string }) => r.name)).toEqual(['eu-liquids', 'gb-and-fr']);
    await screenshot(page, 'policies-saved-warnings');
  });
});
