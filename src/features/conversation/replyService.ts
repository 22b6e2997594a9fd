// Replies between the composer and the outbox: drafts per item, sending
// (shown as *sending* before the outbox has even stored it), what is still
// outgoing per item, replies just confirmed, refused replies put back into
// the draft with the tracker's reason, and which drafts have been written to
// storage. Items are named by key (a ref: issue 14), each reply going to the
// connection its key names. No vscode: tested in plain Node.
import type { Draft, Drafts, SavedDraft } from '../../core/drafts';
import { Drafts as DraftKeys } from '../../core/drafts';
import { Emitter } from '../../core/events';
import type { Unsubscribe } from '../../core/events';
import { commentSchema } from '../../core/model';
import type { Comment, Visibility } from '../../core/model';
import type { Outbox, OutboxEntry } from '../../core/outbox';
import type { OutgoingReply } from '../../shared/conversationProtocol';

/** Where a reply to an item goes: its connection's id (the outbox's `tracker`) and the tracker's id of the item. */
export interface ReplyTarget {
  readonly tracker: string;
  readonly itemId: string;
}

export interface ReplyServiceDeps {
  readonly outbox: Outbox;
  readonly drafts: Drafts;
  /** The connection and item a key names; undefined when no connection here has it. */
  readonly target: (key: string) => ReplyTarget | undefined;
  /** The key of a connection's item, the inverse; undefined for an id that names no connection here. */
  readonly keyOf: (tracker: string, itemId: string) => string | undefined;
  /** The ids a connection had before the registry: drafts typed then are kept under one. */
  readonly legacyIdsOf?: (connectionId: string) => readonly string[];
  readonly log: (line: string) => void;
}

/** An item's draft as written to storage (its key); the body is empty when the write removed it. */
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
  /** A refused reply went back into the draft of the item of this key: show the draft again. */
  readonly onDidReturnDraft = this.returned.event;
  /** A draft of an item of a connection here reached storage (one event per item, by key): a composer may say "Draft saved". */
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

  draft(key: string): Draft | undefined {
    const at = this.deps.target(key);
    return at === undefined ? undefined : (this.deps.drafts.get(DraftKeys.key(at.tracker, at.itemId)) ?? this.legacyDraft(at.tracker, at.itemId)?.draft);
  }

  saveDraft(key: string, body: string, visibility: Visibility): void {
    const at = this.deps.target(key);
    if (at !== undefined) {
      const refusal = this.draft(key)?.refusal;
      this.moveLegacyDraft(at.tracker, at.itemId);
      this.deps.drafts.set(DraftKeys.key(at.tracker, at.itemId), refusal === undefined ? { body, visibility } : { body, visibility, refusal });
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

  /** Shows the reply as sending at once and queues it, to the item's connection; false when no connection here has it. */
  send(itemKey: string, body: string, visibility: Visibility): boolean {
    const at = this.deps.target(itemKey);
    if (at === undefined) {
      return false;
    }
    const { tracker, itemId } = at;
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
        this.returnToDraft(key, itemKey, body, visibility, error instanceof Error ? error.message : String(error));
      },
    );
    return true;
  }

  /** Our replies to this item not yet in its fetched thread, oldest first. */
  outgoing(itemKey: string): OutgoingReply[] {
    const at = this.deps.target(itemKey);
    if (at === undefined) {
      return [];
    }
    const { tracker, itemId } = at;
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
    for (const { key, draft } of written) {
      // Drafts are kept as "<connection id> <item id>"; one of a connection not here (another workspace's, an old id) is not on screen.
      const space = key.indexOf(' ');
      const itemKey = space < 0 ? undefined : this.deps.keyOf(key.slice(0, space), key.slice(space + 1));
      if (itemKey !== undefined) {
        this.saved.fire({ itemId: itemKey, body: draft?.body ?? '' });
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
        this.returnToDraft(key, this.deps.keyOf(entry.tracker, itemId), body.body, body.visibility, entry.lastError ?? 'refused');
        await this.deps.drafts.flush();
        await this.deps.outbox.discard(entry.id);
      }
    }
  }

  /** `itemKey`: the item's key, to tell who shows it; undefined when no connection here has it (the draft is kept all the same). */
  private returnToDraft(key: string, itemKey: string | undefined, body: string, visibility: Visibility, reason: string): void {
    const current = this.deps.drafts.get(key)?.body ?? '';
    const merged = current.trim() === '' ? body : `${body}\n\n${current}`;
    this.deps.drafts.set(key, { body: merged, visibility, refusal: reason });
    this.deps.log(`Reply to ${key} refused, back in the draft: ${reason}`);
    if (itemKey !== undefined) {
      this.returned.fire(itemKey);
    }
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
