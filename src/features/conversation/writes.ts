// The outbox in VS Code (built in the composition root, platform/trackerOutbox.ts):
// resumed after activation (never during it), with a status bar count and the
// commands to list, retry and discard writes; the drafts and reply service on it.
import * as vscode from 'vscode';
import { statusLabels } from '../../platform/statusLabels';
import { Drafts } from '../../core/drafts';
import type { Status } from '../../core/model';
import type { Outbox } from '../../core/outbox';
import type { Unsubscribe } from '../../core/events';
import type { FeedbackSession } from '../../core/session';
import { Disposable } from '../../platform/disposable';
import type { TrackerClient } from '../../trackers/tracker';
import type { PanelComposer } from '../../platform/panelComposer';
import { composerStrings } from './conversationTexts';
import { ReplyService } from './replyService';
import type { ReplyTarget } from './replyService';

/** A connection as a write needs it: its id (the outbox's `tracker`) and its client. */
export interface WriteConnection {
  readonly id: string;
  tracker(): Promise<TrackerClient>;
}

export interface WritesDeps {
  readonly context: vscode.ExtensionContext;
  /** The one write path, built in the composition root; disposed there too. */
  readonly outbox: Outbox;
  /** The connection and the tracker's id of the item a key (a ref) names; undefined when no connection here has it. */
  readonly target: (key: string) => ReplyTarget | undefined;
  /** The key of a connection's item; undefined when no connection here has that id. */
  readonly keyOf: (connectionId: string, itemId: string) => string | undefined;
  /** The connection of that id, if this window has it. */
  readonly connectionOf: (id: string) => WriteConnection | undefined;
  /** The key of the item a command is run on (a row, a ref, a bare id: asks which connection when several could have it). */
  readonly targetKey: (target: unknown) => Promise<string | undefined>;
  /** The ids a connection had before the registry: drafts typed then are kept under one. */
  readonly legacyIdsOf?: (connectionId: string) => readonly string[];
  readonly log: (line: string) => void;
}

/** What the outbox's commands (outboxCommands.ts) need. */
export interface OutboxCommandDeps {
  readonly outbox: Outbox;
  readonly log: (line: string) => void;
}

export class Writes extends Disposable {
  readonly outbox: Outbox;
  readonly drafts: Drafts;
  readonly replies: ReplyService;
  private readonly statusBar: vscode.StatusBarItem;

  constructor(private readonly deps: WritesDeps) {
    super();
    this.outbox = deps.outbox;
    this.drafts = new Drafts({ store: deps.context.globalState, setTimer: timer, log: deps.log });
    this._register({ dispose: () => this.drafts.dispose() });
    this.replies = new ReplyService({ outbox: this.outbox, drafts: this.drafts, target: deps.target, keyOf: deps.keyOf, legacyIdsOf: deps.legacyIdsOf, log: deps.log });
    this._register({ dispose: () => this.replies.dispose() });
    this.statusBar = this._register(vscode.window.createStatusBarItem('feedbackLoop.outbox', vscode.StatusBarAlignment.Left, 10));
    this.statusBar.command = 'feedbackLoop.showPendingWrites';
    this._register(this.outbox.onDidChange(() => this.updateStatusBar()));
    this._register(this.registerCommands());
  }

  /**
   * A connection's session follows this outbox, the one write path: its
   * writes show at once, its confirmations everywhere, and a refused status
   * change is said. Until the returned subscription is disposed.
   */
  follow(session: Pick<FeedbackSession, 'followWrites'>): Unsubscribe {
    // The reason first: a long one is cut at the end of the notification.
    const refused = (itemId: string, status: Status, reason: string) =>
      void vscode.window.showWarningMessage(vscode.l10n.t('{0} — the tracker refused to set {1} to {2}.', reason, itemId, statusLabels()[status]));
    return session.followWrites(this.outbox, refused);
  }

  /** Loads the stored outbox; sending resumes on a later tick, only for the connected tracker. */
  start(): void {
    this.outbox.start().catch((error: unknown) => this.deps.log(`Outbox: could not load (${error instanceof Error ? error.message : String(error)})`));
  }

  /** The item panel's composer: the same drafts and outbox as the Conversation view. */
  panelComposer(): PanelComposer {
    const replies = this.replies;
    return {
      strings: composerStrings(),
      draft: (itemId) => replies.draft(itemId),
      saveDraft: (itemId, body, visibility) => replies.saveDraft(itemId, body, visibility),
      send: (itemId, body, visibility) => replies.send(itemId, body, visibility),
      outgoing: (itemId) => replies.outgoing(itemId),
      changeStatus: (itemId) => void this.changeStatus(itemId),
      onDidChange: (listener) => replies.onDidChange(listener),
      onDidReturnDraft: (listener) => replies.onDidReturnDraft(listener),
      onDidSaveDraft: (listener) => replies.onDidSaveDraft(listener),
    };
  }

  /** After a connection change: writes for the tracker now connected go out. */
  connectionChanged(): void {
    this.outbox.retryNow();
  }

  /**
   * Asks for the new status of the item of this key and an optional message
   * to customers, then queues the change to the item's connection
   * (outboxCommands.ts, loaded then).
   */
  async changeStatus(key: string, current?: Status): Promise<void> {
    const at = this.deps.target(key);
    const connection = at && this.deps.connectionOf(at.tracker);
    await (await import('./outboxCommands')).changeStatus(this.outboxDeps(), connection, at?.itemId ?? key, current);
  }

  private outboxDeps(): OutboxCommandDeps {
    return { outbox: this.outbox, log: this.deps.log };
  }

  private updateStatusBar(): void {
    const entries = this.outbox.entries();
    if (entries.length === 0) {
      this.statusBar.hide();
      return;
    }
    const refused = entries.filter((e) => e.state === 'refused').length;
    this.statusBar.text = `$(${refused > 0 ? 'warning' : 'sync'}) ${vscode.l10n.t('{0} pending', entries.length)}`;
    this.statusBar.tooltip = vscode.l10n.t('{0} Feedback Loop writes not yet confirmed by the tracker. Click to list them.', entries.length);
    this.statusBar.show();
  }

  private registerCommands(): vscode.Disposable {
    return vscode.Disposable.from(
      // What listing and discarding do is in outboxCommands.ts, a bundle of its own (dist/outboxCommands.js) loaded then.
      vscode.commands.registerCommand('feedbackLoop.showPendingWrites', async () => (await import('./outboxCommands')).showPending(this.outbox)),
      vscode.commands.registerCommand('feedbackLoop.retryPendingWrites', () => this.outbox.retryNow()),
      vscode.commands.registerCommand('feedbackLoop.discardPendingWrite', async (id: unknown) => (await import('./outboxCommands')).discard(this.outbox, typeof id === 'string' ? id : undefined)),
      vscode.commands.registerCommand('feedbackLoop.changeStatus', async (target: unknown) => {
        const key = await this.deps.targetKey(target);
        return key ? this.changeStatus(key) : undefined;
      }),
    );
  }
}

const timer = (callback: () => void, ms: number) => {
  const handle = setTimeout(callback, ms);
  return { dispose: () => clearTimeout(handle) };
};
