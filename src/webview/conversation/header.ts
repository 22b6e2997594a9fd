// The Conversation view's header: the followed item's status, id and title,
// the title isolated so that its text cannot reorder the id before it.
import type { ConversationState, ConversationStrings } from '../../shared/conversationProtocol';
import { el, isolate } from '../itemPanel/dom';
import { statusBadge } from '../itemPanel/statusBadge';

type HeaderItem = NonNullable<ConversationState['item']>;

export function renderConversationHeader(strings: Pick<ConversationStrings, 'statuses' | 'statusPending'>, item: HeaderItem): DocumentFragment {
  const fragment = document.createDocumentFragment();
  fragment.append(
    statusBadge(item.status, strings.statuses[item.status], item.statusPending ? { text: strings.statusPending } : undefined),
    el('span', 'conversation-title', `${item.id} · `, isolate(el('span', 'conversation-item-title', item.title))),
  );
  return fragment;
}
