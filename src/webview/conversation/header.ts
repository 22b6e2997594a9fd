// The Conversation view's header: the followed item's status, id and title,
// the title isolated so that its text cannot reorder the id before it. The
// view's one heading, so a screen reader can jump to the item it follows.
import type { ConversationState, ConversationStrings } from '../../shared/conversationProtocol';
import { el, isolate } from '../itemPanel/dom';
import { statusBadge } from '../itemPanel/statusBadge';

type HeaderItem = NonNullable<ConversationState['item']>;

export function renderConversationHeader(strings: Pick<ConversationStrings, 'statuses' | 'statusPending'>, item: HeaderItem): DocumentFragment {
  const fragment = document.createDocumentFragment();
  const title = el('span', 'conversation-title', `${item.id} · `, isolate(el('span', 'conversation-item-title', item.title)));
  // A heading by role, not an <h1>: tests and tools find the item panel by its <h1> with the same title.
  title.setAttribute('role', 'heading');
  title.setAttribute('aria-level', '1');
  fragment.append(statusBadge(item.status, strings.statuses[item.status], item.statusPending ? { text: strings.statusPending } : undefined), title);
  return fragment;
}
