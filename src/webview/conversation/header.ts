// The Conversation view's header: the followed item's status, id and title,
// the title isolated so that its text cannot reorder the id before it.
import type { ConversationState, ConversationStrings } from '../../shared/conversationProtocol';
import { el, isolate } from '../itemPanel/dom';
import { statusIcon } from '../itemPanel/statusIcon';

type HeaderItem = NonNullable<ConversationState['item']>;

export function renderConversationHeader(statuses: ConversationStrings['statuses'], item: HeaderItem): DocumentFragment {
  const fragment = document.createDocumentFragment();
  fragment.append(
    el('span', `status-badge status-${item.status}`, statusIcon(item.status), statuses[item.status]),
    el('span', 'conversation-title', `${item.id} · `, isolate(el('span', 'conversation-item-title', item.title))),
  );
  return fragment;
}
