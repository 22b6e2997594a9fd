// The Conversation view in the Feedback sidebar: a webview view that follows
// the item selected in the tree. The logic is in ConversationController, the
// lazy bundle dist/conversation.js, loaded when the view is first shown or an
// item is first followed; until then what it is asked to do waits, in order.
import * as vscode from 'vscode';
import { Disposable } from '../../platform/disposable';
import { buildWebviewHtml, webviewResourceRoots } from '../../platform/webviewHtml';
import { CONVERSATION_VIEW_ID } from '../../shared/webviewIds';
import { describeError } from '../../platform/errorText';
import type { ConversationController, ConversationDeps } from './conversationController';
import { conversationStrings } from './conversationTexts';
import type { ReplyService } from './replyService';

export interface ConversationViewDeps {
  readonly extensionUri: vscode.Uri;
  readonly details: ConversationDeps['details'];
  readonly capabilities: ConversationDeps['capabilities'];
  readonly displayId?: ConversationDeps['displayId'];
  readonly replies: ReplyService;
  readonly changeStatus: (itemId: string) => void;
  readonly items: ConversationDeps['items'];
  readonly log: (line: string) => void;
}

export class ConversationView extends Disposable implements vscode.WebviewViewProvider {
  private loaded: Promise<ConversationController> | undefined;
  private view: vscode.WebviewView | undefined;

  constructor(private readonly deps: ConversationViewDeps) {
    super();
    this._register({ dispose: () => void this.loaded?.then((controller) => controller.dispose(), () => undefined) });
    this._register(vscode.window.registerWebviewViewProvider(CONVERSATION_VIEW_ID, this));
  }

  /** Follows the item selected in the tree or opened (its key). */
  follow(itemId: string | undefined): void {
    if (itemId !== undefined) {
      this.withController((controller) => void controller.follow(itemId));
    }
  }

  /** Runs `use` once the controller is loaded; every call waits on the same load, so they run in the order made. */
  private withController(use: (controller: ConversationController) => void): void {
    this.loaded ??= this.load();
    this.loaded.then(
      (controller) => this.isDisposed || use(controller),
      (error: unknown) => {
        this.loaded = undefined; // tried again by the next call
        this.deps.log(`Conversation: could not load the view (${error instanceof Error ? error.message : String(error)})`);
      },
    );
  }

  private async load(): Promise<ConversationController> {
    const { ConversationController } = await import('./conversationController');
    return new ConversationController({
      surface: {
        post: (message) => void this.view?.webview.postMessage(message),
        openExternal: (url) => void vscode.env.openExternal(vscode.Uri.parse(url, true)),
      },
      details: this.deps.details,
      capabilities: this.deps.capabilities,
      displayId: this.deps.displayId,
      replies: this.deps.replies,
      changeStatus: this.deps.changeStatus,
      items: this.deps.items,
      texts: {
        locale: vscode.env.language,
        strings: conversationStrings(),
        notConnected: vscode.l10n.t('Not connected to a tracker. Connect, then retry.'),
        describeError,
      },
      log: this.deps.log,
    });
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    view.webview.options = { enableScripts: true, enableCommandUris: false, localResourceRoots: webviewResourceRoots(this.deps.extensionUri) };
    const listeners = [
      view.webview.onDidReceiveMessage((message: unknown) => this.withController((controller) => controller.receive(message))),
      view.onDidChangeVisibility(() => {
        if (!view.visible) {
          this.withController((controller) => controller.hidden());
        }
      }),
    ];
    view.onDidDispose(() => {
      listeners.forEach((l) => l.dispose());
      this.withController((controller) => controller.hidden());
      this.view = undefined;
    });
    view.webview.html = buildWebviewHtml({
      webview: view.webview,
      extensionUri: this.deps.extensionUri,
      bundle: 'conversation',
      title: vscode.l10n.t('Conversation'),
    });
  }
}
