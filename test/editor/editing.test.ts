// Editing in Monaco, in a real browser against the real server. Policies: the demo draft with
// its rules in words, hover docs and completion from the policy schema, a refused save with the
// problems marked in place, a saved draft with its analysis warnings. Macros: IntelliSense from the
// served macro API types, compile diagnostics in place, saving a new macro and running its hook.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, replaceEditorText, screenshot, signIn, type Browser } from './support/browser.ts';
import { ANALYST, buildEditorIfStale, startEditorServer, type EditorServer } from './support/editor-server.ts';

let server: EditorServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  await buildEditorIfStale();
  [server, browser] = await Promise.all([startEditorServer(), launchBrowser()]);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const replaceText = (text: string) => replaceEditorText(page, text);

/** Asks Monaco for completions at the cursor; asked again on each poll, as a language worker may still be starting. */
async function suggest(): Promise<string[]> {
  const rows = page.locator('.suggest-widget .monaco-list-row');
  await page.keyboard.press('Control+Space');
  await rows
    .first()
    .waitFor({ timeout: 2_000 })
    .catch(() => undefined);
  return rows.allTextContents();
}

const rule = (name: string, conditions: unknown, event: unknown, priority = 10) => ({ name, priority, conditions, event });

const codeEditor = () => page.locator('.macro-main .editor-frame').first().locator('.monaco-editor');
/** The editor's visible text; Monaco renders spaces as no-break spaces. */
const visibleCode = async () => ((await codeEditor().locator('.view-lines').textContent()) ?? '').replace(/\u00a0/g, ' ');

describe('the policy editor', () => {
  beforeAll(async () => {
    page = await browser.newPage();
    await signIn(page, server.url, ANALYST, '/editor/policies');
  });
  afterAll(() => page?.close());

  it('opens the draft in Monaco with every rule in plain words', async () => {
    await page.locator('.monaco-editor .view-lines').waitFor();
    const rules = page.locator('#rules-title + ol');
    await expect.poll(() => rules.textContent()).toContain('if destinationCountry is GB then prefer UK-MAN');
    expect(await page.locator('.save-state').textContent()).toMatch(/Saved|No draft saved yet/);
    // Hover documentation of a fact comes from the catalogue through the schema.
    // (Hovered again on each poll: a hover before the JSON worker is up shows nothing.)
    const fact = page.locator('.monaco-editor .view-line span', { hasText: '"destinationCountry"' }).first();
    const hoverText = async () => {
      await page.mouse.move(0, 0);
      await fact.hover();
      await page
        .locator('.monaco-hover')
        .first()
        .waitFor({ timeout: 2_000 })
        .catch(() => undefined);
      return (await page.locator('.monaco-hover').allTextContents()).join(' ');
    };
    await expect.poll(hoverText, { timeout: 20_000 }).toContain('ISO 3166-1 alpha-2');
    await screenshot(page, 'policies-draft');
  });

  it('completes fact names from the policy schema', async () => {
    await replaceText('{"rules":[{"name":"t","conditions":{"all":[{"fact":"');
    await expect.poll(() => suggest(), { timeout: 20_000 }).toContainEqual(expect.stringContaining('destinationRegion'));
    await screenshot(page, 'policies-completion');
    await page.keyboard.press('Escape');
  });

  it('shows the server problems of a refused save in place', async () => {
    const doc = {
      rules: [
        rule(
          'eu-liquids',
          {
            all: [
              { fact: 'destinationRegion', operator: 'equal', value: 'EU' },
              { fact: 'hasLiquid', operator: 'equal', value: true },
            ],
          },
          { type: 'restrict-warehouses', params: { warehouses: ['DE-BER', 'FR-PAR'] } },
        ),
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
        rule(
          'eu-liquids',
          {
            all: [
              { fact: 'destinationRegion', operator: 'equal', value: 'EU' },
              { fact: 'hasLiquids', operator: 'equal', value: true },
            ],
          },
          { type: 'restrict-warehouses', params: { warehouses: ['DE-BER'] } },
        ),
        rule(
          'gb-and-fr',
          {
            all: [
              { fact: 'destinationCountry', operator: 'equal', value: 'GB' },
              { fact: 'destinationCountry', operator: 'equal', value: 'FR' },
            ],
          },
          { type: 'tag', params: { tag: 'impossible' } },
          5,
        ),
      ],
    };
    await replaceText(JSON.stringify(doc, null, 2));
    await page.getByRole('button', { name: 'Save draft' }).click();
    await expect.poll(() => page.locator('.save-state').textContent()).toContain('Saved');
    const panel = page.locator('aside.side-panel');
    expect(await panel.textContent()).toContain('never-fires');
    expect(await panel.textContent()).toContain('if destinationRegion is EU and hasLiquids is true then ship only from DE-BER');
    await expect.poll(() => page.locator('.monaco-editor .squiggly-warning').count()).toBeGreaterThanOrEqual(1);
    expect((await server.call('GET', '/v1/policies/draft')).body.document.rules.map((r: { name: string }) => r.name)).toEqual([
      'eu-liquids',
      'gb-and-fr',
    ]);
    await screenshot(page, 'policies-saved-warnings');
  });
});

describe('the macro editor', () => {
  beforeAll(async () => {
    page = await browser.newPage();
    await signIn(page, server.url, ANALYST, '/editor/macros');
  });
  afterAll(() => page?.close());

  it('lists the demo macros and opens the first one with its source', async () => {
    await page.waitForURL(/\/editor\/macros\/[a-z-]+$/);
    const list = page.getByRole('navigation', { name: 'Macros' });
    for (const name of ['keep-last-units', 'pallet-vs-parcel', 'split-liquids'])
      await list.getByRole('link', { name: new RegExp(name) }).waitFor();
    await list.getByRole('link', { name: /split-liquids/ }).click();
    await expect.poll(visibleCode).toContain('split-liquids: a pack hook');
    await screenshot(page, 'macros-open');
  });

  it('completes the order fields a macro sees, from GET /v1/macro-api.d.ts', async () => {
    await page.getByLabel('New macro').fill('prefer-home');
    await page.getByRole('button', { name: 'Create' }).click();
    await page.waitForURL(/\/editor\/macros\/new\/prefer-home$/);
    await expect.poll(visibleCode).toContain('export function decide');
    await replaceEditorText(
      page,
      "import type { DecideInput } from '../../sandbox/macro-api.d.ts';\nexport function decide(input: DecideInput) {\n  return input.order.",
      codeEditor(),
    );
    await expect.poll(() => suggest(), { timeout: 30_000 }).toContainEqual(expect.stringContaining('externalId'));
    expect(await suggest()).toContainEqual(expect.stringContaining('shipTo'));
    await screenshot(page, 'macros-intellisense');
    await page.keyboard.press('Escape');
  });

  it('marks a type error in a macro as it is typed, against the macro API types', async () => {
    await replaceEditorText(
      page,
      "import type { DecideInput } from '../../sandbox/macro-api.d.ts';\nexport function decide(input: DecideInput) {\n  const units: number = input.order.externalId;\n  return [];\n}\n",
      codeEditor(),
    );
    await expect.poll(() => codeEditor().locator('.squiggly-error').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    await screenshot(page, 'macros-type-error');
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
