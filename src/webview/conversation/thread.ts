// The thread as DOM, oldest first so the newest is at the bottom next to the
// composer: customer and team told apart, internal notes marked, and our
// outgoing replies with their state (sending, pending, sent).
import type { ComposerStrings, ConversationStrings, OutgoingReply } from '../../shared/conversationProtocol';
import type { PanelComment } from '../../shared/itemPanelProtocol';
import { el, isolate } from '../itemPanel/dom';
import type { MarkdownRenderer } from '../itemPanel/markdown';
import { renderComment } from '../itemPanel/render';

export interface ThreadContext {
  readonly strings: ConversationStrings;
  readonly locale: string;
  readonly markdown: MarkdownRenderer;
}

/**
 * Rendered entries by content: a new state redraws only what changed (a
 * markdown render and sanitise per comment is the expensive part), so a
 * reply shows as *sending* within a frame even under a long thread.
 */
export class ThreadRenderer {
  private cache = new Map<string, HTMLElement>();

  constructor(private readonly ctx: ThreadContext) {}

  render(comments: readonly PanelComment[], outgoing: readonly OutgoingReply[]): HTMLElement {
    const next = new Map<string, HTMLElement>();
    const take = (key: string, make: () => HTMLElement): HTMLElement => {
      const node = this.cache.get(key) ?? make();
      next.set(key, node);
      return node;
    };
    const items = [
      ...comments.map((c) => take(`c\n${c.id}\n${c.createdAt}\n${c.internal}\n${c.body}`, () => renderComment(this.ctx, c))),
      ...outgoing.map((r) => take(`o\n${r.id}\n${r.state}\n${r.error ?? ''}\n${r.body}`, () => renderOutgoing(this.ctx, r))),
    ];
    this.cache = next;
    if (items.length === 0) {
      return el('p', 'empty', this.ctx.strings.noComments);
    }
    return el('ol', 'thread', ...items);
  }
}

/** What an outgoing reply's rendering needs (the Conversation view's strings, or the item panel's). */
export interface OutgoingContext {
  readonly strings: { readonly team: string; readonly internal: string; readonly composer: ComposerStrings };
  readonly markdown: MarkdownRenderer;
}

export function renderOutgoing(ctx: OutgoingContext, reply: OutgoingReply): HTMLElement {
  const s = ctx.strings.composer;
  const label = reply.state === 'sending' ? s.sending : reply.state === 'pending' ? s.pending : s.sent;
  const state = el('span', `reply-state state-${reply.state}`, label);
  if (reply.error !== undefined) {
    state.title = reply.error;
  }
  const internal = reply.visibility === 'internal';
  const header = el('div', 'comment-header', el('span', 'role-badge role-team', ctx.strings.team), internal && el('span', 'internal-badge', ctx.strings.internal), state);
  const item = el('li', `comment comment-team outgoing outgoing-${reply.state}${internal ? ' comment-internal' : ''}`, header, isolate(el('div', 'markdown comment-body', ctx.markdown.toFragment(reply.body))));
  item.dataset.state = reply.state;
  return item;
}
