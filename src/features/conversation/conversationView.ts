// The Conversation view in the Feedback sidebar: a webview view that follows
// the item selected in the tree. The logic is in ConversationController.
import * as vscode from 'vscode';
import { Disposable } from '../../platform/disposable';
import { buildWebviewHtml, webviewResourceRoots } from '../../platform/webviewHtml';
import { CONVERSATION_VIEW_ID } from '../../shared/conversationProtocol';
import { describeError } from '../../platform/errorText';
import { ConversationController } from './conversationController';
import type { ConversationDeps } from './conversationController';
import { conversationStrings } from './conversationTexts';
import type { ReplyService } from './replyService';

export interface ConversationViewDeps {
  readonly extensionUri: vscode.Uri;
  readonly details: ConversationDeps['details'];
  readonly capabilities: ConversationDeps['capabilities'];
  readonly replies: ReplyService;
  readonly changeStatus: (itemId: string) => void;
  readonly items: ConversationDeps['items'];
  readonly log: (line: string) => void;
}

export class ConversationView extends Disposable implements vscode.WebviewViewProvider {
  readonly controller: ConversationController;
  private view: vscode.WebviewView | undefined;

  constructor(private readonly deps: ConversationViewDeps) {
    super();
    this.controller = new ConversationController({
      surface: {
        post: (message) => void this.view?.webview.postMessage(message),
        openExternal: (url) => void vscode.env.openExternal(vscode.Uri.parse(url, true)),
      },
      details: deps.details,
      capabilities: deps.capabilities,
      replies: deps.replies,
      changeStatus: deps.changeStatus,
      items: deps.items,
      texts: {
        locale: vscode.env.language,
        strings: conversationStrings(),
        notConnected: vscode.l10n.t('Not connected to a tracker. Connect, then retry.'),
        describeError,
      },
      log: deps.log,
    });
    this._register({ dispose: () => this.controller.dispose() });
    this._register(vscode.window.registerWebviewViewProvider(CONVERSATION_VIEW_ID, this));
  }

  /** Follows the item selected in the tree or opened. */
  follow(itemId: string | undefined): void {
    if (itemId !== undefined) {
      void this.controller.follow(itemId);
    }
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    view.webview.options = { enableScripts: true, enableCommandUris: false, localResourceRoots: webviewResourceRoots(this.deps.extensionUri) };
    const listeners = [
      view.webview.onDidReceiveMessage((message: unknown) => this.controller.receive(message)),
      view.onDidChangeVisibility(() => {
        if (!view.visible) {
          this.controller.hidden();
        }
      }),
    ];
    view.onDidDispose(() => {
      listeners.forEach((l) => l.dispose());
      this.controller.hidden();
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
