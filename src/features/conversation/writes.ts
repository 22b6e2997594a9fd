// The outbox in VS Code (built in the composition root, platform/trackerOutbox.ts):
// resumed after activation (never during it), with a status bar count and the
// commands to list, retry and discard writes; the drafts and reply service on it.
import * as vscode from 'vscode';
import { statusLabels } from '../../platform/statusLabels';
import { Drafts } from '../../core/drafts';
import { STATUSES } from '../../core/model';
import type { Status } from '../../core/model';
import type { Outbox } from '../../core/outbox';
import type { FeedbackSession } from '../../core/session';
import type { OutboxEntry } from '../../core/outbox';
import { Disposable } from '../../platform/disposable';
import type { TrackerClient } from '../../trackers/tracker';
import type { PanelComposer } from '../../platform/panelComposer';
import { composerStrings } from './conversationTexts';
import { ReplyService } from './replyService';

export interface WritesDeps {
  readonly context: vscode.ExtensionContext;
  /** The one write path, built in the composition root; disposed there too. */
  readonly outbox: Outbox;
  /** The connected tracker's id and client, if any. */
  readonly connection: () => { readonly id: string; tracker(): Promise<TrackerClient> } | undefined;
  /** The ids a connection had before the registry: drafts typed then are kept under one. */
  readonly legacyIdsOf?: (connectionId: string) => readonly string[];
  readonly log: (line: string) => void;
  /** The one source of truth: follows this outbox, so every write shows at once and every confirmation everywhere. */
  readonly session?: Pick<FeedbackSession, 'followWrites'>;
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
    this.replies = new ReplyService({ outbox: this.outbox, drafts: this.drafts, currentTracker: () => deps.connection()?.id, legacyIdsOf: deps.legacyIdsOf, log: deps.log });
    this._register({ dispose: () => this.replies.dispose() });
    this.statusBar = this._register(vscode.window.createStatusBarItem('feedbackLoop.outbox', vscode.StatusBarAlignment.Left, 10));
    this.statusBar.command = 'feedbackLoop.showPendingWrites';
    this._register(this.outbox.onDidChange(() => this.updateStatusBar()));
    if (deps.session) {
      // The reason first: a long one is cut at the end of the notification.
      const refused = (itemId: string, status: Status, reason: string) =>
        void vscode.window.showWarningMessage(vscode.l10n.t('{0} — the tracker refused to set {1} to {2}.', reason, itemId, statusLabels()[status]));
      this._register(deps.session.followWrites(this.outbox, refused));
    }
    this._register(this.registerCommands());
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

