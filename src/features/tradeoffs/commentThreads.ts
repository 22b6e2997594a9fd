// Trade-offs inline, as comment threads on their lines (VS Code's Comments
// API, like review comments): the item's title, status and demand in the
// header, the summary and rationale as the first comment, replies below. The
// threads follow the live places, so they move as the user types.
import * as vscode from 'vscode';
import type { StoredTradeOff } from '../../core/tradeoffs/tradeoffFile';
import { Disposable } from '../../platform/disposable';
import type { ItemInfo } from './itemInfo';
import type { TradeOffStore } from './tradeoffStore';

export const COMMENT_CONTROLLER_ID = 'feedbackLoop.tradeoffs';

/** A comment of a trade-off's thread; commands get it and find the trade-off by id. */
export class TradeOffComment implements vscode.Comment {
  mode = vscode.CommentMode.Preview;
  constructor(
    readonly tradeOffId: string,
    readonly body: vscode.MarkdownString,
    readonly author: vscode.CommentAuthorInformation,
    readonly timestamp: Date,
    readonly contextValue: string,
  ) {}
}

/** Markdown from a cloned repository or a tracker: rendered, but no command links or HTML. */
function untrusted(text: string): vscode.MarkdownString {
  const markdown = new vscode.MarkdownString(text);
  markdown.isTrusted = false;
  markdown.supportHtml = false;
  return markdown;
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!<>|~]/g, '\\$&');
}

export class TradeOffThreads extends Disposable {
  private readonly controller = this._register(vscode.comments.createCommentController(COMMENT_CONTROLLER_ID, vscode.l10n.t('Trade-offs')));
  private readonly threads = new Map<string, { thread: vscode.CommentThread; shown: string }>();
  private readonly ids = new WeakMap<vscode.CommentThread, string>();
  private expand: string | undefined;

  constructor(
    private readonly store: TradeOffStore,
    private readonly items: ItemInfo,
  ) {
    super();
    this.controller.options = { placeHolder: vscode.l10n.t('Reply to this trade-off'), prompt: vscode.l10n.t('Reply') };
    this._register(store.onDidChange(() => this.refresh()));
    this._register(items.onDidChange(() => this.refresh()));
    this._register({ dispose: () => this.threads.forEach(({ thread }) => thread.dispose()) });
  }

  /** The trade-off a thread shows. */
  idOf(thread: vscode.CommentThread): string | undefined {
    return this.ids.get(thread);
  }

  /** Open this trade-off's thread next time it is drawn (after marking it). */
  expandNext(id: string): void {
    this.expand = id;
    const shown = this.threads.get(id);
    if (shown) {
      shown.thread.collapsibleState = vscode.CommentThreadCollapsibleState.Expanded;
    }
  }

  refresh(): void {
    const seen = new Set<string>();
    for (const t of this.store.tradeOffs) {
      const place = this.store.live.place(t);
      if (place.detached) {
        continue; // no lines to sit on: the view lists it as detached
      }
      seen.add(t.id);
      this.draw(t, new vscode.Range(place.startLine - 1, 0, place.endLine - 1, 0));
    }
    for (const [id, { thread }] of this.threads) {
      if (!seen.has(id)) {
        thread.dispose();
        this.threads.delete(id);
      }
    }
  }

  private draw(t: StoredTradeOff, range: vscode.Range): void {
    const label = this.items.header(t.itemId);
    const shown = JSON.stringify([t.summary, t.rationale, t.state, t.replies, label, t.author]);
    let entry = this.threads.get(t.id);
    if (!entry) {
      const thread = this.controller.createCommentThread(this.store.uriOf(t), range, []);
      this.ids.set(thread, t.id);
      thread.canReply = true;
      thread.collapsibleState = vscode.CommentThreadCollapsibleState.Collapsed;
      entry = { thread, shown: '' };
      this.threads.set(t.id, entry);
    }
    const { thread } = entry;
    if (!thread.range || !thread.range.isEqual(range)) {
      thread.range = range;
    }
    if (this.expand === t.id) {
      thread.collapsibleState = vscode.CommentThreadCollapsibleState.Expanded;
      this.expand = undefined;
    }
    if (entry.shown === shown) {
      return;
    }
    entry.shown = shown;
    const resolved = t.state === 'resolved';
    thread.label = resolved ? vscode.l10n.t('{0} (resolved)', label) : label;
    thread.contextValue = resolved ? 'tradeoff:resolved' : 'tradeoff';
    thread.state = resolved ? vscode.CommentThreadState.Resolved : vscode.CommentThreadState.Unresolved;
    thread.comments = [
      new TradeOffComment(t.id, untrusted(`**${escapeMarkdown(t.summary)}**\n\n${t.rationale}`), { name: t.author }, new Date(t.createdAt), 'tradeoff'),
      ...t.replies.map((r) => new TradeOffComment(t.id, untrusted(r.body), { name: r.author }, new Date(r.createdAt), 'reply')),
    ];
  }
}
