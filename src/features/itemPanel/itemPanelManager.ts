// The item panels: one webview panel per feedback item (opening it again
// reveals it), restored after a window reload, refreshed when the tree loads
// a newer version of the item.
import * as vscode from 'vscode';
import type { ItemSummary } from '../../core/model';
import { describeIssues } from '../../core/validation';
import { Disposable } from '../../platform/disposable';
import { buildWebviewHtml, webviewOptions } from '../../platform/webviewHtml';
import { ITEM_PANEL_VIEW_TYPE, panelStateSchema } from '../../shared/itemPanelProtocol';
import { ItemPanelController } from './itemPanelController';
import type { ItemPanelControllerDeps, PanelSurface } from './itemPanelController';
import { panelTitle } from '../../platform/panelData';
import { panelTexts } from './panelTexts';

export interface ItemPanelManagerDeps {
  readonly extensionUri: vscode.Uri;
  readonly details: ItemPanelControllerDeps['details'];
  readonly items: ItemPanelControllerDeps['items'];
  readonly capabilities: ItemPanelControllerDeps['capabilities'];
  readonly log: (line: string) => void;
  readonly tradeOffs?: ItemPanelControllerDeps['tradeOffs'];
  readonly openLocation?: ItemPanelControllerDeps['openLocation'];
  readonly linkedCommits?: ItemPanelControllerDeps['linkedCommits'];
  readonly openCommit?: ItemPanelControllerDeps['openCommit'];
  readonly linkPastCommit?: ItemPanelControllerDeps['linkPastCommit'];
  readonly composer?: ItemPanelControllerDeps['composer'];
}

interface OpenPanel {
  readonly panel: vscode.WebviewPanel;
  readonly controller: ItemPanelController;
}

export class ItemPanelManager extends Disposable {
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
    const panel = vscode.window.createWebviewPanel(
      ITEM_PANEL_VIEW_TYPE,
      panelTitle(vscode.l10n.t('Feedback item {0}', itemId), itemId),
      vscode.ViewColumn.Active,
      webviewOptions(this.deps.extensionUri),
    );
    await this.attach(itemId, panel);
  }

  /** After the tree loaded items: panels whose item changed (or never loaded) fetch again. */
  onItemsRefreshed(items: readonly ItemSummary[]): void {
    for (const item of items) {
      this.panels.get(item.id)?.controller.refreshIfChanged(item.updatedAt);
    }
  }

  /** Something shown beside the item changed (its linked commits): the panel of `itemId`, or every panel, fetches again. */
  reload(itemId?: string): void {
    for (const [id, panel] of this.panels) {
      if (itemId === undefined || id === itemId) {
        void panel.controller.load();
      }
    }
  }

  /** Registers the serializer that brings panels back after a window reload. */
  register(): vscode.Disposable {
    return this._register(
      vscode.window.registerWebviewPanelSerializer(ITEM_PANEL_VIEW_TYPE, {
        deserializeWebviewPanel: (panel, state) => this.restore(panel, state),
      }),
    );
  }

  override dispose(): void {
    for (const { panel } of [...this.panels.values()]) {
      panel.dispose();
    }
    this.panels.clear();
    super.dispose();
  }

  private async restore(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    // The state was written by a webview page: validate it like any input.
    const parsed = panelStateSchema.safeParse(state);
    if (!parsed.success || this.isDisposed) {
      const why = parsed.success ? 'the extension is shutting down' : describeIssues(parsed.error).join('; ');
      this.deps.log(`Item panel: not restored (${why})`);
      panel.dispose();
      return;
    }
    const { itemId } = parsed.data;
    if (this.panels.has(itemId)) {
      panel.dispose(); // one panel per item, even when a reload restores two
      return;
    }
    panel.webview.options = webviewOptions(this.deps.extensionUri);
    await this.attach(itemId, panel);
  }

  private attach(itemId: string, panel: vscode.WebviewPanel): Promise<void> {
    panel.iconPath = vscode.Uri.joinPath(this.deps.extensionUri, 'media', 'feedback-loop.svg');
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
    const controller = new ItemPanelController(itemId, {
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
    // Listen before setting the HTML, so the page's `ready` cannot be missed.
    const listeners = [
      panel.webview.onDidReceiveMessage((message: unknown) => controller.receive(message)),
      panel.onDidChangeViewState(({ webviewPanel }) => {
        if (!webviewPanel.visible) {
          controller.hidden();
        }
      }),
    ];
    panel.onDidDispose(() => {
      controller.dispose();
      listeners.forEach((l) => l.dispose());
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
    this.panels.set(itemId, { panel, controller });
    return controller.load();
  }
}
