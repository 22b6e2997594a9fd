// One item panel's logic, apart from the webview it drives: fetching, the
// ready handshake, refresh and retry, and validation of what the webview
// posts. It talks to the panel through PanelSurface, so it runs in plain Node
// (the manager wires it to a real vscode.WebviewPanel).
import { describeIssues } from '../../core/validation';
import { webviewMessageSchema } from '../../shared/itemPanelProtocol';
import type {
  HostMessage,
  PanelComment,
  PanelItem,
  PanelStrings,
  PanelLinkedCommit,
  PanelTradeOff,
  WebviewMessage,
} from '../../shared/itemPanelProtocol';
import type { TradeOff } from '../../core/model';
import type { TrackerClient } from '../../trackers/tracker';
import type { FeedbackStore } from '../../core/feedbackStore';
import { externalUrl, panelTitle, toPanelComment, toPanelItem } from '../../platform/panelData';
import type { PanelComposer } from '../../platform/panelComposer';

/** What the controller needs of its panel. */
export interface PanelSurface {
  post(message: HostMessage): void;
  setTitle(title: string): void;
  openExternal(url: string): void;
}

/** Localised texts, made by the host (vscode.l10n) and passed in. */
export interface PanelTexts {
  readonly locale: string;
  readonly strings: PanelStrings;
  readonly notConnected: string;
  /** A one-line reason for a failed fetch, naming what went wrong. */
  describeError(error: unknown): string;
}

export interface ItemPanelControllerDeps {
  readonly surface: PanelSurface;
  /** The connected tracker, if any; may be still connecting (a promise). */
  readonly getTracker: () => TrackerClient | undefined | PromiseLike<TrackerClient | undefined>;
  readonly log: (line: string) => void;
  readonly texts: PanelTexts;
  /** The item's trade-offs: the tracker's merged with the workspace's (the trade-offs feature). */
  readonly tradeOffs?: (itemId: string, fromTracker: readonly TradeOff[]) => PanelTradeOff[];
  /** Opens a workspace file at a line (a trade-off's place). */
  readonly openLocation?: (path: string, line: number) => void;
  /** The item's linked commits: the tracker's links merged with local history (the commit-links feature). */
  readonly linkedCommits?: (itemId: string, tracker: TrackerClient, signal: AbortSignal) => Promise<PanelLinkedCommit[]>;
  /** Opens a linked commit's changes; asks to link a past commit to this item. */
  readonly openCommit?: (root: string, sha: string) => void;
  readonly linkPastCommit?: (itemId: string) => void;
  /** The reply composer under the thread (the conversation feature's drafts and outbox). */
  readonly composer?: PanelComposer;
  /** The one item store: the badge shows the status it shows (a change not yet confirmed included). */
  readonly items?: Pick<FeedbackStore, 'itemStatus' | 'onDidChangeItem'>;
}

class NotConnected extends Error {}

interface Content {
  readonly item: PanelItem;
  readonly comments: readonly PanelComment[];
  readonly tradeoffs?: readonly PanelTradeOff[];
  readonly links?: readonly PanelLinkedCommit[];
}

export class ItemPanelController {
  // Until the webview says `ready`, posts would be lost: its script may not
  // run yet, and a hidden panel has no page at all (retainContextWhenHidden
  // is off). Every message describes the whole view, so instead of a queue
  // the controller keeps the view's state and sends it on each `ready`.
  private ready = false;
  private content: Content | undefined;
  private failure: string | undefined;
  private loading = false;
  private generation = 0;
  private abort: AbortController | undefined;
  private disposed = false;
  private canInternal = false;
  private readonly composerListeners: { dispose(): void }[] = [];

  constructor(
    readonly itemId: string,
    private readonly deps: ItemPanelControllerDeps,
  ) {
    const items = deps.items;
    if (items) {
      this.composerListeners.push(items.onDidChangeItem((changed) => changed === this.itemId && this.show()));
    }
    const composer = deps.composer;
    if (composer) {
      this.composerListeners.push(
        composer.onDidChange(() => this.showComposer(false)),
        composer.onDidReturnDraft((itemId) => itemId === this.itemId && this.showComposer(true)),
      );
    }
  }

