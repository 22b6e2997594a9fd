// The Feedback view: turns the rows of every connection's session, composed
// by core/multiTree.ts (today's rows for one connection, a root per
// connection, or Merge All) and worded by rowText.ts, into TreeItems. Data
// comes from the sessions only; no UI calls or I/O here beyond asking a
// session's store to refresh the first time the view shows it.
import * as vscode from 'vscode';
import { AWAITING_GROUP_KEY } from '../../core/awaitingReply';
import { formatItemRef } from '../../core/itemRef';
import type { Status } from '../../core/model';
import { ComposedTree } from '../../core/multiTree';
import type { ConnectionLists, MultiTreeNode } from '../../core/multiTree';
import type { FeedbackSession } from '../../core/session';
import type { FeedbackSessions } from '../../core/sessions';
import { pinnedChildren, pinnedGroupNode } from '../../core/pinnedGroups';
import type { PinnedGroup } from '../../core/pinnedGroups';
import type { DescribeError } from '../../core/treeModel';
import { groupChildren, rootNodes } from '../../core/treeModel';
import { rowText } from './rowText';
import type { RowText } from './rowText';

const STATUS_ICONS: Readonly<Record<Status, [string, string]>> = {
  open: ['circle-large-outline', 'charts.blue'],
  'under-review': ['eye', 'charts.yellow'],
  planned: ['milestone', 'charts.purple'],
  'in-progress': ['play-circle', 'charts.orange'],
  shipped: ['rocket', 'charts.green'],
  closed: ['circle-slash', 'disabledForeground'],
};

/** A stale row keeps its status shape but loses its colour, so staleness shows even when the description is cut off. */
export function statusIcon(status: Status, stale = false): vscode.ThemeIcon {
  const [icon, color] = STATUS_ICONS[status];
  return new vscode.ThemeIcon(icon, new vscode.ThemeColor(stale ? 'disabledForeground' : color));
}

export interface FeedbackTreeOptions {
  readonly describeError: DescribeError;
  /** How many commits link to an item of a connection, when known (commit links). */
  readonly linkCount?: (connectionId: string, itemId: string) => number;
  /** Groups shown above the others when they have rows (Awaiting Reply; close the loop's "Shipped, not yet announced"), of every connection. */
  readonly pinned?: () => readonly PinnedGroup[];
  /** Merge All: the view's toggle (one set of groups for every connection). */
  readonly mergeAll?: () => boolean;
}

/** What changed since the rows were last drawn: a connection's lists (its id), or what every row shows (link counts, the options). */
export interface RowsChange {
  readonly connectionId?: string;
  readonly all?: boolean;
}

/** How long redraws wait for VS Code to ask for the rows of a row opening (see rowOpened). */
const OPENING_WAIT_MS = 1_000;
/** VS Code draws the view on its own: the next rows it asks for, whichever, end the wait (see getChildren). */
const ANY_ROW = '';

export class FeedbackTreeProvider implements vscode.TreeDataProvider<MultiTreeNode> {
  private readonly changed = new vscode.EventEmitter<MultiTreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  /** Sessions whose lists the view asked for once (a new session is asked again when shown). */
  private requestedFirstLoad = new WeakSet<FeedbackSession>();
  /** The rows as last announced to VS Code (see refresh). */
  private shownKey: string | undefined;
  /**
   * Each session's rows as data (its lists' rows as one connection shows
   * them), kept until its store changes: with 30,000 items, writing every
   * connection's rows out on each change of one would cost more than the
   * drawing it spares. Every layout's rows are made from these and from what
   * the key adds (the layout, the names, the pinned groups).
   */
  private readonly rowsOf = new WeakMap<FeedbackSession, string>();
  /**
   * The rows as of the last refresh: the sessions' stores composed once per
   * change, not for every row VS Code asks about (Merge All merges each group
   * once; Awaiting Reply goes through every loaded item). Every change that
   * can move a row calls refresh().
   */
  private tree: ComposedTree | undefined;
  private pinnedNow: readonly PinnedGroup[] | undefined;

