// The Conversation view's logic apart from its webview: which item it
// follows, fetching its thread, merging our outgoing replies, the composer's
// messages (validated: a webview shows customer text, so its messages are
// not trusted). Runs in plain Node; conversationView.ts wires it to VS Code.
import { describeIssues } from '../../core/validation';
import type { Comment, FeedbackItem } from '../../core/model';
import { conversationWebviewMessageSchema } from '../../shared/conversationProtocol';
import type { ConversationHostMessage, ConversationState, ConversationStrings, ConversationWebviewMessage } from '../../shared/conversationProtocol';
import type { TrackerClient } from '../../trackers/tracker';
import type { FeedbackStore } from '../../core/feedbackStore';
import { externalUrl, toPanelComment } from '../../platform/panelData';
import type { ReplyService } from './replyService';
import { singleLineText } from '../../core/displayText';

export interface ConversationSurface {
  post(message: ConversationHostMessage): void;
  openExternal(url: string): void;
}

export interface ConversationDeps {
  readonly surface: ConversationSurface;
  readonly getTracker: () => TrackerClient | undefined | PromiseLike<TrackerClient | undefined>;
  readonly replies: Pick<ReplyService, 'draft' | 'saveDraft' | 'send' | 'outgoing' | 'onDidChange' | 'onDidReturnDraft'>;
  readonly changeStatus: (itemId: string) => void;
  /** The one item store: the header shows the status it shows (a change not yet confirmed included). */
  readonly items?: Pick<FeedbackStore, 'itemStatus' | 'onDidChangeItem'>;
  readonly texts: { readonly locale: string; readonly strings: ConversationStrings; readonly notConnected: string; describeError(error: unknown): string };
  readonly log: (line: string) => void;
}

interface Loaded {
  readonly item: FeedbackItem;
  readonly comments: readonly Comment[];
}

export class ConversationController {
  private ready = false;
  private itemId: string | undefined;
  private loaded: Loaded | undefined;
  private failure: string | undefined;
  private loading = false;
  private canInternal = false;
  private generation = 0;
  private readonly subscriptions: { dispose(): void }[];

  constructor(private readonly deps: ConversationDeps) {
    this.subscriptions = [
      deps.replies.onDidChange(() => this.show()),
      deps.items?.onDidChangeItem((itemId) => itemId === this.itemId && this.show()) ?? { dispose: () => undefined },
      deps.replies.onDidReturnDraft((itemId) => {
        if (itemId === this.itemId) {
          this.postDraft();
        }
      }),
    ];
  }

  get followedItem(): string | undefined {
    return this.itemId;
  }

  /** Follows another item (or none): fetches its thread and restores its draft. */
  follow(itemId: string | undefined): Promise<void> {
    if (itemId === this.itemId) {
      return Promise.resolve();
    }
    this.itemId = itemId;
    this.loaded = undefined;
    this.failure = undefined;
    this.postDraft();
    return this.load();
  }

  receive(raw: unknown): void {
    const parsed = conversationWebviewMessageSchema.safeParse(raw);
    if (!parsed.success) {
      this.deps.log(`Conversation: ignored a malformed message from the webview: ${describeIssues(parsed.error).join('; ')}`);
      return;
    }
    this.handle(parsed.data);
  }

  hidden(): void {
    this.ready = false;
  }

  async load(): Promise<void> {
    const itemId = this.itemId;
    const generation = ++this.generation;
    this.loading = itemId !== undefined;
    this.show();
    if (itemId === undefined) {
      return;
    }
    try {
      const tracker = await this.deps.getTracker();
      if (!tracker) {
        throw new Error(this.deps.texts.notConnected);
      }
      this.canInternal = tracker.capabilities.internalNotes;
      const [item, comments] = await Promise.all([tracker.getItem(itemId), tracker.listComments(itemId)]);
      if (generation === this.generation) {
        this.loaded = { item, comments };
        this.failure = undefined;
      }
    } catch (error) {
      if (generation === this.generation) {
        this.failure = this.deps.texts.describeError(error);
        this.deps.log(`Conversation ${itemId}: fetch failed: ${this.failure}`);
      }
    }
    if (generation === this.generation) {
      this.loading = false;
      this.show();
    }
  }

  dispose(): void {
    this.generation++;
    this.subscriptions.forEach((s) => s.dispose());
  }

  private handle(message: ConversationWebviewMessage): void {
    switch (message.type) {
      case 'ready':
        this.ready = true;
        this.deps.surface.post({ type: 'init', locale: this.deps.texts.locale, strings: this.deps.texts.strings });
        this.postDraft();
        this.show();
        return;
      case 'retry':
        void this.load();
        return;
      case 'openExternal': {
        const url = externalUrl(message.url);
        return url === undefined ? this.deps.log('Conversation: refused to open a non-web link') : this.deps.surface.openExternal(url);
      }
      case 'saveDraft':
        return this.deps.replies.saveDraft(message.itemId, message.body, message.visibility);
      case 'sendReply':
        return this.send(message.itemId, message.body, message.visibility);
      case 'changeStatus':
        return this.deps.changeStatus(message.itemId);
      default: {
        const unknown: never = message;
        this.deps.log(`Conversation: unhandled message ${JSON.stringify(unknown)}`);
      }
    }
  }

  private send(itemId: string, body: string, visibility: 'public' | 'internal'): void {
    // An internal note to a tracker without them would be published to customers: refuse, never downgrade.
    if (visibility === 'internal' && !this.canInternal) {
      this.deps.log(`Conversation ${itemId}: refused to send an internal note: the tracker has no internal notes`);
      return;
    }
    if (!this.deps.replies.send(itemId, body, visibility)) {
      this.failure = this.deps.texts.notConnected;
      this.show();
    }
  }

  private postDraft(): void {
    if (!this.ready || this.itemId === undefined) {
      return;
    }
    const draft = this.deps.replies.draft(this.itemId) ?? { body: '', visibility: 'public' as const };
    this.deps.surface.post({ type: 'draft', itemId: this.itemId, draft });
  }

  private show(): void {
    if (this.ready) {
      this.deps.surface.post(this.snapshot());
    }
  }

  snapshot(): ConversationState {
    const itemId = this.itemId;
    const fetched = this.loaded?.comments ?? [];
    const ids = new Set(fetched.map((c) => c.id));
    const outgoing = itemId === undefined ? [] : this.deps.replies.outgoing(itemId).filter((r) => !(r.state === 'sent' && ids.has(r.id)));
    const item = this.loaded?.item;
    return {
      type: 'state',
      item: itemId === undefined ? null : { id: itemId, title: singleLineText(item?.title ?? itemId), status: this.deps.items?.itemStatus(itemId)?.status ?? item?.status ?? 'open' },
      comments: fetched.map(toPanelComment),
      outgoing,
      loading: this.loading,
      ...(this.failure === undefined ? {} : { error: this.failure }),
      canInternal: this.canInternal,
    };
  }
}