  /** Asks for the new status and an optional message to customers, then queues the change. */
  async changeStatus(itemId: string, current?: Status): Promise<void> {
    const connection = this.deps.connection();
    if (!connection) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Not connected to a tracker.'));
      return;
    }
    // Offer only what this tracker can set (Fider has no "under review"), by the names users read.
    const tracker = await connection.tracker().catch((error: unknown) => {
      this.deps.log(`Status: could not reach the tracker for its statuses, offering all: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    });
    const labels = statusLabels();
    const picked = await vscode.window.showQuickPick(
      (tracker?.capabilities.settableStatuses ?? STATUSES).map((status) => ({
        label: labels[status],
        status,
        description: status === current ? vscode.l10n.t('current') : undefined,
      })),
      // Opened from a webview button: when one step closes, VS Code hands the focus back to the
      // webview a moment later, which would cancel the next step. Two steps, kept until answered.
      { title: vscode.l10n.t('Change the status of {0}', itemId), ignoreFocusOut: true },
    );
    if (!picked) {
      return;
    }
    // Where only the tracker's workspace reads comments (Linear), the message is not to customers: say so.
    const toWorkspace = tracker?.capabilities.replyAudience === 'workspace';
    const message = await vscode.window.showInputBox({
      title: toWorkspace ? vscode.l10n.t('Comment for your workspace (optional)') : vscode.l10n.t('Message to customers (optional)'),
      prompt: toWorkspace
        ? vscode.l10n.t('Posted as a comment that only your workspace sees; leave empty to change the status only.')
        : vscode.l10n.t('Posted publicly with the status change; leave empty to change the status only.'),
      ignoreFocusOut: true,
    });
    if (message === undefined) {
      return;
    }
    const body = message.trim() ? { status: picked.status, message: message.trim() } : { status: picked.status };
    await this.outbox.enqueue(connection.id, { kind: 'status', itemId, body });
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
      vscode.commands.registerCommand('feedbackLoop.showPendingWrites', () => this.showPending()),
      vscode.commands.registerCommand('feedbackLoop.retryPendingWrites', () => this.outbox.retryNow()),
      vscode.commands.registerCommand('feedbackLoop.discardPendingWrite', (id: unknown) => this.discard(typeof id === 'string' ? id : undefined)),
      vscode.commands.registerCommand('feedbackLoop.changeStatus', (target: unknown) => {
        const id = itemIdOf(target);
        return id ? this.changeStatus(id) : undefined;
      }),
    );
  }

  private async pickEntry(title: string): Promise<OutboxEntry | undefined> {
    const entries = this.outbox.entries();
    if (entries.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('No pending writes: the tracker has confirmed everything.'));
      return undefined;
    }
    const picked = await vscode.window.showQuickPick(
      entries.map((entry) => ({ label: describe(entry), description: entry.state, detail: entry.lastError, entry })),
      { title },
    );
    return picked?.entry;
  }

  private async showPending(): Promise<void> {
    const entry = await this.pickEntry(vscode.l10n.t('Pending Writes'));
    if (!entry) {
      return;
    }
    const retry = vscode.l10n.t('Retry Now');
    const discard = vscode.l10n.t('Discard…');
    const action = await vscode.window.showQuickPick([retry, discard], { title: describe(entry) });
    if (action === retry) {
      this.outbox.retryNow(entry.id);
    } else if (action === discard) {
      await this.discard(entry.id);
    }
  }

  private async discard(id: string | undefined): Promise<void> {
    const entry = id === undefined ? await this.pickEntry(vscode.l10n.t('Discard a Pending Write')) : this.outbox.entries().find((e) => e.id === id);
    if (!entry) {
      return;
    }
    const yes = vscode.l10n.t('Discard');
    const answer = await vscode.window.showWarningMessage(
      vscode.l10n.t('Discard “{0}”? It will not be sent to the tracker.', describe(entry)),
      { modal: true },
      yes,
    );
    if (answer === yes) {
      await this.outbox.discard(entry.id);
    }
  }
}

function describe(entry: OutboxEntry): string {
  const r = entry.request;
  switch (r.kind) {
    case 'comment':
      return `${r.body.visibility === 'internal' ? vscode.l10n.t('Internal note') : vscode.l10n.t('Reply')} ${r.itemId}: ${r.body.body.slice(0, 60)}`;
    case 'status':
      return vscode.l10n.t('Status of {0} → {1}', r.itemId, r.body.status);
    case 'link':
      return vscode.l10n.t('Link {0} → {1}', r.body.sha.slice(0, 8), r.itemId);
    case 'tradeoff':
      return vscode.l10n.t('Trade-off on {0}: {1}', r.itemId, r.body.summary);
  }
}

const timer = (callback: () => void, ms: number) => {
  const handle = setTimeout(callback, ms);
  return { dispose: () => clearTimeout(handle) };
};

/** Commands get an id, or a tree node from the context menu. */
function itemIdOf(target: unknown): string | undefined {
  if (typeof target === 'string') {
    return target;
  }
  const node = target as { kind?: unknown; item?: { id?: unknown } } | undefined;
  return node && typeof node === 'object' && node.kind === 'item' && typeof node.item?.id === 'string' ? node.item.id : undefined;
}