  constructor(
    private readonly sessions: FeedbackSessions,
    private readonly options: FeedbackTreeOptions,
  ) {}

  /**
   * Called when a store changes or the connections do: tells VS Code to draw
   * the rows again, only when they would differ. A redraw makes VS Code ask
   * for every expanded group again, restarting a drawing still under way, so
   * a change nobody can see (a refresh starting, an answer equal to what is
   * shown) must not cause one: the first rows would wait for it.
   */
  refresh(change: RowsChange = {}): void {
    this.tree = undefined;
    this.pinnedNow = undefined;
    for (const { id, session } of this.sessions.list()) {
      if (change.all || change.connectionId === id) {
        this.rowsOf.delete(session);
      }
    }
    if (this.opening !== undefined) {
      this.redrawHeld = true;
      return;
    }
    const key = this.rowsKey();
    if (key !== this.shownKey) {
      this.shownKey = key;
      this.redrawAnnounced = true;
      this.changed.fire(undefined);
    }
  }

  /**
   * A row opens (the user opened a group or a connection's root; ANY_ROW:
   * VS Code draws the view on its own and opens the groups open by default):
   * redraws wait until VS Code has asked for its children. A redraw reaching
   * VS Code while a row's children are on their way cancels their load, and
   * VS Code then closes the row again (its AsyncDataTree collapses a node
   * whose children load was cancelled): the user's click undone, or Open shown
   * closed. VS Code says a row opened before it asks for the children, and its
   * redraws come after our answer, in order. It may show children it kept
   * from before without asking: then the wait ends after a second.
   */
  rowOpened(id: string): void {
    this.opening = id;
    clearTimeout(this.openingTimeout);
    this.openingTimeout = setTimeout(() => this.childrenAsked(id), OPENING_WAIT_MS);
  }

  /** The row whose children VS Code is about to ask for (ANY_ROW: the first it asks for), while redraws wait. */
  private opening: string | undefined;
  /** A redraw was announced and VS Code has not asked for the roots since: its next ask is that redraw's. */
  private redrawAnnounced = false;
  private openingTimeout: ReturnType<typeof setTimeout> | undefined;
  /** A redraw asked for while a row was opening: made once VS Code has asked for the row's children. */
  private redrawHeld = false;

  private childrenAsked(id: string): void {
    if (this.opening === undefined || (this.opening !== id && this.opening !== ANY_ROW)) {
      return;
    }
    this.opening = undefined;
    clearTimeout(this.openingTimeout);
    if (this.redrawHeld) {
      this.redrawHeld = false;
      // Not from inside getChildren: VS Code is still taking the answer.
      setTimeout(() => this.refresh(), 0);
    }
  }

  /** The connections changed: the next time the view asks, every session not yet loaded is. */
  resetFirstLoad(): void {
    this.requestedFirstLoad = new WeakSet();
  }

  getChildren(node?: MultiTreeNode): MultiTreeNode[] {
    if (this.sessions.size === 0) {
      return [];
    }
    if (!node) {
      const ownDrawing = !this.redrawAnnounced;
      this.redrawAnnounced = false;
      this.loadOnFirstShow();
      const roots = this.roots();
      // VS Code draws the view on its own (shown for the first time, or again): its next asks are for the
      // rows of the groups open by default, and a redraw crossing them would close them (see rowOpened).
      // The redraws we announce are drawn one after the other, never across each other.
      if (ownDrawing && this.opening === undefined && roots.some((root) => collapsibleState(root) === vscode.TreeItemCollapsibleState.Expanded)) {
        this.rowOpened(ANY_ROW);
      }
      return roots;
    }
    this.childrenAsked(node.id);
    return this.childrenOf(node);
  }

  private childrenOf(node: MultiTreeNode): MultiTreeNode[] {
    const pinned = node.kind === 'group' && node.connection === undefined ? this.pinnedGroups().find((group) => group.key === node.key) : undefined;
    if (pinned) {
      return pinnedChildren(pinned, {
        single: this.sessions.size === 1,
        stale: (connectionId) => this.sessions.get(connectionId)?.store.stale ?? false,
        linkCount: this.options.linkCount,
        isPending: (connectionId, itemId) => this.sessions.get(connectionId)?.store.isPending(itemId) ?? false,
      });
    }
    return this.composed().children(node);
  }

