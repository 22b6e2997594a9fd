// How the real-VS-Code bench sees what a user sees without disturbing it: the
// browser itself notes the time (Date.now(), the clock this process reads just
// before it clicks) in the first animation frame that shows a state, i.e. just
// before that frame is painted (±1 ms: Date.now() resolution). Nothing is
// polled over the DevTools protocol meanwhile: polling every frame that way,
// tried first, slowed what it measured on two cores (later panels ~450 ms
// polled against ~310 ms noted in the page; the view's rows ~2.3 s against ~1 s).
// What is left of overhead: the click's own DevTools round trip (counted in),
// a MutationObserver and one callback per animation frame in each webview
// frame while it changes, one querySelector per frame in the workbench while
// the view opens. The other figures (scrolling, heap) have their own modules.
import type { Page } from 'playwright-core';

const BINDING = '__feedbackBenchMark';

/**
 * A script for every frame the page opens (the workbench's own excepted): it
 * runs `check` in the first animation frame after each change of the
 * document, following the frame from its first document (about:blank) to the
 * webview's page. `note(mark, key, at)` reports a mark once per key. Kept as
 * strings: tsx would wrap a function's inner functions in a helper the page
 * does not have.
 */
function frameObserver(check: string): string {
  return `(() => {
  if (window === window.top) return;
  const sent = new Set();
  const note = (mark, key, at) => {
    if (!sent.has(mark + ':' + key)) {
      sent.add(mark + ':' + key);
      window.${BINDING}(mark, key, at);
    }
  };
  let pending = false;
  let observed = null;
  const check = () => {
    pending = false;
    ${check}
  };
  const schedule = () => {
    if (!pending) {
      pending = true;
      requestAnimationFrame(check);
    }
  };
  const follow = () => {
    if (observed !== document) {
      observed = document;
      new MutationObserver(schedule).observe(document, { subtree: true, childList: true, characterData: true });
      schedule();
    }
  };
  follow();
  window.addEventListener('readystatechange', follow, true);
  window.addEventListener('DOMContentLoaded', follow, true);
})();`;
}

/**
 * In a webview showing an item panel: once per title (a preview panel's page
 * shows one item after another), the first animation frame in which the
 * item's title is laid out in a heading (`title`), and the one in which the
 * description and the thread sections are there too and no longer busy
 * loading (`details`).
 */
const PANEL_OBSERVER = frameObserver(`
    const heading = [...document.querySelectorAll('h1')].find((h) => h.getBoundingClientRect().height > 0);
    if (!heading) return;
    const title = heading.textContent.trim();
    const at = Date.now();
    const details = document.querySelector('section.description:not([aria-busy="true"])') &&
      document.querySelector('section.comments:not([aria-busy="true"])');
    for (const mark of details ? ['title', 'details'] : ['title']) {
      note(mark, title, at);
    }`);

/**
 * In the Conversation view (not in an item panel, whose composer lists the
 * same replies): the first animation frame showing each of our outgoing
 * replies (`reply`, whatever its state) and the first showing it in each
 * state (`reply-sending`, `reply-pending`, `reply-sent`), keyed by the reply's
 * text. Both are noted in the same frame, so `reply` at the time of
 * `reply-sending` means the reply appeared as *sending*; the state first, so
 * that it has arrived when `reply` does.
 */
const REPLY_OBSERVER = frameObserver(`
    const at = Date.now();
    for (const li of document.querySelectorAll('.conversation-thread .thread > li.outgoing')) {
      const body = li.querySelector('.comment-body')?.textContent.trim() ?? '';
      note('reply-' + li.dataset.state, body, at);
      note('reply', body, at);
    }`);

/**
 * In the workbench: the first animation frame with a row under a group in the
 * side bar (a leaf at level 2). The caller checks that it was an item row.
 */
const ROW_UNDER_GROUP_SHOWN = `document.querySelector(
  '[id="workbench.parts.sidebar"] [role="treeitem"][aria-level="2"]:not([aria-expanded])') !== null && Date.now()`;

export type PanelMark = 'title' | 'details';
export type ReplyMark = 'reply' | 'reply-sending' | 'reply-pending' | 'reply-sent';

export class PaintMarks {
  private seen = new Map<string, number>();
  private readonly waiting = new Map<string, () => void>();

  private constructor() {}

  /** Takes effect in frames loaded from then on: install it before the window (re)loads. */
  static async install(page: Page): Promise<PaintMarks> {
    const marks = new PaintMarks();
    await page.exposeBinding(BINDING, (_source, mark: unknown, title: unknown, at: unknown) => marks.record(`${String(mark)}\n${String(title)}`, Number(at)));
    await page.addInitScript({ content: PANEL_OBSERVER });
    await page.addInitScript({ content: REPLY_OBSERVER });
    return marks;
  }

  /** Forgets earlier panels: the same item opened in an earlier window must not answer for this one. */
  reset(): void {
    this.seen = new Map();
  }

  /** The time (epoch ms) of the first frame that painted `mark` of the panel of `title`. */
  panel(mark: PanelMark, title: string, timeoutMs: number): Promise<number> {
    return this.wait(mark, title, timeoutMs, `No panel painted the ${mark} of "${title}"`);
  }

  /** The time (epoch ms) of the first frame that showed our reply `body` (in any state, or in the one named). */
  reply(mark: ReplyMark, body: string, timeoutMs: number): Promise<number> {
    return this.wait(mark, body, timeoutMs, `No frame showed the reply "${body}" as ${mark}`);
  }

  /** When `mark` of `title` was painted, if it was. */
  seenAt(mark: PanelMark | ReplyMark, title: string): number | undefined {
    return this.seen.get(`${mark}\n${title}`);
  }

  private async wait(mark: string, title: string, timeoutMs: number, failure: string): Promise<number> {
    const key = `${mark}\n${title}`;
    if (!this.seen.has(key)) {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          this.waiting.delete(key);
          reject(new Error(`${failure} within ${timeoutMs} ms`));
        }, timeoutMs);
        this.waiting.set(key, () => {
          clearTimeout(timer);
          this.waiting.delete(key);
          resolve();
        });
      });
    }
    return this.seen.get(key)!;
  }

  private record(key: string, at: number): void {
    if (!this.seen.has(key)) {
      this.seen.set(key, at);
      this.waiting.get(key)?.();
    }
  }
}

/** The time (epoch ms) of the first frame with a row under a group in the side bar; checked in the page, once a frame. */
export async function rowUnderGroupPainted(page: Page, timeoutMs: number): Promise<number> {
  const handle = await page.waitForFunction(ROW_UNDER_GROUP_SHOWN, undefined, { polling: 'raf', timeout: timeoutMs });
  return (await handle.jsonValue()) as number;
}

/** Clicks the middle of `box` with raw mouse events (no actionability checks); returns when it started (epoch ms). */
export async function clickAt(page: Page, box: { x: number; y: number; width: number; height: number }): Promise<number> {
  const startedAt = Date.now();
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  return startedAt;
}
