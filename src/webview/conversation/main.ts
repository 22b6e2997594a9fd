// The Conversation view's script: the followed item's thread, then the
// composer. Types only from the protocol: zod stays out of this bundle.
import createDOMPurify from 'dompurify';
import type { ConversationHostMessage, ConversationState, ConversationStrings, ConversationWebviewMessage } from '../../shared/conversationProtocol';
import { button, el, isolate } from '../itemPanel/dom';
import { createMarkdownRenderer, interceptLinks } from '../itemPanel/markdown';
import { Composer } from './composer';
import { renderConversationHeader } from './header';
import { ThreadRenderer } from './thread';

interface VsCodeApi {
  postMessage(message: ConversationWebviewMessage): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const markdown = createMarkdownRenderer(createDOMPurify(window));
const root = document.getElementById('root') ?? document.body;
const header = el('header', 'conversation-header');
const body = el('section', 'conversation-thread');
let strings: ConversationStrings | undefined;
let locale = 'en';
let composer: Composer | undefined;
let thread: ThreadRenderer | undefined;
/** The item last drawn: a newly selected one opens at the end of its thread. */
let shownItemId: string | undefined;
/** Set when an item is selected, until its comments have arrived and been brought into view. */
let revealPending = false;
/** Our replies on their way when last drawn: one more (just sent) brings the thread to its end. */
let shownOutgoing = 0;

const post = (message: ConversationWebviewMessage): void => vscode.postMessage(message);

function handle(message: ConversationHostMessage): void {
  switch (message.type) {
    case 'init':
      strings = message.strings;
      locale = message.locale;
      document.documentElement.lang = locale;
      composer = new Composer({ strings: strings.composer, markdown, post });
      composer.element.querySelector('textarea')?.setAttribute('rows', '1');
      thread = new ThreadRenderer({ strings, locale, markdown });
      root.replaceChildren(header, body, composer.element);
      return;
    case 'state':
      return render(message);
    case 'draft':
      return composer?.setDraft(message.itemId, message.draft);
    case 'draftSaved':
      return composer?.draftSaved(message.itemId, message.body);
    default: {
      const unknown: never = message;
      console.warn('Unknown message from the host', unknown);
    }
  }
}

function render(state: ConversationState): void {
  if (!strings || !composer || !thread) {
    return;
  }
  composer.element.hidden = state.item === null;
  composer.setReplyOptions(state.canInternal, state.audience);
  if (state.item === null) {
    header.replaceChildren();
    body.replaceChildren(el('p', 'empty', strings.noItem));
    return;
  }
  header.replaceChildren(renderConversationHeader(strings, state.item));
  if (state.item.id !== shownItemId) {
    shownItemId = state.item.id;
    revealPending = true;
    shownOutgoing = state.outgoing.length;
  }
  const atBottom = window.innerHeight + window.scrollY >= document.body.scrollHeight - 8;
  const sent = state.outgoing.length > shownOutgoing;
  shownOutgoing = state.outgoing.length;
  const notice = state.error !== undefined ? el('div', 'banner banner-warning', isolate(el('span', 'banner-text', state.error)), button('secondary', strings.retry, () => post({ type: 'retry' }))) : null;
  const loading = state.loading && state.comments.length === 0 ? el('p', 'state-loading', strings.loading) : null;
  body.replaceChildren(...[notice, loading, thread.render(state.comments, state.outgoing)].filter((n): n is HTMLElement => n !== null));
  if (revealPending) {
    revealLatest();
    revealPending = state.loading && state.comments.length === 0;
  } else if (atBottom || sent) {
    window.scrollTo(0, document.body.scrollHeight); // newest at the bottom, next to the composer
  }
}

/**
 * Opens a thread at its end, next to the composer, but never with the
 * customer's last comment under the header: when replies below it fill a
 * short pane, the customer's words come first (they are what one answers).
 */
function revealLatest(): void {
  window.scrollTo(0, document.body.scrollHeight);
  const customers = body.querySelectorAll<HTMLElement>('.thread > li.comment-customer');
  const last = customers[customers.length - 1];
  if (last !== undefined) {
    const hidden = header.getBoundingClientRect().bottom - last.getBoundingClientRect().top;
    if (hidden > 0) {
      window.scrollBy(0, -hidden - 8);
    }
  }
}

window.addEventListener('message', (event: MessageEvent<ConversationHostMessage>) => handle(event.data));
window.addEventListener('pagehide', () => composer?.flush());
interceptLinks((url) => post({ type: 'openExternal', url }));
post({ type: 'ready' });
