// The composition root: builds the services, registers the features, nothing
// else. activate() does no network I/O; the view loads when it is shown.
import * as vscode from 'vscode';
import { FeedbackStore } from './core/feedbackStore';
import type { ItemSource } from './core/feedbackStore';
import type { FeedbackLoopApi } from './api';
import { describeTrackerError } from './trackers/tracker';
import { Log } from './platform/log';
import { ConnectionManager } from './features/connection/connectionManager';
import { registerConnectionCommands } from './features/connection/connectionCommands';
import { FeedbackTree, rememberedViewOptions } from './features/feedbackTree/feedbackTree';
import { ItemPanelManager } from './features/itemPanel/itemPanelManager';
import { registerItemCommands } from './features/feedbackTree/itemCommands';
import { OfflineSnapshot } from './features/feedbackTree/offlineSnapshot';
import { CommitLinks } from './features/commitLinks/commitLinks';
import { TradeOffs } from './features/tradeoffs/tradeoffs';
import { Writes } from './features/conversation/writes';
import { ConversationView } from './features/conversation/conversationView';
import { CloseLoop } from './features/closeLoop/closeLoop';

export function activate(context: vscode.ExtensionContext): FeedbackLoopApi {
  const log = new Log();
  context.subscriptions.push(log);

  const connection = new ConnectionManager(context, log);
  context.subscriptions.push(connection);

  const store = new FeedbackStore(rememberedViewOptions(context.workspaceState));
  context.subscriptions.push({ dispose: () => store.dispose() });
  const source: ItemSource = {
    // Named in errors the view shows (a tracker that pages without end, say).
    get name() {
      return connection.current?.label;
    },
    listItems: async (query) => {
      const tracker = await connection.current?.tracker();
      if (!tracker) {
        throw new Error(vscode.l10n.t('No tracker is connected.'));
      }
      return tracker.listItems(query);
    },
    // A background refresh asks "anything newer?" first where the tracker can answer it (issue 12).
    supportsUpdatedSince: async () => {
      const tracker = await connection.current?.tracker();
      return tracker !== undefined && tracker.capabilities.updatedSince !== false;
    },
  };

  // Linked-commit counts on the rows come from commit links, built below; the tree asks only once shown.
  const tree = new FeedbackTree(
    store,
    context.workspaceState,
    describeTrackerError,
    (itemId) => commitLinks.linkCounts().get(itemId) ?? 0,
    () => closeLoop.group(),
  );
  context.subscriptions.push(tree);

  // Every write (replies, status changes, links, trade-offs) goes through this outbox.
  const writes = new Writes({ context, connection: () => connection.current, log: (line) => log.info(line), store });
  context.subscriptions.push(writes);
  const conversation = new ConversationView({
    extensionUri: context.extensionUri,
    getTracker: () => connection.current?.tracker(),
    replies: writes.replies,
    changeStatus: (itemId) => void writes.changeStatus(itemId),
    items: store,
    log: (line) => log.info(line),
  });
  context.subscriptions.push(conversation, tree.onDidSelectItem((itemId) => conversation.follow(itemId)));

  // Close the loop: offers to tell customers when linked work ships; its composer adds the status change.
  const closeLoop = new CloseLoop({
    context,
    store,
    connection: () => connection.current,
    outbox: writes.outbox,
    openItem: (itemId): Promise<void> => panels.open(itemId),
    log: (line) => log.info(line),
  });
  context.subscriptions.push(closeLoop, closeLoop.onDidChange(() => tree.redraw()));

  const panels = new ItemPanelManager({
    extensionUri: context.extensionUri,
    getTracker: () => connection.current?.tracker(),
    log: (line) => log.info(line),
    tradeOffs: (itemId, fromTracker) => tradeOffs.panelTradeOffs(itemId, fromTracker),
    openLocation: (path, line) => tradeOffs.openLocation(path, line),
    linkedCommits: (itemId, tracker, signal) => commitLinks.panelLinks(itemId, tracker, signal),
    openCommit: (root, sha) => commitLinks.showCommit(root, sha),
    linkPastCommit: (itemId) => void vscode.commands.executeCommand('feedbackLoop.linkPastCommit', itemId),
    composer: closeLoop.composer(writes.panelComposer()),
    items: store,
  });
  context.subscriptions.push(panels, panels.register());

  const commitLinks = new CommitLinks({
    context,
    store,
    getTracker: async () => connection.current?.tracker(),
    log,
    outbox: writes.outbox,
    trackerKey: () => connection.current?.id,
  });
  context.subscriptions.push(
    commitLinks,
    connection.onDidChange(() => void commitLinks.trackerChanged()),
    commitLinks.onDidChangeLinks((itemId) => panels.reload(itemId)),
    commitLinks.onDidChangeLinks(() => tree.redraw()),
  );
  closeLoop.watch(commitLinks.git, () => commitLinks.scannedHistory());
  context.subscriptions.push(connection.onDidChange(() => closeLoop.schedule()));

  const tradeOffs = new TradeOffs({
    context,
    log: (line) => log.info(line),
    getTracker: () => connection.current?.tracker(),
    knownItems: () => store.allItems(),
    onItemsChanged: (listener) => store.onDidChange(listener),
    enqueueTradeOff: async (itemId, body) => {
      const tracker = connection.current?.id;
      if (!tracker) {
        throw new Error(vscode.l10n.t('no tracker is connected'));
      }
      await writes.outbox.enqueue(tracker, { kind: 'tradeoff', itemId, body });
    },
  });
  context.subscriptions.push(tradeOffs);

  context.subscriptions.push(
    registerConnectionCommands(connection, log),
    // Opening an item (a row click, a hover link, the command) is also what the Conversation view follows:
    // a click on the row already selected changes no selection, so selection alone can miss it.
    registerItemCommands(store, (itemId) => {
      conversation.follow(itemId);
      return panels.open(itemId);
    }),
    store.onDidRefresh(({ error }) => {
      if (error === undefined) {
        panels.onItemsRefreshed(store.allItems());
      } else {
        log.error('Refresh failed', describeTrackerError(error));
      }
    }),
    connection.onDidChange(() => {
      store.setSource(connection.current ? source : undefined);
      tree.reset();
      writes.connectionChanged();
    }),
  );
  // The last-known items of this workspace and tracker: read on a later tick, shown stale until the tracker answers.
  const snapshot = new OfflineSnapshot({
    store,
    folder: () => (context.storageUri ?? vscode.Uri.joinPath(context.globalStorageUri, 'no-workspace')).fsPath,
    connectionId: () => connection.current?.id,
    log: (line) => log.info(line),
  });
  context.subscriptions.push(snapshot, connection.onDidChange(() => snapshot.connectionChanged()));
  connection.reload();
  snapshot.start();
  // Loads the stored outbox; its first sends happen on a later tick, never during activation.
  writes.start();
  return createApi(store);
}

function createApi(store: FeedbackStore): FeedbackLoopApi {
  return {
    groups: () => store.groups(),
    viewOptions: () => store.viewOptions,
    whenIdle: () => store.whenIdle(),
    lastError: () => (store.error === undefined ? undefined : describeTrackerError(store.error)),
  };
}

export function deactivate(): void {
  // Everything, the sample tracker included, is stopped by context.subscriptions.
}