  getTreeItem(node: MultiTreeNode): vscode.TreeItem {
    // Merge All's rows and the pinned groups' gather several connections: each names its own.
    const nameConnection = this.composed().layout === 'merged' || this.pinnedGroups().some((group) => node.id.startsWith(`${group.key}/`));
    const item = toTreeItem(node, rowText(node, { nameConnection }), (row) => this.keyOf(row));
    item.id = node.id;
    return item;
  }

  /** An item row's key, the ref its commands take: its connection's, or (one connection: rows name none) that one's. */
  keyOf(node: MultiTreeNode & { kind: 'item' }): string {
    const connectionId = node.connection?.id ?? this.sessions.list()[0]?.id;
    return connectionId === undefined ? node.item.id : formatItemRef({ connection: connectionId, id: node.item.id });
  }

  dispose(): void {
    clearTimeout(this.openingTimeout);
    this.changed.dispose();
  }

  /** The rows about the whole view (its errors, filter, unreadable items) first, then the pinned groups, then the rest. */
  private roots(): MultiTreeNode[] {
    const nodes = this.composed().roots();
    const afterNotices = nodes.findIndex((node) => node.kind !== 'error' && node.kind !== 'filter' && node.kind !== 'rejected');
    const at = afterNotices < 0 ? nodes.length : afterNotices;
    return [...nodes.slice(0, at), ...this.pinnedNodes(), ...nodes.slice(at)];
  }

  private composed(): ComposedTree {
    this.tree ??= new ComposedTree(
      this.sessions.list().map(({ id, name, session }): ConnectionLists => ({ connection: { id, name }, store: session.store, linkCount: this.linkCountOf(id) })),
      { mergeAll: this.options.mergeAll?.() ?? false, describeError: this.options.describeError },
    );
    return this.tree;
  }

  private linkCountOf(connectionId: string | undefined): ((itemId: string) => number) | undefined {
    const count = this.options.linkCount;
    return count && connectionId !== undefined ? (itemId) => count(connectionId, itemId) : undefined;
  }

  private pinnedGroups(): readonly PinnedGroup[] {
    return (this.pinnedNow ??= this.options.pinned?.() ?? []);
  }

  private pinnedNodes(): MultiTreeNode[] {
    const stale = (connectionId: string): boolean => this.sessions.get(connectionId)?.store.stale ?? false;
    return this.pinnedGroups()
      .filter((group) => group.rows.length > 0)
      .map((group) => pinnedGroupNode(group, stale));
  }

  /**
   * Every row the view can show, as data (a TreeItem is made from its node
   * alone): the layout and the connections' names and order, the pinned
   * groups with their rows, and each connection's rows (see rowsOf).
   */
  private rowsKey(): string {
    if (this.sessions.size === 0) {
      return '';
    }
    const pinned = this.pinnedNodes().map((node) => [node, node.kind === 'group' ? this.childrenOf(node) : []]);
    const connections = this.sessions.list().map(({ id, name }) => [id, name]);
    return JSON.stringify([this.composed().layout, connections, pinned]) + this.sessions.list().map((entry) => this.connectionRows(entry.id, entry.session)).join('');
  }

  private connectionRows(connectionId: string, session: FeedbackSession): string {
    let rows = this.rowsOf.get(session);
    if (rows === undefined) {
      const { store } = session;
      const linkCount = this.linkCountOf(connectionId);
      const pending = (itemId: string): boolean => store.isPending(itemId);
      const groups = store.groups().map((group) => groupChildren(group, store.stale, this.options.describeError, linkCount, pending));
      rows = JSON.stringify([rootNodes(store, this.options.describeError), groups]);
      this.rowsOf.set(session, rows);
    }
    return rows;
  }

