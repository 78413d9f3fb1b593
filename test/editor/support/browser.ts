// Debian's Chromium driven by playwright-core, one fresh profile per suite, screenshots saved
// under test-artifacts/editor/.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

const ARTIFACTS = fileURLToPath(new URL('../../../test-artifacts/editor/', import.meta.url));
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface Browser {
  context: BrowserContext;
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

/** Launches headless Chromium at 1280x800 with a fresh user data dir. */
export async function launchBrowser(): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'conveyor-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    // Tests paste into Monaco (typing would auto-close brackets).
    permissions: ['clipboard-read', 'clipboard-write'],
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 800 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    context,
    async newPage() {
      const page = await context.newPage();
      // A stuck step fails with its own name, well inside the test's timeout.
      page.setDefaultTimeout(12_000);
      return page;
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Saves a full-viewport screenshot as test-artifacts/editor/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
}

/**
 * Replaces the whole text of the page's (first) Monaco editor by pasting; typing would auto-close
 * brackets. A paste shows as a change of the visible lines; on a busy machine one can be lost
 * (focus not yet in the editor), so it is tried again before giving up.
 */
export async function replaceEditorText(page: Page, text: string, editor = page.locator('.monaco-editor').first()): Promise<void> {
  // A string: the root tsconfig has no DOM types, and this runs in the page.
  await page.evaluate(`navigator.clipboard.writeText(${JSON.stringify(text)})`);
  // Monaco renders spaces as no-break spaces.
  const shown = async () => ((await editor.locator('.view-lines').textContent()) ?? '').replace(/\u00a0/g, ' ');
  const first = (text.split('\n').find((l) => l.trim()) ?? '').trim().slice(0, 40);
  const before = await shown();
  for (let attempt = 0; attempt < 3; attempt++) {
    await editor.locator('.view-lines').click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.press('ControlOrMeta+V');
    for (let i = 0; i < 40; i++) {
      const now = await shown();
      if (now !== before && now.includes(first)) return;
      await page.waitForTimeout(100);
    }
  }
  // Nothing changed after three pastes: the text was already there, or the paste never landed.
  if (!(await shown()).includes(first)) throw new Error(`the pasted text never showed in the editor: ${first}`);
}

/** Opens the editor at `path` and signs in with `token` through the form. */
export async function signIn(page: Page, baseUrl: string, token: string, path = '/editor/'): Promise<void> {
  await page.goto(baseUrl + path);
  await page.getByLabel('API token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Sections' }).waitFor();
}