  /** The `updatedAt` of the version on screen, if any. */
  get updatedAt(): string | undefined {
    return this.content?.item.updatedAt;
  }

  /** Handles anything the webview posted; malformed messages are logged and ignored. */
  receive(raw: unknown): void {
    const parsed = webviewMessageSchema.safeParse(raw);
    if (!parsed.success) {
      this.deps.log(`Item panel ${this.itemId}: ignored a malformed message from the webview: ${describeIssues(parsed.error).join('; ')}`);
      return;
    }
    this.handle(parsed.data);
  }

  /** The page went away (panel hidden or moved): wait for the next `ready`. */
  hidden(): void {
    this.ready = false;
  }

  /** A refreshed list says the item changed (or it never loaded): fetch again. */
  refreshIfChanged(updatedAt: string): void {
    if (this.loading || (this.content && this.content.item.updatedAt === updatedAt)) {
      return;
    }
    void this.load();
  }

  /** Fetches the item and its comments; never rejects (failures are shown). */
  async load(): Promise<void> {
    if (this.disposed) {
      return;
    }
    this.abort?.abort();
    const generation = ++this.generation;
    const abort = new AbortController();
    this.abort = abort;
    this.loading = true;
    this.show();
    try {
      const tracker = await this.deps.getTracker();
      if (!tracker) {
        throw new NotConnected();
      }
      if (this.deps.composer) {
        this.canInternal = tracker.capabilities.internalNotes;
      }
      const [item, comments, remoteTradeOffs, links] = await Promise.all([
        tracker.getItem(this.itemId, abort.signal),
        tracker.listComments(this.itemId, abort.signal),
        // Trade-offs are an extra: the item still shows if the tracker cannot list them.
        this.deps.tradeOffs ? tracker.listTradeOffs(this.itemId, abort.signal).catch((error: unknown): TradeOff[] => this.without('trade-offs', error, [], abort.signal)) : [],
        // Linked commits too: a tracker without links, or git failing, leaves the section out.
        this.deps.linkedCommits?.(this.itemId, tracker, abort.signal).catch((error: unknown) => this.without('linked commits', error, undefined, abort.signal)),
      ]);
      if (generation === this.generation && !this.disposed) {
        this.deps.surface.setTitle(panelTitle(item.title, this.itemId));
        const tradeoffs = this.deps.tradeOffs?.(this.itemId, remoteTradeOffs);
        this.finish({ content: { item: toPanelItem(item), comments: comments.map(toPanelComment), tradeoffs, links } });
        this.showComposer(false);
      }
    } catch (error) {
      abort.abort(); // the other request of the pair is of no use now
      // A newer load or dispose aborted this one: its outcome no longer matters.
      if (generation === this.generation && !this.disposed) {
        const reason = error instanceof NotConnected ? this.deps.texts.notConnected : this.deps.texts.describeError(error);
        this.deps.log(`Item panel ${this.itemId}: fetch failed: ${reason}`);
        this.finish({ failure: reason });
      }
    }
  }

  /** A section the panel shows without: logged, since the panel itself does not say why. */
  private without<T>(section: string, error: unknown, fallback: T, signal: AbortSignal): T {
    // An aborted load (a newer one started, or the item itself failed) has nothing to add.
    if (!signal.aborted) {
      this.deps.log(`Item panel ${this.itemId}: shown without ${section}: ${this.deps.texts.describeError(error)}`);
    }
    return fallback;
  }

  dispose(): void {
    this.disposed = true;
    this.abort?.abort();
    this.composerListeners.forEach((l) => l.dispose());
  }