  private loadOnFirstShow(): void {
    for (const { session } of this.sessions.list()) {
      const store = session.store;
      // Rows from the offline snapshot are shown at once; the tracker is still asked.
      if (!this.requestedFirstLoad.has(session) && (!store.lastSyncedAt || store.fromSnapshot) && !store.isRefreshing) {
        this.requestedFirstLoad.add(session);
        void store.refresh();
      }
    }
  }
}

function toTreeItem(node: MultiTreeNode, text: RowText, keyOf: (row: MultiTreeNode & { kind: 'item' }) => string): vscode.TreeItem {
  const item = new vscode.TreeItem(text.label, collapsibleState(node));
  item.description = text.description;
  item.tooltip = text.tooltip;
  if (text.accessibleName !== undefined) {
    item.accessibilityInformation = { label: text.accessibleName };
  }
  // A row under a connection's root (or naming it in Merge All) acts on that connection.
  const connectionId = node.kind !== 'connection' ? node.connection?.id : node.id;
  switch (node.kind) {
    case 'connection':
      item.iconPath =
        node.state.kind === 'error'
          ? new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'))
          : new vscode.ThemeIcon(node.state.kind === 'loading' ? 'loading~spin' : 'plug');
      item.contextValue = node.state.kind === 'error' ? 'connection:error' : 'connection';
      return item;
    case 'error':
      item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
      item.command = { command: 'feedbackLoop.refresh', title: vscode.l10n.t('Retry'), arguments: connectionId === undefined ? [] : [connectionId] };
      item.contextValue = 'error';
      return item;
    case 'filter':
      item.iconPath = new vscode.ThemeIcon('filter-filled');
      item.command = { command: 'feedbackLoop.clearFilter', title: vscode.l10n.t('Clear Filter') };
      item.contextValue = 'filter';
      return item;
    case 'rejected':
      item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));
      item.command = { command: 'feedbackLoop.showLog', title: vscode.l10n.t('Show Log') };
      return item;
    case 'loading':
      item.iconPath = new vscode.ThemeIcon('loading~spin');
      return item;
    case 'empty':
      item.iconPath = new vscode.ThemeIcon('info');
      return item;
    case 'group':
      item.iconPath = node.name.kind === 'status' ? statusIcon(node.name.status) : new vscode.ThemeIcon(groupIcon(node.key));
      item.contextValue = 'group';
      return item;
    case 'item':
      // Customer text: shown as text, never as markdown.
      item.tooltip = new vscode.MarkdownString().appendText(text.tooltip ?? '');
      // A change not yet confirmed shows as one: a spinning icon, and why in the hover.
      item.iconPath = node.pending ? new vscode.ThemeIcon('sync~spin') : statusIcon(node.item.status, node.stale);
      item.command = { command: 'feedbackLoop.openItem', title: vscode.l10n.t('Open Item'), arguments: [keyOf(node)] };
      item.contextValue = node.item.url ? 'item:hasUrl' : 'item';
      return item;
    case 'loadMore':
      item.iconPath = new vscode.ThemeIcon(node.loading ? 'loading~spin' : node.error ? 'error' : 'more');
      item.command = node.loading ? undefined : { command: 'feedbackLoop.loadMore', title: text.label, arguments: connectionId === undefined ? [node.groupKey] : [node.groupKey, connectionId] };
      item.contextValue = 'loadMore';
      return item;
  }
}

function groupIcon(key: string): string {
  if (key === AWAITING_GROUP_KEY) {
    return 'comment-unresolved';
  }
  return key.startsWith('tag:') ? 'tag' : key.startsWith('closeLoop:') ? 'megaphone' : 'organization';
}

/**
 * Groups and connections' roots open, but Awaiting Reply starts closed: it
 * can hold every loaded item and would push the ranked groups out of sight;
 * its count shows what waits, and VS Code remembers it opened.
 */
function collapsibleState(node: MultiTreeNode): vscode.TreeItemCollapsibleState {
  if (node.kind === 'connection') {
    return vscode.TreeItemCollapsibleState.Expanded;
  }
  if (node.kind !== 'group') {
    return vscode.TreeItemCollapsibleState.None;
  }
  return node.key === AWAITING_GROUP_KEY ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.Expanded;
}
