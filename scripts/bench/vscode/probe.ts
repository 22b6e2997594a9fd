// Reading the extension host's heap from the benchmark. The extension host is
// a Node process of code-server's, out of the browser's reach: the extension
// itself answers, through the command src/platform/testProbes.ts registers
// only when code-server runs with FEEDBACK_LOOP_TEST_PROBES=1. That command is
// not in package.json, so the command palette cannot run it; a keybinding in
// the session's own user keybindings.json can (VS Code runs any registered
// command from a keybinding, with the arguments it gives), and pressing keys is
// what the benchmark does anyway. The probe writes its figures to the file
// named by FEEDBACK_LOOP_PROBE_FILE; this side deletes it, presses, and waits
// for it to appear (written whole: a temp file renamed over it).
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { STEP_TIMEOUT_MS } from '../../../test/e2e/support/workbench';

export type ProbeAction = 'heap' | 'loadAll';

/** Keys no default keybinding uses; `key` as keybindings.json spells it, `press` as Playwright does. */
const KEYS: Readonly<Record<ProbeAction, { key: string; press: string }>> = {
  heap: { key: 'ctrl+shift+alt+f9', press: 'Control+Shift+Alt+F9' },
  loadAll: { key: 'ctrl+shift+alt+f10', press: 'Control+Shift+Alt+F10' },
};

/** Until the extension is active the command does not exist yet and a key press does nothing: pressed again after this. */
const PRESS_AGAIN_MS = 5000;
/** Paging 10,000 items in through the store, about 100 requests. */
const LOAD_ALL_TIMEOUT_MS = 300_000;

export interface ProbeReading {
  readonly heapUsed: number;
  readonly heapTotal: number;
  readonly external: number;
  readonly rss: number;
  /** Items in the store. */
  readonly items: number;
  /** Groups of the store with more rows than loaded. */
  readonly more: readonly string[];
  readonly error?: string;
}

export function probeEnvironment(file: string): Record<string, string> {
  return { FEEDBACK_LOOP_TEST_PROBES: '1', FEEDBACK_LOOP_PROBE_FILE: file };
}

/** Writes the session's user keybindings; VS Code reads them when a window loads (and on change). */
export function bindProbeKeys(userDataDir: string): void {
  const bindings = Object.entries(KEYS).map(([action, { key }]) => ({ key, command: 'feedbackLoop.test.probe', args: action }));
  fs.writeFileSync(path.join(userDataDir, 'User', 'keybindings.json'), `${JSON.stringify(bindings, null, 2)}\n`);
}

function parse(text: string): ProbeReading {
  const value = JSON.parse(text) as Partial<ProbeReading>;
  if (typeof value.heapUsed !== 'number' || typeof value.items !== 'number' || !Array.isArray(value.more)) {
    throw new Error(`The probe wrote something else: ${text.slice(0, 200)}`);
  }
  return value as ProbeReading;
}

export class Probe {
  constructor(
    private readonly page: Page,
    private readonly file: string,
  ) {}

  /** Runs the probe command (a key press in the window) and answers what it wrote. */
  async read(action: ProbeAction = 'heap'): Promise<ProbeReading> {
    fs.rmSync(this.file, { force: true });
    const deadline = Date.now() + (action === 'loadAll' ? LOAD_ALL_TIMEOUT_MS : STEP_TIMEOUT_MS);
    let pressedAt = 0;
    while (Date.now() < deadline) {
      // `loadAll` is pressed once: a second press would page the store from two places at once.
      if (pressedAt === 0 || (action === 'heap' && Date.now() - pressedAt > PRESS_AGAIN_MS)) {
        await this.page.keyboard.press(KEYS[action].press);
        pressedAt = Date.now();
      }
      if (fs.existsSync(this.file)) {
        return parse(fs.readFileSync(this.file, 'utf8'));
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`The probe (${action}) wrote nothing to ${this.file}: is FEEDBACK_LOOP_TEST_PROBES=1 reaching the extension host, and the extension active?`);
  }
}
