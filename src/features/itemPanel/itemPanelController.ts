// One item panel's logic, apart from the webview it drives: what it shows
// (read from the session: the row at once, then each part as it lands), the
// ready handshake, refresh and retry, and validation of what the webview
// posts. It talks to the panel through PanelSurface, so it runs in plain Node
// (the manager wires it to a real vscode.WebviewPanel).
import { describeIssues } from '../../core/validation';
import { panelStateSchema, webviewMessageSchema } from '../../shared/itemPanelProtocol';
import type { HostMessage, ItemMessage, PanelStrings, PanelLinkedCommit, PanelTradeOff, WebviewMessage } from '../../shared/itemPanelProtocol';
import type { ReplyAudience } from '../../shared/composerProtocol';
import type { CommitLink, TradeOff } from '../../core/model';
import type { FeedbackStore } from '../../core/feedbackStore';
import { NoConnection } from '../../core/itemDetails';
import type { ItemDetail, ItemDetails, Part } from '../../core/itemDetails';
import { externalUrl, panelTitle, toPanelComment, toPanelItem } from '../../platform/panelData';
import type { PanelComposer } from '../../platform/panelComposer';

/** The item a restored panel showed, from the state its page kept (validated like any input), or why it cannot be read. */
export function readPanelState(state: unknown): { readonly itemId: string } | { readonly problem: string } {
  const parsed = panelStateSchema.safeParse(state);
  return parsed.success ? { itemId: parsed.data.itemId } : { problem: describeIssues(parsed.error).join('; ') };
}

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
  /** The session's item details: shared with every view of the item, fetched part by part. */
  readonly details: Pick<ItemDetails, 'get' | 'load' | 'onDidChange'>;
  /** The session's lists: the row's fields show at once, and the badge shows the status the tree shows (a change not yet confirmed included). */
  readonly items: Pick<FeedbackStore, 'findItem' | 'itemStatus' | 'onDidChangeItem'>;
  /** The capabilities of the item's tracker (internal notes), undefined when its connection is not here. */
  readonly capabilities: (itemId: string) => Promise<{ readonly internalNotes: boolean; readonly replyAudience?: ReplyAudience } | undefined>;
  readonly log: (line: string) => void;
  readonly texts: PanelTexts;
  /** The item's trade-offs: the tracker's merged with the workspace's (the trade-offs feature). */
  readonly tradeOffs?: (itemId: string, fromTracker: readonly TradeOff[]) => PanelTradeOff[];
  /** Opens a workspace file at a line (a trade-off's place). */
  readonly openLocation?: (path: string, line: number) => void;
  /** The item's linked commits: the tracker's links merged with local history (the commit-links feature). */
  readonly linkedCommits?: (itemId: string, fromTracker: readonly CommitLink[], signal: AbortSignal) => Promise<PanelLinkedCommit[]>;
  /** Opens a linked commit's changes; asks to link a past commit to this item. */
  readonly openCommit?: (root: string, sha: string) => void;
  readonly linkPastCommit?: (itemId: string) => void;
  /** The reply composer under the thread (the conversation feature's drafts and outbox). */
  readonly composer?: PanelComposer;
}

/** Sections still on their way, each shown with its own loading state. */
type LoadingPart = NonNullable<ItemMessage['loading']>[number];

export class ItemPanelController {
  // Until the webview says `ready`, posts would be lost: its script may not
  // run yet, and a hidden panel has no page at all (retainContextWhenHidden
  // is off). Every message describes the whole view, so instead of a queue
  // the controller sends the whole state on each `ready`.
  private ready = false;
  private loading = false;
  private disposed = false;
  private canInternal = false;
  private audience: ReplyAudience = 'customers';
  private title: string | undefined;
  /** The tracker's answer the shown commits were merged from, so each answer is merged once. */
  private mergedFrom: Part<readonly CommitLink[]> | undefined;
  private mergeGeneration = 0;
  private links: readonly PanelLinkedCommit[] | undefined;
  /** Merging failed (git, say) before any list was shown: the panel goes without the section. */
  private linksFailed = false;
  private readonly abort = new AbortController();
  private readonly listeners: { dispose(): void }[] = [];

