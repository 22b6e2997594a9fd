// The Awaiting Reply group of the Feedback view, pinned at the top: the items
// of every connection whose last public comment is a customer's,
// longest-waiting first, with the wait. Read from the items the view has
// loaded (the tracker says who spoke last in its list data: our REST
// contract's lastCommentAt / lastCommentRole; else the item's thread, once
// read); a reply made here takes the item out at once, from the outbox,
// before the tracker's next list says so.
import * as vscode from 'vscode';
import { answeredSince, awaitingReplyGroup, replyStateFromThread } from '../../core/awaitingReply';
import type { OutboxEntry } from '../../core/outbox';
import type { PinnedGroup } from '../../core/pinnedGroups';
import type { FeedbackSessions } from '../../core/sessions';

export interface AwaitingReplyDeps {
  readonly sessions: Pick<FeedbackSessions, 'list'>;
  readonly outboxEntries: () => readonly OutboxEntry[];
}

export function awaitingReplyView(deps: AwaitingReplyDeps): () => PinnedGroup {
  const label = vscode.l10n.t('Awaiting Reply');
  return () => {
    const outbox = deps.outboxEntries();
    const connections = deps.sessions.list();
    const threadOf = (connectionId: string, itemId: string) => connections.find((c) => c.id === connectionId)?.session.details.get(itemId)?.comments.value;
    const rows = connections.flatMap(({ id, name, session }) =>
      session.store.allItems().map((item) => ({ connection: { id, name }, item: replyStateFromThread(item, session.details.get(item.id)?.comments.value) })),
    );
    const answered = ({ connection, item }: (typeof rows)[number]): boolean => answeredSince(item, outbox, threadOf(connection.id, item.id), connection.id);
    return awaitingReplyGroup(rows, Date.now(), answered, label);
  };
}
