// The Conversation view's logic apart from its webview: which item it
// follows, fetching its thread, merging our outgoing replies, the composer's
// messages (validated: a webview shows customer text, so its messages are
// not trusted). Runs in plain Node; conversationView.ts wires it to VS Code.
import { describeIssues } from '../../core/validation';
import type { Status } from '../../core/model';
import { conversationWebviewMessageSchema } from '../../shared/conversationProtocol';
import type { ConversationHostMessage, ConversationState, ConversationStrings, ConversationWebviewMessage } from '../../shared/conversationProtocol';
import type { ReplyAudience } from '../../shared/composerProtocol';
import type { FeedbackStore } from '../../core/feedbackStore';
import { NoConnection } from '../../core/itemDetails';
import type { ItemDetails } from '../../core/itemDetails';
import { externalUrl, toPanelComment } from '../../platform/panelData';
import type { ReplyService, SavedReplyDraft } from './replyService';
import { singleLineText } from '../../core/displayText';

export interface ConversationSurface {
  post(message: ConversationHostMessage): void;
  openExternal(url: string): void;
}

export interface ConversationDeps {
  readonly surface: ConversationSurface;
  /** The session's item details, shared with the item panels: one fetch serves both, a reply confirmed shows in both. */
  readonly details: Pick<ItemDetails, 'get' | 'load' | 'onDidChange'>;
  /** The capabilities of the item's tracker (internal notes), undefined when its connection is not here. */
  readonly capabilities: (itemId: string) => Promise<{ readonly internalNotes: boolean; readonly replyAudience?: ReplyAudience } | undefined>;
  /** The tracker's id of the item a key names, as a user reads it (the key is a ref); the key itself when not given. */
  readonly displayId?: (itemId: string) => string;
  readonly replies: Pick<ReplyService, 'draft' | 'saveDraft' | 'send' | 'outgoing' | 'onDidChange' | 'onDidReturnDraft' | 'onDidSaveDraft'>;
  readonly changeStatus: (itemId: string) => void;
  /** The session's lists: the header shows the row at once, with the status the tree shows (a change not yet confirmed included). */
  readonly items: Pick<FeedbackStore, 'findItem' | 'itemStatus' | 'onDidChangeItem'>;
  readonly texts: { readonly locale: string; readonly strings: ConversationStrings; readonly notConnected: string; describeError(error: unknown): string };
  readonly log: (line: string) => void;
}

export class ConversationController {
  private ready = false;
  private itemId: string | undefined;
  /** Why a send could not be queued (no connection); shown until the next item or load. */
  private failure: string | undefined;
  private loading = false;
  private canInternal = false;
  private audience: ReplyAudience = 'customers';
  private generation = 0;
  private readonly subscriptions: { dispose(): void }[];

  constructor(private readonly deps: ConversationDeps) {
    this.subscriptions = [
      deps.replies.onDidChange(() => this.show()),
      deps.items.onDidChangeItem((itemId) => itemId === this.itemId && this.show()),
      deps.details.onDidChange((itemId) => itemId === this.itemId && this.show()),
      deps.replies.onDidReturnDraft((itemId) => {
        if (itemId === this.itemId) {
          this.postDraft();
        }
      }),
      deps.replies.onDidSaveDraft((saved) => this.draftSaved(saved)),
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

  /** Shows what is known of the item at once and asks the tracker again; never rejects. */
  async load(): Promise<void> {
    const itemId = this.itemId;
    const generation = ++this.generation;
    this.loading = itemId !== undefined;
    this.failure = undefined;
    this.show();
    if (itemId === undefined) {
      return;
    }
    void this.deps.capabilities(itemId).then((capabilities) => {
      this.canInternal = capabilities?.internalNotes ?? false;
      this.audience = capabilities?.replyAudience ?? 'customers';
      this.show();
    });
    await this.deps.details.load(itemId);
    if (generation === this.generation) {
      this.loading = false;
      const error = this.partError();
      if (error !== undefined) {
        this.deps.log(`Conversation ${itemId}: fetch failed: ${this.reason(error)}`);
      }
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

  /** "Draft saved" for the shown item, only if what was written is still what it holds (no keystroke since). */
  private draftSaved({ itemId, body }: SavedReplyDraft): void {
    if (this.ready && itemId === this.itemId && body !== '' && body === this.deps.replies.draft(itemId)?.body) {
      this.deps.surface.post({ type: 'draftSaved', itemId, body });
    }
  }

  private show(): void {
    if (this.ready) {
      this.deps.surface.post(this.snapshot());
    }
  }

  snapshot(): ConversationState {
    const itemId = this.itemId;
    const detail = itemId === undefined ? undefined : this.deps.details.get(itemId);
    const fetched = detail?.comments.value ?? [];
    const ids = new Set(fetched.map((c) => c.id));
    const outgoing = itemId === undefined ? [] : this.deps.replies.outgoing(itemId).filter((r) => !(r.state === 'sent' && ids.has(r.id)));
    const item = itemId === undefined ? undefined : (detail?.item.value ?? this.deps.items.findItem(itemId));
    const error = this.failure ?? (this.loading ? undefined : this.describedPartError());
    return {
      type: 'state',
      item: itemId === undefined ? null : this.header(itemId, item),
      comments: fetched.map(toPanelComment),
      outgoing,
      loading: this.loading,
      ...(error === undefined ? {} : { error }),
      canInternal: this.canInternal, audience: this.audience,
    };
  }

  /** The item's id, title and status as the tree shows it (a change not yet confirmed marked pending). */
  private header(itemId: string, item: { readonly id: string; readonly title: string; readonly status: Status } | undefined): NonNullable<ConversationState['item']> {
    const shown = this.deps.items.itemStatus(itemId);
    const id = item?.id ?? this.deps.displayId?.(itemId) ?? itemId;
    return {
      id,
      title: singleLineText(item?.title ?? id),
      status: shown?.status ?? item?.status ?? 'open',
      ...(shown?.pending ? { statusPending: true } : {}),
    };
  }

  /** Why the thread (or the item) could not be read, if it could not. */
  private partError(): unknown {
    const detail = this.itemId === undefined ? undefined : this.deps.details.get(this.itemId);
    return [detail?.comments, detail?.item].find((part) => part?.error !== undefined)?.error;
  }

  private describedPartError(): string | undefined {
    const error = this.partError();
    return error === undefined ? undefined : this.reason(error);
  }

  private reason(error: unknown): string {
    return error instanceof NoConnection ? this.deps.texts.notConnected : this.deps.texts.describeError(error);
  }
}
