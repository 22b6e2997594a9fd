// The item panels as the composition root sees them: open one, bring panels
// back after a window reload, tell them the tree loaded newer items. What the
// panels do (itemPanels.ts, the controller, their texts) is the lazy bundle
// dist/itemPanel.js, loaded when the first panel opens or is restored: until
// then there is no panel to tell anything.
import * as vscode from 'vscode';
import type { ItemSummary } from '../../core/model';
import { Disposable } from '../../platform/disposable';
import { ITEM_PANEL_VIEW_TYPE } from '../../shared/webviewIds';
import type { ItemPanelControllerDeps } from './itemPanelController';
import type { ItemPanels } from './itemPanels';

export interface ItemPanelManagerDeps {
  readonly extensionUri: vscode.Uri;
  readonly details: ItemPanelControllerDeps['details'];
  readonly items: ItemPanelControllerDeps['items'];
  readonly capabilities: ItemPanelControllerDeps['capabilities'];
  /** The tracker's id of the item a key names, as a user reads it (a panel is opened by key: a ref). */
  readonly displayId: (key: string) => string;
  readonly log: (line: string) => void;
  readonly tradeOffs?: ItemPanelControllerDeps['tradeOffs'];
  readonly openLocation?: ItemPanelControllerDeps['openLocation'];
  readonly linkedCommits?: ItemPanelControllerDeps['linkedCommits'];
  readonly openCommit?: ItemPanelControllerDeps['openCommit'];
  readonly linkPastCommit?: ItemPanelControllerDeps['linkPastCommit'];
  readonly composer?: ItemPanelControllerDeps['composer'];
}

export class ItemPanelManager extends Disposable {
  private loading: Promise<ItemPanels> | undefined;
  private panels: ItemPanels | undefined;

  constructor(private readonly deps: ItemPanelManagerDeps) {
    super();
  }

  /** Shows the panel of the item of this key, creating it if needed; resolves once its first fetch ended. */
  async open(key: string): Promise<void> {
    await (await this.load()).open(key);
  }

  /** After a connection's lists loaded (its items, by key): panels whose item changed (or never loaded) fetch again. */
  onItemsRefreshed(items: readonly { readonly key: string; readonly item: ItemSummary }[]): void {
    this.panels?.onItemsRefreshed(items);
  }

  /** Something shown beside the item changed (its linked commits, named by the tracker's id): its panels, or every panel, fetch again. */
  reload(itemId?: string): void {
    this.panels?.reload(itemId);
  }

  /** Registers the serializer that brings panels back after a window reload. */
  register(): vscode.Disposable {
    return this._register(
      vscode.window.registerWebviewPanelSerializer(ITEM_PANEL_VIEW_TYPE, {
        deserializeWebviewPanel: async (panel, state) => (await this.load()).restore(panel, state),
      }),
    );
  }

  /** Loads the panels' bundle once (a failed load is tried again next time); the panels live as long as this. */
  private load(): Promise<ItemPanels> {
    this.loading ??= import('./itemPanels').then(
      ({ ItemPanels }) => (this.panels = this._register(new ItemPanels(this.deps))),
      (error: unknown) => {
        this.loading = undefined;
        throw error;
      },
    );
    return this.loading;
  }
}