  private handle(message: WebviewMessage): void {
    switch (message.type) {
      case 'ready': {
        this.ready = true;
        // The page is new each time: it needs the texts before any content.
        const { locale, strings } = this.deps.texts;
        this.deps.surface.post({ type: 'init', itemId: this.itemId, locale, strings });
        this.show();
        this.showComposer(true);
        return;
      }
      case 'saveDraft':
      case 'sendReply':
      case 'changeStatus':
        return this.composerMessage(message);
      case 'retry':
        void this.load();
        return;
      case 'openExternal':
        return this.openExternal(message.url);
      case 'openLocation':
        this.deps.openLocation?.(message.path, message.line);
        return;
      case 'openCommit':
        this.deps.openCommit?.(message.root, message.sha);
        return;
      case 'linkPastCommit':
        this.deps.linkPastCommit?.(this.itemId);
        return;
      default: {
        const unknown: never = message;
        this.deps.log(`Item panel ${this.itemId}: unhandled message ${JSON.stringify(unknown)}`);
      }
    }
  }

  private composerMessage(message: Extract<WebviewMessage, { type: 'saveDraft' | 'sendReply' | 'changeStatus' }>): void {
    const composer = this.deps.composer;
    if (!composer || message.itemId !== this.itemId) {
      this.deps.log(`Item panel ${this.itemId}: ignored a composer message for ${message.itemId}`);
      return;
    }
    if (message.type === 'changeStatus') {
      return composer.changeStatus(this.itemId);
    }
    if (message.type === 'saveDraft') {
      return composer.saveDraft(this.itemId, message.body, message.visibility);
    }
    // An internal note to a tracker without them would be published to customers: refuse, never downgrade.
    if (message.visibility === 'internal' && !this.canInternal) {
      this.deps.log(`Item panel ${this.itemId}: refused to send an internal note: the tracker has no internal notes`);
      return;
    }
    composer.send(this.itemId, message.body, message.visibility);
  }

  /** The composer's state; with the draft when the composer's text must be replaced. */
  private showComposer(withDraft: boolean): void {
    const composer = this.deps.composer;
    if (!composer || !this.ready || this.disposed) {
      return;
    }
    const ids = new Set(this.content?.comments.map((c) => c.id));
    const outgoing = composer.outgoing(this.itemId).filter((r) => !(r.state === 'sent' && ids.has(r.id)));
    const draft = withDraft ? { draft: composer.draft(this.itemId) ?? { body: '', visibility: 'public' as const } } : {};
    this.deps.surface.post({ type: 'composer', strings: composer.strings, outgoing, canInternal: this.canInternal, ...draft });
  }

  private openExternal(raw: string): void {
    const url = externalUrl(raw);
    if (url === undefined) {
      this.deps.log(`Item panel ${this.itemId}: refused to open ${JSON.stringify(raw.slice(0, 200))}: not an http, https or mailto URL`);
      return;
    }
    this.deps.surface.openExternal(url);
  }

  private finish(outcome: { content: Content } | { failure: string }): void {
    this.loading = false;
    if ('content' in outcome) {
      this.content = outcome.content;
      this.failure = undefined;
    } else {
      this.failure = outcome.failure; // the last content, if any, stays
    }
    this.show();
  }

  private show(): void {
    if (!this.ready || this.disposed) {
      return;
    }
    for (const message of this.snapshot()) {
      this.deps.surface.post(message);
    }
  }

  private snapshot(): HostMessage[] {
    const messages: HostMessage[] = [];
    if (this.content) {
      const { comments, tradeoffs, links } = this.content;
      const shown = this.deps.items?.itemStatus(this.itemId)?.status;
      const item = shown === undefined ? this.content.item : { ...this.content.item, status: shown };
      const stale = this.failure === undefined ? {} : { stale: { message: this.failure } };
      messages.push({ type: 'item', item, comments: [...comments], ...(tradeoffs ? { tradeoffs: [...tradeoffs] } : {}), ...(links ? { links: [...links] } : {}), ...stale });
    } else if (this.failure !== undefined && !this.loading) {
      messages.push({ type: 'error', message: this.failure });
    }
    if (this.loading || (!this.content && this.failure === undefined)) {
      messages.push({ type: 'loading' });
    }
    return messages;
  }
}
