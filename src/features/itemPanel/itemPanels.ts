// The item panels: one webview panel per feedback item (opening it again
// reveals it), restored after a window reload, refreshed when the tree loads
// a newer version of the item. As VS Code's preview editors do (and only when
// `workbench.editor.enablePreview` is on), the panel last opened is reused
// for the next item until the user works in it: a row click then shows the
// next item in a page already loaded, instead of building a new webview.
// Part of the lazy bundle dist/itemPanel.js, with the panel's controller:
// itemPanelManager.ts loads it when the first panel opens or is restored.
import * as vscode from 'vscode';
import type { ItemSummary } from '../../core/model';
import { Disposable } from '../../platform/disposable';
import { buildWebviewHtml, webviewOptions } from '../../platform/webviewHtml';
import { ITEM_PANEL_VIEW_TYPE } from '../../shared/webviewIds';
import { ItemPanelController, readPanelState } from './itemPanelController';
import type { PanelSurface } from './itemPanelController';
import type { ItemPanelManagerDeps } from './itemPanelManager';
import { panelTitle } from '../../platform/panelData';
import { panelTexts } from './panelTexts';

interface OpenPanel {
  readonly panel: vscode.WebviewPanel;
  /** The item shown; replaced when a preview panel is reused for another item. */
  controller: ItemPanelController;
  /** Reused for the next item opened, until the user works in it (composer, links, actions). */
  preview: boolean;
}

/** Messages that only show the item: the panel stays a preview. Anything else is the user working in it. */
const VIEWING_MESSAGES: ReadonlySet<string> = new Set(['ready', 'retry']);

export class ItemPanels extends Disposable {
  private readonly panels = new Map<string, OpenPanel>();

  constructor(private readonly deps: ItemPanelManagerDeps) {
    super();
  }

  /** Shows the item's panel, creating it if needed; resolves once its first fetch ended. */
  async open(itemId: string): Promise<void> {
    if (this.isDisposed) {
      return;
    }
    const existing = this.panels.get(itemId);
    if (existing) {
      existing.panel.reveal();
      return;
    }
    const preview = vscode.workspace.getConfiguration('workbench.editor').get<boolean>('enablePreview', true);
    const reusable = preview ? [...this.panels.values()].find((open) => open.preview) : undefined;
    if (reusable) {
      return this.retarget(reusable, itemId);
    }
    const panel = vscode.window.createWebviewPanel(
      ITEM_PANEL_VIEW_TYPE,
      panelTitle(this.deps.items.findItem(itemId)?.title ?? vscode.l10n.t('Feedback item {0}', this.deps.displayId(itemId)), this.deps.displayId(itemId)),
      vscode.ViewColumn.Active,
      webviewOptions(this.deps.extensionUri),
    );
    await this.attach(itemId, panel, preview);
  }

  /** Shows `itemId` in a preview panel's page, already loaded: no new webview. */
  private retarget(open: OpenPanel, itemId: string): Promise<void> {
    this.panels.delete(open.controller.itemId);
    open.controller.dispose();
    open.controller = this.controllerFor(itemId, open.panel);
    this.panels.set(itemId, open);
    open.panel.reveal();
    // The page is there (or comes back on reveal and says `ready` itself): it takes the new item's texts and state.
    if (open.panel.visible) {
      open.controller.receive({ type: 'ready' });
    }
    return open.controller.load();
  }

  /** After a connection's lists loaded (its items, by key): panels whose item changed (or never loaded) fetch again. */
  onItemsRefreshed(items: readonly { readonly key: string; readonly item: ItemSummary }[]): void {
    for (const { key, item } of items) {
      this.panels.get(key)?.controller.refreshIfChanged(item.updatedAt);
    }
  }

  /** Something shown beside the item changed (its linked commits, named by the tracker's id): its panels, or every panel, fetch again. */
  reload(itemId?: string): void {
    for (const [key, panel] of this.panels) {
      if (itemId === undefined || this.deps.displayId(key) === itemId) {
        void panel.controller.load();
      }
    }
  }

  override dispose(): void {
    for (const { panel } of [...this.panels.values()]) {
      panel.dispose();
    }
    this.panels.clear();
    super.dispose();
  }

  /** A panel VS Code kept over a window reload (the serializer's, registered by itemPanelManager.ts). */
  async restore(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    // The state was written by a webview page: validate it like any input.
    const parsed = readPanelState(state);
    if ('problem' in parsed || this.isDisposed) {
      const why = 'problem' in parsed ? parsed.problem : 'the extension is shutting down';
      this.deps.log(`Item panel: not restored (${why})`);
      panel.dispose();
      return;
    }
    const { itemId } = parsed;
    if (this.panels.has(itemId)) {
      panel.dispose(); // one panel per item, even when a reload restores two
      return;
    }
    panel.webview.options = webviewOptions(this.deps.extensionUri);
    await this.attach(itemId, panel, false); // restored: the user kept it
  }

  private attach(itemId: string, panel: vscode.WebviewPanel, preview: boolean): Promise<void> {
    panel.iconPath = vscode.Uri.joinPath(this.deps.extensionUri, 'media', 'feedback-loop.svg');
    const open: OpenPanel = { panel, controller: this.controllerFor(itemId, panel), preview };
    // Listen before setting the HTML, so the page's `ready` cannot be missed.
    const listeners = [
      panel.webview.onDidReceiveMessage((message: unknown) => {
        const type = (message as { type?: unknown } | null)?.type;
        open.preview &&= typeof type === 'string' && VIEWING_MESSAGES.has(type);
        open.controller.receive(message);
      }),
      panel.onDidChangeViewState(({ webviewPanel }) => {
        if (!webviewPanel.visible) {
          open.controller.hidden();
        }
      }),
    ];
    panel.onDidDispose(() => {
      open.controller.dispose();
      listeners.forEach((l) => l.dispose());
      const itemId = open.controller.itemId;
      if (this.panels.get(itemId)?.panel === panel) {
        this.panels.delete(itemId);
      }
    });
    panel.webview.html = buildWebviewHtml({
      webview: panel.webview,
      extensionUri: this.deps.extensionUri,
      bundle: 'itemPanel',
      title: vscode.l10n.t('Feedback item'),
    });
    this.panels.set(itemId, open);
    return open.controller.load();
  }

  private controllerFor(itemId: string, panel: vscode.WebviewPanel): ItemPanelController {
    const surface: PanelSurface = {
      post: (message) => {
        void panel.webview.postMessage(message);
      },
      setTitle: (title) => {
        panel.title = title;
      },
      openExternal: (url) => {
        void vscode.env.openExternal(vscode.Uri.parse(url, true));
      },
    };
    return new ItemPanelController(itemId, {
      surface,
      details: this.deps.details,
      items: this.deps.items,
      capabilities: this.deps.capabilities,
      log: this.deps.log,
      texts: panelTexts(),
      tradeOffs: this.deps.tradeOffs,
      openLocation: this.deps.openLocation,
      linkedCommits: this.deps.linkedCommits,
      openCommit: this.deps.openCommit,
      linkPastCommit: this.deps.linkPastCommit,
      composer: this.deps.composer,
    });
  }
}
