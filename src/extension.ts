// The composition root: builds the services, registers the features, nothing
// else. activate() does no network I/O; the view loads when it is shown.
import * as vscode from 'vscode';
import { FeedbackSession } from './core/session';
import type { FeedbackStore } from './core/feedbackStore';
import type { FeedbackLoopApi } from './api';
import { describeError } from './platform/errorText';
import { groupLabel } from './platform/itemWords';
import { groupNameOf } from './core/grouping';
import { Git } from './platform/git';
import { createTrackerOutbox } from './platform/trackerOutbox';
import { Log } from './platform/log';
import { ConnectionManager } from './features/connection/connectionManager';
import { registerConnectionCommands } from './features/connection/connectionCommands';
import { FeedbackTree, rememberedViewOptions } from './features/feedbackTree/feedbackTree';
import { ItemPanelManager } from './features/itemPanel/itemPanelManager';
import { registerItemCommands } from './features/feedbackTree/itemCommands';
import { OfflineSnapshot } from './features/feedbackTree/offlineSnapshot';
import { awaitingReplyView } from './features/feedbackTree/awaitingReplyGroup';
import { CommitLinks } from './features/commitLinks/commitLinks';
import { TradeOffs } from './features/tradeoffs/tradeoffs';
import { Writes } from './features/conversation/writes';
import { ConversationView } from './features/conversation/conversationView';
import { CloseLoop } from './features/closeLoop/closeLoop';
import { CustomerImpact } from './features/customerImpact/customerImpact';

