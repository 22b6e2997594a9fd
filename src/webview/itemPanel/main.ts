// The item panel's script: receives the host's messages, renders them, and
// turns clicks on links into `openExternal` requests (the page itself never
// navigates). Types only from the protocol: zod stays out of this bundle.
import createDOMPurify from 'dompurify';
import type {
  HostMessage,
  InitMessage,
  ItemMessage,
  PanelState,
  WebviewMessage,
} from '../../shared/itemPanelProtocol';
import { el } from './dom';
import { createMarkdownRenderer, interceptLinks } from './markdown';
import type { RenderContext } from './render';
import { renderError, renderItem, renderLoading, renderStaleBanner } from './render';
import { renderTradeOffs } from './renderTradeOffs';
import { renderLinkedCommits } from './renderLinkedCommits';
import { PanelComposerView } from './panelComposer';

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  setState(state: PanelState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const markdown = createMarkdownRenderer(createDOMPurify(window));
const root = document.getElementById('root') ?? document.body;

let context: RenderContext | undefined;
let hasContent = false;
let composer: PanelComposerView | undefined;
const progress = el('div', 'progress');
progress.hidden = true;

function post(message: WebviewMessage): void {
  vscode.postMessage(message);
}

function handle(message: HostMessage): void {
  switch (message.type) {
    case 'init':
      return init(message);
    case 'loading':
      return showLoading();
    case 'item':
      return showItem(message);
    case 'error':
      return showError(message.message);
    case 'composer':
      if (composer && context) {
        composer.update(message, context.strings);
        placeComposer();
      }
      return;
    case 'draftSaved':
      return composer?.draftSaved(message.itemId, message.body);
    default: {
      const unknown: never = message;
      console.warn('Unknown message from the host', unknown);
    }
  }
}

function init(message: InitMessage): void {
  // A preview panel is reused for the next item: the last item's draft is kept, its view cleared.
  composer?.flush();
  hasContent = false;
  root.replaceChildren(progress);
  window.scrollTo(0, 0);
  vscode.setState({ itemId: message.itemId });
  context = {
    strings: message.strings,
    locale: message.locale,
    markdown,
    openExternal: (url) => post({ type: 'openExternal', url }),
    retry: () => post({ type: 'retry' }),
  };
  document.documentElement.lang = message.locale;
  composer = new PanelComposerView(message.itemId, markdown, post);
}

/** Under the thread, once there is an item (not under a loading or error state). */
function placeComposer(): void {
  if (composer && hasContent && composer.element.parentNode !== root) {
    root.append(composer.element);
  }
}

function showLoading(): void {
  if (!context) {
    return;
  }
  if (hasContent) {
    // Keep what the user is reading; a thin bar says a refresh is on its way.
    progress.hidden = false;
    progress.title = context.strings.refreshing;
  } else {
    replace(renderLoading(context));
  }
}

function showItem(message: ItemMessage): void {
  if (!context) {
    return;
  }
  const scroll = window.scrollY;
  const article = renderItem(context, message.item, message.comments, new Set(message.loading), message.statusPending);
  const tradeOffs = renderTradeOffs({ ...context, openLocation: (path, line) => post({ type: 'openLocation', path, line }) }, message.tradeoffs);
  if (tradeOffs) {
    article.insertBefore(tradeOffs, article.querySelector('section.comments'));
  }
  const linked = renderLinkedCommits(
    { ...context, openCommit: (root, sha) => post({ type: 'openCommit', root, sha }), linkPastCommit: () => post({ type: 'linkPastCommit' }) },
    message.links,
  );
  if (linked) {
    article.insertBefore(linked, article.querySelector('section.comments'));
  }
  if (message.stale) {
    article.prepend(renderStaleBanner(context, message.stale.message));
  }
  replace(article);
  hasContent = true;
  placeComposer(); // the same composer node: what is being typed stays
  window.scrollTo(0, scroll);
}

function showError(text: string): void {
  if (!context) {
    return;
  }
  replace(renderError(context, text));
  hasContent = false;
}

function replace(view: HTMLElement): void {
  progress.hidden = true;
  root.replaceChildren(progress, view);
}

window.addEventListener('message', (event: MessageEvent<HostMessage>) => handle(event.data));
window.addEventListener('pagehide', () => composer?.flush());
interceptLinks((url) => post({ type: 'openExternal', url }));
post({ type: 'ready' });
