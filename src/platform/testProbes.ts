// Test-only probes for `npm run bench:vscode` (issue 17): the extension host's
// heap, measured from inside it. activate() loads this module only when
// code-server was started with FEEDBACK_LOOP_TEST_PROBES=1, so the command
// exists only then. It is registered under a constant (not declared in
// package.json, so never in the command palette, and the manifest test, which
// pairs declared commands with literal registrations, leaves it alone). The
// benchmark runs it through a keybinding of its own.
import * as vscode from 'vscode';
import type { FeedbackStore } from '../core/feedbackStore';
import { collectGarbage, probeSetting, writeProbeFile } from './probeFile';

export const PROBE_COMMAND = 'feedbackLoop.test.probe';

/**
 * Registers the probe when the environment asks for it. Argument (from the
 * keybinding): `heap` (default) collects garbage and writes the heap figures;
 * `loadAll` first pages every group of the store to its end, through the same
 * calls the Feedback view and its "Load more" rows make. The store is the
 * first connection's (the benchmark connects one).
 */
export function registerTestProbes(storeOf: () => FeedbackStore | undefined, log: (line: string) => void): vscode.Disposable {
  const setting = probeSetting(process.env);
  if (!setting || 'refused' in setting) {
    log(setting?.refused ?? 'FEEDBACK_LOOP_TEST_PROBES is not 1');
    return new vscode.Disposable(() => undefined);
  }
  const { file } = setting;
  return vscode.commands.registerCommand(PROBE_COMMAND, async (action: unknown) => {
    const store = storeOf();
    if (!store) {
      await writeProbeFile(file, { action, ...process.memoryUsage(), items: 0, more: [], error: 'no connection' });
      return;
    }
    let error: string | undefined;
    try {
      await (action === 'loadAll' ? loadAll(store) : undefined);
    } catch (e) {
      error = String(e);
    }
    collectGarbage();
    // Groups still holding more rows, and the store's error, tell the benchmark a `loadAll` fell short.
    const more = store.groups().filter((g) => g.hasMore).map((g) => g.key);
    await writeProbeFile(file, { action, ...process.memoryUsage(), items: store.allItems().length, more, error: error ?? (store.error === undefined ? undefined : String(store.error)) });
  });
}

/** 10,000 items are about 100 pages; a group that stops advancing (its load failed) ends it, as does a stop at 1,000 loads. */
async function loadAll(store: FeedbackStore): Promise<void> {
  if (store.groups().length === 0) {
    await store.refresh();
  }
  for (let loads = 0, group; loads < 1000 && (group = store.groups().find((g) => g.hasMore && g.loadMoreError === undefined)); loads++) {
    // The view may be loading this group itself: wait for it rather than spin.
    await (group.loadingMore ? new Promise((resolve) => setTimeout(resolve, 50)) : store.loadMore(group.key));
  }
}
