// Helpers that drive VS Code's web workbench the way a user does. Selectors
// were checked against code-server 4.139.1 (VS Code 1.139.1); see
// ../shared/docs/REAL-VSCODE.md. The UI updates asynchronously: poll, never sleep.
import type { FrameLocator, Locator, Page } from 'playwright-core';

export const STEP_TIMEOUT_MS = 60_000;

export async function openWorkbench(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.locator('.monaco-workbench').waitFor({ timeout: STEP_TIMEOUT_MS });
}

/**
 * Reloads the window as Developer: Reload Window does. Waits for the workbench,
 * not for the page's `load` event: on a busy machine that event can come long
 * after the workbench is usable (a CI run timed out on it after 30 s).
 */
export async function reloadWorkbench(page: Page): Promise<void> {
  await page.reload({ waitUntil: 'commit', timeout: STEP_TIMEOUT_MS });
  await page.locator('.monaco-workbench').waitFor({ timeout: STEP_TIMEOUT_MS });
}

/** The side bar, where a view container's views are shown. */
export function sideBar(page: Page): Locator {
  return page.locator('[id="workbench.parts.sidebar"]');
}

/** Shows the "Feedback Loop" view container (clicking an active entry would hide it). */
export async function openFeedbackView(page: Page): Promise<void> {
  const entry = page.locator('.activitybar a.action-label[aria-label^="Feedback Loop"]');
  await entry.waitFor({ timeout: STEP_TIMEOUT_MS });
  const title = sideBar(page).locator('.composite.title', { hasText: 'Feedback Loop' });
  if (!(await title.isVisible())) {
    await entry.click();
  }
  await title.waitFor({ timeout: STEP_TIMEOUT_MS });
}

/** A row of a tree in the side bar; rows' accessible names are "label description". */
export function treeRow(page: Page, name: string | RegExp): Locator {
  return sideBar(page).getByRole('treeitem', { name });
}

/**
 * Accessible names of the tree rows currently rendered (the tree is virtualised),
 * without the ", has actions" VS Code appends to rows with inline actions.
 */
export async function visibleRowNames(page: Page): Promise<string[]> {
  const labels = await sideBar(page).getByRole('treeitem').evaluateAll((rows) => rows.map((r) => r.getAttribute('aria-label') ?? ''));
  return labels.map((label) => label.replace(/, has actions$/, '').trim());
}

/** Runs a command by its palette title, retrying while the palette does not list it yet. */
export async function runCommand(page: Page, title: string, timeoutMs = STEP_TIMEOUT_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const input = page.locator('.quick-input-widget input');
  await takeFocusFromWebview(page);
  for (;;) {
    await page.keyboard.press('F1');
    const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first();
    try {
      // A webview that had the focus can take it back just after F1, closing the palette: open it again.
      await input.fill(`>${title}`, { timeout: 5000 });
      await row.waitFor({ timeout: 3000 });
    } catch (error) {
      await page.keyboard.press('Escape');
      if (Date.now() > deadline) {
        throw new Error(`The command palette never listed "${title}": ${String(error)}`);
      }
      continue;
    }
    await input.press('Enter');
    await paletteClosed(page);
    return;
  }
}

/**
 * Moves the keyboard focus out of a webview, onto a tree or an editor tab.
 * The palette gives the focus back to what had it when it closes; a webview
 * takes it back asynchronously, and under load that lands after the command's
 * own input box opened, which closes on losing the focus (a CI run saw the
 * Filter box close under the typing). A tree or a tab takes it back at once.
 */
async function takeFocusFromWebview(page: Page): Promise<void> {
  const inWebview = () => page.evaluate(() => document.activeElement?.tagName === 'IFRAME');
  if (!(await inWebview())) {
    return;
  }
  await page.evaluate(() => {
    const candidates = ['.part.sidebar .monaco-list', '.part.auxiliarybar .monaco-list', '.part.panel .monaco-list', '.tabs-container .tab.active'];
    const target = candidates.flatMap((selector) => [...document.querySelectorAll<HTMLElement>(selector)]).find((element) => element.checkVisibility());
    target?.focus();
  });
  await eventually(inWebview, (inside) => !inside, 'the focus out of the webview');
}

/**
 * Waits until the command palette has given way: hidden, or reused by the
 * command's own quick input (its text no longer the '>' command). Typing for
 * the command's pick before that lands in the palette and is lost, and the
 * pick then opens unfiltered under the click.
 */
async function paletteClosed(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const widget = document.querySelector<HTMLElement>('.quick-input-widget');
      const input = widget?.querySelector('input');
      return !widget || widget.style.display === 'none' || !input || !input.value.startsWith('>');
    },
    undefined,
    { timeout: STEP_TIMEOUT_MS },
  );
}

/**
 * Types into the open quick input (an input box or a quick pick) and confirms,
 * then waits until the step has been taken (the widget closes or the next step
 * clears the field): VS Code reuses the widget between steps, so typing the
 * next answer too early lands in the old step and is wiped.
 */
export async function answerQuickInput(page: Page, text: string): Promise<void> {
  const widget = page.locator('.quick-input-widget');
  const input = widget.locator('input');
  await input.waitFor({ timeout: STEP_TIMEOUT_MS });
  await input.fill(text);
  await input.press('Enter');
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const taken = !(await widget.isVisible()) || (await input.inputValue().catch(() => '')) !== text;
    if (taken) {
      return;
    }
    await page.waitForTimeout(50);
  }
}

/**
 * The content frame of the webview whose document matches `selector` (with
 * `hasText`). Webviews live in an overlay, each `iframe.webview.ready` holding an
 * `#active-frame`; with several open, the content tells them apart.
 */
