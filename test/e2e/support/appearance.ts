// The workbench's look, changed as a user changes it: a colour theme picked
// from "Preferences: Color Theme", the side bar's width dragged by its sash.
// Each waits on the state it changes, never on time.
import type { Page } from 'playwright-core';
import { STEP_TIMEOUT_MS, eventually, sideBar } from './workbench';

export interface Theme {
  /** As the theme picker lists it. */
  readonly label: string;
  /** The class `.monaco-workbench` takes for it. */
  readonly workbenchClass: 'vs' | 'vs-dark' | 'hc-black' | 'hc-light';
  /** The class a webview's body takes for it. */
  readonly webviewClass: 'vscode-light' | 'vscode-dark' | 'vscode-high-contrast' | 'vscode-high-contrast-light';
}

/** VS Code's defaults (what a new user has) and the two High Contrast themes. */
export const THEMES: readonly Theme[] = [
  { label: 'Light 2026', workbenchClass: 'vs', webviewClass: 'vscode-light' },
  { label: 'Dark 2026', workbenchClass: 'vs-dark', webviewClass: 'vscode-dark' },
  { label: 'Dark High Contrast', workbenchClass: 'hc-black', webviewClass: 'vscode-high-contrast' },
  { label: 'Light High Contrast', workbenchClass: 'hc-light', webviewClass: 'vscode-high-contrast-light' },
];

const workbenchHas = (page: Page, cls: string): Promise<boolean> =>
  page.locator('.monaco-workbench').evaluate((el, c) => el.classList.contains(c), cls);

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The quick input's option whose accessible name is `label` (then maybe ", …": a keybinding, a description). */
const option = (page: Page, label: string) =>
  page.locator('.quick-input-widget').getByRole('option', { name: new RegExp(`^${escapeRegExp(label)}(,|$)`) }).first();

/**
 * Opens the theme picker from the command palette. Clicks the command's own
 * row: Enter would run the first match, which may be "Browse Color Themes in
 * Marketplace" (no marketplace here).
 */
async function openThemePicker(page: Page): Promise<void> {
  const deadline = Date.now() + STEP_TIMEOUT_MS;
  const input = page.locator('.quick-input-widget input');
  for (;;) {
    await page.keyboard.press('F1');
    try {
      await input.fill('>Preferences: Color Theme', { timeout: 5000 });
      await option(page, 'Preferences: Color Theme').click({ timeout: 5000 });
      await eventually(() => input.getAttribute('placeholder'), (p) => /color theme/i.test(p ?? ''), 'the theme picker', 5000);
      return;
    } catch (error) {
      await page.keyboard.press('Escape');
      if (Date.now() > deadline) {
        throw new Error(`The theme picker did not open: ${String(error)}`);
      }
    }
  }
}

/** Picks `theme` in the theme picker and waits until the workbench wears it. */
export async function setColourTheme(page: Page, theme: Theme): Promise<void> {
  // Always picked, even when the workbench has the class: Light 2026 and Light Modern are both `vs`.
  await openThemePicker(page);
  await page.locator('.quick-input-widget input').fill(theme.label);
  // Typing also searches the (unreachable) marketplace, whose error row may come first: click the theme's own row.
  await option(page, theme.label).click({ timeout: STEP_TIMEOUT_MS });
  await eventually(() => workbenchHas(page, theme.workbenchClass), Boolean, `the workbench in ${theme.label}`);
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: STEP_TIMEOUT_MS });
}

/** Drags the sash between the side bar and the editor until the side bar is `width` px wide (±1). */
export async function setSideBarWidth(page: Page, width: number): Promise<void> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const bar = await sideBar(page).boundingBox();
    if (!bar) {
      throw new Error('the side bar is not shown');
    }
    if (Math.abs(bar.width - width) <= 1) {
      return;
    }
    const edge = bar.x + bar.width;
    const sashes = page.locator('.monaco-sash.vertical');
    let dragged = false;
    for (let i = 0; i < (await sashes.count()) && !dragged; i++) {
      const sash = await sashes.nth(i).boundingBox();
      // The side bar's own sash: on its right edge and as tall as it (views' sashes inside it are horizontal).
      if (sash && Math.abs(sash.x + sash.width / 2 - edge) <= 4 && sash.height > bar.height / 2) {
        const x = sash.x + sash.width / 2;
        const y = sash.y + sash.height / 2;
        await page.mouse.move(x, y);
        await page.mouse.down();
        await page.mouse.move(x + (width - bar.width), y, { steps: 8 });
        await page.mouse.up();
        dragged = true;
      }
    }
    if (!dragged) {
      throw new Error(`no sash on the side bar's edge at x=${edge}`);
    }
    // The layout follows the drag in a frame or two; a drag that missed is retried by the next attempt.
    await page.waitForFunction((before) => {
      const w = document.querySelector('[id="workbench.parts.sidebar"]')?.getBoundingClientRect().width;
      return w !== undefined && w !== before;
    }, bar.width, { timeout: 5000 }).catch(() => undefined);
  }
  const final = (await sideBar(page).boundingBox())?.width;
  if (final === undefined || Math.abs(final - width) > 1) {
    throw new Error(`the side bar is ${final} px wide, not ${width}`);
  }
}
