// Issue 12, "Live": the Feedback view refreshes itself. The rules (interval,
// focus regained after a minute away, nothing while unfocused and hidden) are
// core/refreshSchedule.ts; this file feeds them the window's focus, the view's
// visibility and the setting, and asks the store for a background refresh,
// which changes rows in place (no loading state) and costs one conditional
// request per page (ETags: a 304 when nothing changed).
import * as vscode from 'vscode';
import type { FeedbackStore } from '../../core/feedbackStore';
import { RefreshSchedule } from '../../core/refreshSchedule';
import { Disposable } from '../../platform/disposable';
import { affects, readSetting } from '../../platform/settings';

export class BackgroundRefresh extends Disposable {
  constructor(store: FeedbackStore, view: vscode.TreeView<unknown>, log?: (line: string) => void) {
    super();
    const interval = () => readSetting('refreshIntervalMinutes', log);
    const schedule = new RefreshSchedule({
      refresh: () => void store.refreshInBackground(),
      canRefresh: () => store.hasSource && !store.isRefreshing,
      intervalMinutes: interval(),
      focused: vscode.window.state.focused,
      visible: view.visible,
    });
    this._register({ dispose: () => schedule.dispose() });
    this._register(store.onDidRefresh(() => schedule.refreshed()));
    this._register(vscode.window.onDidChangeWindowState((state) => schedule.setFocused(state.focused)));
    this._register(view.onDidChangeVisibility(({ visible }) => schedule.setVisible(visible)));
    this._register(
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (affects(event, 'refreshIntervalMinutes')) {
          schedule.setInterval(interval());
        }
      }),
    );
  }
}