export async function webviewFrame(page: Page, selector: string, hasText?: string | RegExp): Promise<FrameLocator> {
  const deadline = Date.now() + STEP_TIMEOUT_MS;
  const outer = page.locator('iframe.webview.ready');
  for (;;) {
    const count = await outer.count();
    for (let i = 0; i < count; i++) {
      const frame = outer.nth(i).contentFrame().frameLocator('#active-frame');
      if ((await frame.locator(selector, { hasText }).count()) > 0) {
        return frame;
      }
    }
    if (Date.now() > deadline) {
      throw new Error(`No webview shows ${selector}${hasText ? ` with "${String(hasText)}"` : ''}`);
    }
    await page.waitForTimeout(250);
  }
}

/** Polls `read` until `accept` holds; returns the last value. For state that arrives asynchronously. */
export async function eventually<T>(read: () => Promise<T>, accept: (value: T) => boolean, what: string, timeoutMs = STEP_TIMEOUT_MS): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T = await read();
  while (!accept(last)) {
    if (Date.now() > deadline) {
      throw new Error(`Timed out waiting for ${what}; last seen: ${JSON.stringify(last)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
    last = await read();
  }
  return last;
}

/** Opens a workspace file with Quick Open and waits until its text shows. */
export async function openFile(page: Page, name: string, text: string): Promise<void> {
  const deadline = Date.now() + STEP_TIMEOUT_MS;
  await takeFocusFromWebview(page);
  for (;;) {
    await page.keyboard.press('Control+P');
    try {
      // As with the command palette: a webview taking the focus back can close Quick Open; open it again.
      await page.locator('.quick-input-widget input').fill(name, { timeout: 5000 });
      await page.locator('.quick-input-widget .monaco-list-row', { hasText: name }).first().waitFor({ timeout: 10_000 });
      break;
    } catch (error) {
      await page.keyboard.press('Escape');
      if (Date.now() > deadline) {
        throw new Error(`Quick Open never listed "${name}": ${String(error)}`);
      }
    }
  }
  await page.keyboard.press('Enter');
  await page.locator('.monaco-editor .view-lines', { hasText: text }).waitFor({ timeout: STEP_TIMEOUT_MS });
}

/** "Mark Trade-off…" on the selected lines: picks the item by searching its title, then summary and rationale. */
export async function markTradeOff(page: Page, item: { id: string; title: string }, summary: string, rationale: string): Promise<void> {
  await runCommand(page, 'Feedback Loop: Mark Trade-off…');
  const input = page.locator('.quick-input-widget input');
  await input.fill(item.title);
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: `${item.id} · ` }).first().click({ timeout: STEP_TIMEOUT_MS });
  await page.locator('.quick-input-widget', { hasText: 'summary' }).waitFor({ timeout: STEP_TIMEOUT_MS });
  await input.fill(summary);
  await input.press('Enter');
  await page.locator('.quick-input-widget', { hasText: 'rationale' }).waitFor({ timeout: STEP_TIMEOUT_MS });
  await input.fill(rationale);
  await input.press('Enter');
}

/**
 * Opens a workspace file and selects lines `first` to `last` whole: from
 * column 1 of `first` to column 1 of the line after `last` (Go to Line puts
 * the cursor in column 1).
 */
export async function selectLines(page: Page, file: { readonly name: string; readonly text: string }, first: number, last: number): Promise<void> {
  await openFile(page, file.name, file.text);
  await page.keyboard.press('Control+G');
  await page.locator('.quick-input-widget input').fill(`:${first}`);
  await page.keyboard.press('Enter');
  for (let line = first; line <= last; line++) {
    await page.keyboard.press('Shift+ArrowDown');
  }
}

/** Selects the head of the retry loop in the sample workspace's webhooks.ts (lines 2–4), where trade-offs are marked. */
export async function selectWebhookRetries(page: Page): Promise<void> {
  await selectLines(page, { name: 'webhooks.ts', text: 'export async function deliver' }, 2, 4);
}

/**
 * Waits until every frame (the workbench and each webview) has loaded,
 * images included: an image's load or error handler has run by the time it is
 * `complete`. A frame detached meanwhile has nothing left to run.
 */
export async function framesLoaded(page: Page): Promise<void> {
  const loaded = (): Promise<boolean[]> =>
    Promise.all(
      page.frames().map((frame) =>
        frame.evaluate(() => document.readyState === 'complete' && [...document.images].every((image) => image.complete)).catch(() => true),
      ),
    );
  await eventually(loaded, (frames) => frames.every(Boolean), 'every frame loaded, its images included');
}

/**
 * Waits until the workbench holds still for a picture: the mouse off
 * everything that hovers, no hover shown, no progress bar running, and two
 * frames painted since.
 */
export async function workbenchAtRest(page: Page): Promise<void> {
  const atRest = () =>
    page.evaluate(
      () =>
        // No named functions in here: the test runner's transpiler would wrap them in a helper the page lacks.
        ![...document.querySelectorAll('.monaco-progress-container.active .progress-bit, .monaco-hover, .workbench-hover')].some((element) =>
          element.checkVisibility({ opacityProperty: true, visibilityProperty: true }),
        ),
    );
  // A hover whose show was already scheduled can come up after the mouse left its target, and then
  // no later mouse move takes it down (two CI runs kept the activity bar's up); a mouse-down outside
  // a workbench hover always does. So at every look: move the mouse between two empty points of the
  // title bar, and send a mouse-down to the page body, synthetic so that it moves no focus.
  let step = 0;
  await eventually(
    async () => {
      await page.mouse.move(step++ % 2, 0);
      await page.evaluate(() => document.body.dispatchEvent(new MouseEvent('mousedown', { bubbles: true })));
      return atRest();
    },
    (rest) => rest,
    'the workbench at rest: no hover, no progress bar',
  );
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
}