export async function activate(context: vscode.ExtensionContext): Promise<FeedbackLoopApi> {
  // Shared services first, in dependency order; each feature gets what it needs, built before it.
  const log = new Log();
  const info = (line: string): void => log.info(line);
  const connection = new ConnectionManager(context, log);
  /** The client the session reads from: a change of connection or of its client (settings, sign-in) loads the lists again. */
  let connected: (() => Promise<unknown>) | undefined;
  // The one source of truth: the connection's lists and item details; features read items only through it.
  const session = new FeedbackSession(rememberedViewOptions(context.workspaceState));
  const store = session.store;
  const capabilities = () => session.capabilities();
  // Every write (replies, status changes, links, trade-offs) goes through this outbox; the session follows it.
  const outbox = createTrackerOutbox({ globalStorage: context.globalStorageUri.fsPath, connection: () => connection.current, log: info });
  const git = new Git(info);
  context.subscriptions.push(log, connection, { dispose: () => session.dispose() }, { dispose: () => outbox.dispose() }, git);

  /** The ids of before the connection registry, each to its connection's id now: what was kept under one is that connection's. */
  const legacyIds = (): Map<string, string> => new Map(connection.list().flatMap((c) => c.legacyIds.map((legacy) => [legacy, c.id] as const)));
  const legacyIdsOf = (id: string): readonly string[] => connection.list().find((c) => c.id === id)?.legacyIds ?? [];
  const writes = new Writes({ context, outbox, connection: () => connection.current, legacyIdsOf, log: info, session });
  const commitLinks = new CommitLinks({ context, session, git, log, outbox, trackerKey: () => connection.current?.id });
  const tradeOffs = new TradeOffs({
    context,
    log: info,
    items: session,
    knownItems: () => store.allItems(),
    onItemsChanged: (listener) => store.onDidChange(listener),
    enqueueTradeOff: async (itemId, body) => {
      const tracker = connection.current?.id;
      if (!tracker) {
        throw new Error(vscode.l10n.t('no tracker is connected'));
      }
      await outbox.enqueue(tracker, { kind: 'tradeoff', itemId, body });
    },
  });
  // Close the loop: offers to tell customers when linked work ships; its composer adds the status change.
  const closeLoop = new CloseLoop({
    context,
    session,
    connection: () => connection.current,
    outbox,
    openItem: async (itemId) => void (await vscode.commands.executeCommand('feedbackLoop.openItem', itemId)),
    log: info,
  });
  closeLoop.watch(git, () => commitLinks.scannedHistory());
  // Who the current changes affect: links from history, trade-offs' places and the branch's item, read from the features above.
  const impact = new CustomerImpact({
    git,
    session,
    linkedByRepository: () => commitLinks.linkedByRepository(),
    onDidChangeLinks: (listener) => commitLinks.onDidChangeLinks(listener),
    tradeOffs: () => tradeOffs.places(),
    onDidChangeTradeOffs: (listener) => tradeOffs.onDidChangePlaces(listener),
    branchItemOf: (repo) => commitLinks.branchItemOf(repo),
    trailerFor: (itemId) => commitLinks.trailerFor(itemId),
    log: info,
  });
  context.subscriptions.push(writes, commitLinks, tradeOffs, closeLoop, impact);

  const panels = new ItemPanelManager({
    extensionUri: context.extensionUri,
    details: session.details,
    items: store,
    capabilities,
    log: info,
    tradeOffs: (itemId, fromTracker) => tradeOffs.panelTradeOffs(itemId, fromTracker),
    openLocation: (path, line) => tradeOffs.openLocation(path, line),
    linkedCommits: (itemId, fromTracker, signal) => commitLinks.panelLinks(itemId, fromTracker, signal),
    openCommit: (root, sha) => commitLinks.showCommit(root, sha),
    linkPastCommit: (itemId) => void vscode.commands.executeCommand('feedbackLoop.linkPastCommit', itemId),
    composer: closeLoop.composer(writes.panelComposer()),
  });
  const conversation = new ConversationView({
    extensionUri: context.extensionUri,
    details: session.details,
    capabilities,
    replies: writes.replies,
    changeStatus: (itemId) => void writes.changeStatus(itemId),
    items: store,
    log: info,
  });
  // Linked-commit counts and the "Shipped, not yet announced" group come from the features above.
  const awaitingReply = awaitingReplyView({ store, details: session.details, outboxEntries: () => outbox.entries() });
  const tree = new FeedbackTree(store, context.workspaceState, describeError, (itemId) => commitLinks.linkCounts().get(itemId) ?? 0, () => [awaitingReply(), closeLoop.group()]);
  // The last-known items of this workspace and tracker: read on a later tick, shown stale until the tracker answers.
  const snapshot = new OfflineSnapshot({
    store,
    details: session.details,
    folder: () => (context.storageUri ?? vscode.Uri.joinPath(context.globalStorageUri, 'no-workspace')).fsPath,
    connectionId: () => connection.current?.id,
    log: info,
  });
  context.subscriptions.push(panels, panels.register(), conversation, tree, snapshot);

  context.subscriptions.push(
    registerConnectionCommands(connection, log),
    // Opening an item (a row click, a hover link, the command) is also what the Conversation view follows:
    // a click on the row already selected changes no selection, so selection alone can miss it.
    registerItemCommands(store, (itemId) => {
      conversation.follow(itemId);
      return panels.open(itemId);
    }),
    tree.onDidSelectItem((itemId) => conversation.follow(itemId)),
    closeLoop.onDidChange(() => tree.redraw()),
    // A reply queued or confirmed takes its item out of Awaiting Reply at once.
    outbox.onDidChange(() => tree.redraw()),
    session.details.onDidChange(() => tree.redraw()),
    commitLinks.onDidChangeLinks((itemId) => panels.reload(itemId)),
    commitLinks.onDidChangeLinks(() => tree.redraw()),
    store.onDidRefresh(({ error }) => {
      if (error === undefined) {
        panels.onItemsRefreshed(store.allItems());
      } else {
        log.error('Refresh failed', describeError(error));
      }
    }),
    connection.onDidChange(() => {
      closeLoop.retarget(legacyIds());
      void outbox.retarget(legacyIds()).catch((error: unknown) => log.error('Outbox: could not move the writes queued before the connection registry', error));
      // A rename, or a reload that changed nothing, keeps the lists; another connection or client loads them again.
      const current = connection.current;
      if (current?.id === session.connection?.id && current?.tracker === connected) {
        return;
      }
      connected = current?.tracker;
      session.connect(current);
      tree.reset();
      writes.connectionChanged();
      void commitLinks.trackerChanged();
      closeLoop.schedule();
      impact.connectionChanged();
      snapshot.connectionChanged();
    }),
  );
  // The benchmark's probes (platform/testProbes.ts), only with FEEDBACK_LOOP_TEST_PROBES=1: otherwise not even loaded.
  if (process.env.FEEDBACK_LOOP_TEST_PROBES === '1') {
    void import('./platform/testProbes').then(({ registerTestProbes }) => context.subscriptions.push(registerTestProbes(store, info)));
  }
  // Loads the stored outbox; its first sends happen on a later tick, never during activation.
  writes.start();
  // The connections, once the one of before the registry is carried over into it (migrateConnections).
  await connection.start();
  snapshot.start();
  return createApi(store);
}

function createApi(store: FeedbackStore): FeedbackLoopApi {
  return {
    // Worded as the view shows them: status groups are named by their key in the store.
    groups: () => store.groups().map((group) => ({ ...group, label: groupLabel(groupNameOf(group)) })),
    viewOptions: () => store.viewOptions,
    whenIdle: () => store.whenIdle(),
    lastError: () => (store.error === undefined ? undefined : describeError(store.error)),
  };
}

export function deactivate(): void {
  // Everything, the sample tracker included, is stopped by context.subscriptions.
}
