// Replies between the composer and the outbox: drafts per item, sending
// (shown as *sending* before the outbox has even stored it), what is still
// outgoing per item, replies just confirmed, refused replies put back into
// the draft with the tracker's reason, and which drafts have been written to
// storage. No vscode: tested in plain Node.
import type { Draft, Drafts, SavedDraft } from '../../core/drafts';
import { Drafts as DraftKeys } from '../../core/drafts';
import { Emitter } from '../../core/events';
import type { Unsubscribe } from '../../core/events';
import { commentSchema } from '../../core/model';
import type { Comment, Visibility } from '../../core/model';
import type { Outbox, OutboxEntry } from '../../core/outbox';
import type { OutgoingReply } from '../../shared/conversationProtocol';

export interface ReplyServiceDeps {
  readonly outbox: Outbox;
  readonly drafts: Drafts;
  /** The connected tracker's id (the outbox's `tracker`), if any. */
  readonly currentTracker: () => string | undefined;
  /** The ids a connection had before the registry: drafts typed then are kept under one. */
  readonly legacyIdsOf?: (connectionId: string) => readonly string[];
  readonly log: (line: string) => void;
}

/** An item's draft as written to storage; the body is empty when the write removed it. */
export interface SavedReplyDraft {
  readonly itemId: string;
  readonly body: string;
}

interface Accepting {
  readonly itemKey: string;
  readonly reply: OutgoingReply;
}

export class ReplyService {
  private readonly accepting = new Map<string, Accepting>();
  private readonly sent = new Map<string, Comment[]>();
  private readonly returning = new Set<string>();
  private readonly changed = new Emitter<void>();
  private readonly returned = new Emitter<string>();
  private readonly saved = new Emitter<SavedReplyDraft>();
  private readonly subscriptions: Unsubscribe[];
  private nextLocalId = 0;
  /** Anything outgoing changed: redraw. */
  readonly onDidChange = this.changed.event;
  /** A refused reply went back into the draft of this item id: show the draft again. */
  readonly onDidReturnDraft = this.returned.event;
  /** A draft of the connected tracker's item reached storage (one event per item): a composer may say "Draft saved". */
  readonly onDidSaveDraft = this.saved.event;

  constructor(private readonly deps: ReplyServiceDeps) {
    this.subscriptions = [
      deps.outbox.onDidChange(() => {
        void this.returnRefused();
        this.changed.fire();
      }),
      deps.outbox.onDidConfirm(({ entry, result }) => this.confirmed(entry, result)),
      deps.drafts.onDidSave((written) => this.draftsSaved(written)),
    ];
  }

  draft(itemId: string): Draft | undefined {
    const tracker = this.deps.currentTracker();
    return tracker === undefined ? undefined : (this.deps.drafts.get(DraftKeys.key(tracker, itemId)) ?? this.legacyDraft(tracker, itemId)?.draft);
  }

  saveDraft(itemId: string, body: string, visibility: Visibility): void {
    const tracker = this.deps.currentTracker();
    if (tracker !== undefined) {
      const refusal = this.draft(itemId)?.refusal;
      this.moveLegacyDraft(tracker, itemId);
      this.deps.drafts.set(DraftKeys.key(tracker, itemId), refusal === undefined ? { body, visibility } : { body, visibility, refusal });
    }
  }

  /** A draft typed before the connection registry, under the id the connection had then. */
  private legacyDraft(tracker: string, itemId: string): { key: string; draft: Draft } | undefined {
    for (const legacy of this.deps.legacyIdsOf?.(tracker) ?? []) {
      const key = DraftKeys.key(legacy, itemId);
      const draft = this.deps.drafts.get(key);
      if (draft) {
        return { key, draft };
      }
    }
    return undefined;
  }

  /** Once written again, a draft lives under the connection's id only (drafts are the machine's: the first workspace to write it takes it). */
  private moveLegacyDraft(tracker: string, itemId: string): void {
    const legacy = this.deps.drafts.get(DraftKeys.key(tracker, itemId)) === undefined ? this.legacyDraft(tracker, itemId) : undefined;
    if (legacy) {
      this.deps.drafts.set(legacy.key, { body: '', visibility: legacy.draft.visibility });
    }
  }

