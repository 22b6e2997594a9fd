// The Awaiting Reply group of the Feedback view, pinned at the top: the items
// whose last public comment is a customer's, longest-waiting first, with the
// wait. Read from the items the view has loaded (the tracker says who spoke
// last in its list data: our REST contract's lastCommentAt / lastCommentRole;
// else the item's thread, once read);
// a reply made here takes the item out at once, from the outbox, before the
// tracker's next list says so.
import * as vscode from 'vscode';
import { answeredSince, awaitingReplyGroup, replyStateFromThread } from '../../core/awaitingReply';
import type { FeedbackStore, GroupView } from '../../core/feedbackStore';
import type { ItemDetails } from '../../core/itemDetails';
import type { OutboxEntry } from '../../core/outbox';

export interface AwaitingReplyDeps {
  readonly store: Pick<FeedbackStore, 'allItems'>;
  readonly details: Pick<ItemDetails, 'get'>;
  readonly outboxEntries: () => readonly OutboxEntry[];
}

export function awaitingReplyView(deps: AwaitingReplyDeps): () => GroupView {
  const label = vscode.l10n.t('Awaiting Reply');
  return () => {
    const outbox = deps.outboxEntries();
    const answered = (item: { id: string; lastCommentAt?: string | null }): boolean => answeredSince(item, outbox, deps.details.get(item.id)?.comments.value);
    const items = deps.store.allItems().map((item) => replyStateFromThread(item, deps.details.get(item.id)?.comments.value));
    return awaitingReplyGroup(items, Date.now(), answered, label);
  };
}