  constructor(
    readonly itemId: string,
    private readonly deps: ItemPanelControllerDeps,
  ) {
    const isThis = (changed: string) => changed === this.itemId;
    this.listeners.push(
      deps.items.onDidChangeItem((changed) => isThis(changed) && this.show()),
      deps.details.onDidChange((changed) => isThis(changed) && this.detailChanged()),
    );
    const composer = deps.composer;
    if (composer) {
      this.listeners.push(
        composer.onDidChange(() => this.showComposer(false)),
        composer.onDidReturnDraft((itemId) => isThis(itemId) && this.showComposer(true)),
        composer.onDidSaveDraft(({ itemId, body }) => isThis(itemId) && this.draftSaved(body)),
      );
    }
  }

  /** The `updatedAt` of the full item on screen, if any. */
  get updatedAt(): string | undefined {
    return this.deps.details.get(this.itemId)?.item.value?.updatedAt;
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
    if (this.loading || this.updatedAt === updatedAt) {
      return;
    }
    void this.load();
  }

  /**
   * Shows at once what is known (the row's fields, or the item as last
   * fetched) and asks the tracker again; each part shows as it lands.
   * Never rejects: failures are shown.
   */
  async load(): Promise<void> {
    if (this.disposed) {
      return;
    }
    this.loading = true;
    this.show();
    void this.deps.capabilities(this.itemId).then((capabilities) => {
      this.canInternal = capabilities?.internalNotes ?? false;
      this.audience = capabilities?.replyAudience ?? 'customers';
      this.showComposer(false);
    });
    await this.deps.details.load(this.itemId);
    if (this.disposed) {
      return;
    }
    this.loading = false;
    this.logFailures();
    this.show();
  }