  /** Shows the reply as sending at once and queues it; false when no tracker is connected. */
  send(itemId: string, body: string, visibility: Visibility): boolean {
    const tracker = this.deps.currentTracker();
    if (tracker === undefined) {
      return false;
    }
    const key = DraftKeys.key(tracker, itemId);
    const localId = `local-${++this.nextLocalId}`;
    this.accepting.set(localId, { itemKey: key, reply: { id: localId, body, visibility, state: 'sending' } });
    this.moveLegacyDraft(tracker, itemId);
    this.deps.drafts.set(key, { body: '', visibility });
    this.changed.fire();
    this.deps.outbox.enqueue(tracker, { kind: 'comment', itemId, body: { body, visibility } }).then(
      () => this.settle(localId),
      (error: unknown) => {
        // Not stored, so not sent: the text goes back to the draft, never lost.
        this.settle(localId);
        this.returnToDraft(key, itemId, body, visibility, error instanceof Error ? error.message : String(error));
      },
    );
    return true;
  }

  /** Our replies to this item not yet in its fetched thread, oldest first. */
  outgoing(itemId: string): OutgoingReply[] {
    const tracker = this.deps.currentTracker();
    if (tracker === undefined) {
      return [];
    }
    const key = DraftKeys.key(tracker, itemId);
    const sent = (this.sent.get(key) ?? []).map((c): OutgoingReply => ({ id: c.id, body: c.body, visibility: c.visibility, state: 'sent' }));
    const queued = this.deps.outbox
      .entries()
      .filter((e) => e.tracker === tracker && e.request.itemId === itemId && e.state !== 'refused')
      .flatMap(toOutgoing);
    const accepting = [...this.accepting.values()].filter((a) => a.itemKey === key).map((a) => a.reply);
    return [...sent, ...queued, ...accepting];
  }

  dispose(): void {
    this.subscriptions.forEach((s) => s.dispose());
    this.changed.dispose();
    this.returned.dispose();
    this.saved.dispose();
  }

  private draftsSaved(written: readonly SavedDraft[]): void {
    const tracker = this.deps.currentTracker();
    if (tracker === undefined) {
      return;
    }
    // Keys are "tracker itemId"; another tracker's items are not on screen.
    const prefix = DraftKeys.key(tracker, '');
    for (const { key, draft } of written) {
      if (key.startsWith(prefix)) {
        this.saved.fire({ itemId: key.slice(prefix.length), body: draft?.body ?? '' });
      }
    }
  }

  private settle(localId: string): void {
    this.accepting.delete(localId);
    this.changed.fire();
  }

  private confirmed(entry: OutboxEntry, result: unknown): void {
    const comment = commentSchema.safeParse(result);
    if (entry.request.kind === 'comment' && comment.success) {
      const key = DraftKeys.key(entry.tracker, entry.request.itemId);
      this.sent.set(key, [...(this.sent.get(key) ?? []), comment.data].slice(-20));
    }
  }

  /** A refused reply leaves the outbox only once it is safely back in the draft. */
  private async returnRefused(): Promise<void> {
    for (const entry of this.deps.outbox.entries()) {
      if (entry.state === 'refused' && entry.request.kind === 'comment' && !this.returning.has(entry.id)) {
        this.returning.add(entry.id);
        const { itemId, body } = entry.request;
        const key = DraftKeys.key(entry.tracker, itemId);
        this.returnToDraft(key, itemId, body.body, body.visibility, entry.lastError ?? 'refused');
        await this.deps.drafts.flush();
        await this.deps.outbox.discard(entry.id);
      }
    }
  }

  private returnToDraft(key: string, itemId: string, body: string, visibility: Visibility, reason: string): void {
    const current = this.deps.drafts.get(key)?.body ?? '';
    const merged = current.trim() === '' ? body : `${body}\n\n${current}`;
    this.deps.drafts.set(key, { body: merged, visibility, refusal: reason });
    this.deps.log(`Reply to ${itemId} refused, back in the draft: ${reason}`);
    this.returned.fire(itemId);
  }
}

function toOutgoing(entry: OutboxEntry): OutgoingReply[] {
  if (entry.request.kind !== 'comment') {
    return [];
  }
  const { body, visibility } = entry.request.body;
  // Waiting after a failure is *pending*; anything else is on its way.
  const pending = entry.state === 'pending' && entry.lastError !== undefined;
  return [{ id: entry.id, body, visibility, state: pending ? 'pending' : 'sending', ...(pending ? { error: entry.lastError } : {}) }];
}