  dispose(): void {
    this.disposed = true;
    this.abort.abort();
    this.listeners.forEach((l) => l.dispose());
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
    // A draft of the item this page showed before (a preview panel reused) is still kept: nothing typed is lost.
    if (composer && message.type === 'saveDraft') {
      return composer.saveDraft(message.itemId, message.body, message.visibility);
    }
    if (!composer || message.itemId !== this.itemId) {
      this.deps.log(`Item panel ${this.itemId}: ignored a composer message for ${message.itemId}`);
      return;
    }
    if (message.type === 'changeStatus') {
      return composer.changeStatus(this.itemId);
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
    const ids = new Set(this.deps.details.get(this.itemId)?.comments.value?.map((c) => c.id));
    const outgoing = composer.outgoing(this.itemId).filter((r) => !(r.state === 'sent' && ids.has(r.id)));
    const draft = withDraft ? { draft: composer.draft(this.itemId) ?? { body: '', visibility: 'public' as const } } : {};
    this.deps.surface.post({ type: 'composer', strings: composer.strings, outgoing, canInternal: this.canInternal, audience: this.audience, ...draft });
  }

  /** "Draft saved", only if what was written is still the draft (no keystroke since). */
  private draftSaved(body: string): void {
    const composer = this.deps.composer;
    if (composer && this.ready && !this.disposed && body !== '' && body === composer.draft(this.itemId)?.body) {
      this.deps.surface.post({ type: 'draftSaved', itemId: this.itemId, body });
    }
  }

  private openExternal(raw: string): void {
    const url = externalUrl(raw);
    if (url === undefined) {
      this.deps.log(`Item panel ${this.itemId}: refused to open ${JSON.stringify(raw.slice(0, 200))}: not an http, https or mailto URL`);
      return;
    }
    this.deps.surface.openExternal(url);
  }

  /** A part landed (here or through another view of the item): merge new links, then show. */
  private detailChanged(): void {
    const remote = this.deps.details.get(this.itemId)?.links;
    const answered = remote !== undefined && !remote.loading && (remote.value !== undefined || remote.error !== undefined);
    if (answered && remote !== this.mergedFrom) {
      this.mergedFrom = remote;
      void this.mergeLinks(remote.value ?? []);
    }
    this.show();
  }

  /** Linked commits: the tracker's merged with local history; a tracker without links, or git failing, leaves the section out. */
  private async mergeLinks(fromTracker: readonly CommitLink[]): Promise<void> {
    const merge = this.deps.linkedCommits;
    if (!merge) {
      return;
    }
    const generation = ++this.mergeGeneration;
    try {
      const links = await merge(this.itemId, fromTracker, this.abort.signal);
      if (generation === this.mergeGeneration) {
        this.links = links;
        this.show();
      }
    } catch (error) {
      if (!this.abort.signal.aborted) {
        this.deps.log(`Item panel ${this.itemId}: shown without linked commits: ${this.deps.texts.describeError(error)}`);
        this.linksFailed = true; // the section is left out, not loading for ever
        this.show();
      }
    }
  }

  private logFailures(): void {
    const detail = this.deps.details.get(this.itemId);
    for (const [part, state] of Object.entries(detail ?? {})) {
      if (state.error !== undefined) {
        this.deps.log(`Item panel ${this.itemId}: could not fetch ${part}: ${this.reason(state.error)}`);
      }
    }
  }

  private reason(error: unknown): string {
    return error instanceof NoConnection ? this.deps.texts.notConnected : this.deps.texts.describeError(error);
  }

  private show(): void {
    const message = this.snapshot();
    if (message?.type === 'item' && message.item.title !== this.title) {
      this.title = message.item.title;
      this.deps.surface.setTitle(panelTitle(message.item.title, message.item.id));
    }
    if (!this.ready || this.disposed) {
      return;
    }
    if (message) {
      this.deps.surface.post(message);
    }
    if (this.loading) {
      this.deps.surface.post({ type: 'loading' });
    }
  }

  /** The whole view: the item (full, or the row's fields while the rest loads), else the failure, else nothing yet. */
  private snapshot(): HostMessage | undefined {
    const detail = this.deps.details.get(this.itemId);
    const full = detail?.item.value;
    const row = this.deps.items.findItem(this.itemId);
    const failure = [detail?.item, detail?.comments].find((part) => part?.error !== undefined && !part.loading)?.error;
    if (!full && !row) {
      return failure === undefined || this.loading ? undefined : { type: 'error', message: this.reason(failure) };
    }
    const shown = this.deps.items.itemStatus(this.itemId);
    const item = toPanelItem(full ?? { ...row!, description: '', customers: [], commentCount: 0 });
    const loading = this.loadingParts(detail, full !== undefined);
    const tradeoffs = this.deps.tradeOffs?.(this.itemId, detail?.tradeOffs.value ?? []);
    return {
      type: 'item',
      item: shown === undefined ? item : { ...item, status: shown.status },
      ...(shown?.pending ? { statusPending: true } : {}),
      comments: (detail?.comments.value ?? []).map(toPanelComment),
      ...(tradeoffs ? { tradeoffs } : {}),
      ...(this.links ? { links: [...this.links] } : {}),
      ...(loading.length > 0 ? { loading } : {}),
      ...(failure === undefined ? {} : { stale: { message: this.reason(failure) } }),
    };
  }

  /** Parts never fetched yet: their sections say "loading" instead of "none". */
  private loadingParts(detail: ItemDetail | undefined, hasItem: boolean): LoadingPart[] {
    const parts: LoadingPart[] = [];
    const waiting = (part: ItemDetail[keyof ItemDetail] | undefined) => part === undefined || (part.value === undefined && part.error === undefined);
    if (!hasItem && waiting(detail?.item)) {
      parts.push('details');
    }
    if (waiting(detail?.comments)) {
      parts.push('comments');
    }
    if (this.deps.linkedCommits && this.links === undefined && !this.linksFailed) {
      parts.push('links');
    }
    return parts;
  }
}
