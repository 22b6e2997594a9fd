// The composition root: builds the services, registers the features, nothing
// else. activate() does no network I/O; the view loads when it is shown.
import * as vscode from 'vscode';
import type { FeedbackSession } from './core/session';
import type { FeedbackStore } from './core/feedbackStore';
import { formatItemRef } from './core/itemRef';
import { SessionItems } from './core/sessionItems';
import { ThreadReading } from './core/threadReading';
import { trailerScopeOf } from './core/trailerConnections';
import { FeedbackSessions } from './core/sessions';
import type { FeedbackLoopApi } from './api';
import { describeError } from './platform/errorText';
import { groupLabel } from './platform/itemWords';
import { groupNameOf } from './core/grouping';
import { Git } from './platform/git';
import { targetKey } from './platform/itemTargets';
import type { ItemTargetSource } from './platform/itemTargets';
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
import { sessionTradeOffItems } from './features/tradeoffs/tradeoffItems';
import { tradeOffConnectionOf } from './core/tradeoffs/tradeoffItem';
import { Writes } from './features/conversation/writes';
import { ConversationView } from './features/conversation/conversationView';
import { CloseLoop } from './features/closeLoop/closeLoop';
import { CustomerImpact } from './features/customerImpact/customerImpact';

export async function activate(context: vscode.ExtensionContext): Promise<FeedbackLoopApi> {
  // Shared services first, in dependency order; each feature gets what it needs, built before it.
  const log = new Log();
  const info = (line: string): void => log.info(line);
  const connection = new ConnectionManager(context, log);
  // Every write (replies, status changes, links, trade-offs) goes through this outbox, each to the connection it names.
  const outbox = createTrackerOutbox({ globalStorage: context.globalStorageUri.fsPath, connectionOf: (id) => connection.list().find((c) => c.id === id), log: info });
  // The one source of truth: a session per connection, its lists and item details; features read items only through them.
  // Each session follows the outbox, refreshes in the background and keeps its offline snapshot while it lives.
  const sessions = new FeedbackSessions({ viewOptions: rememberedViewOptions(context.workspaceState), attach: (session, id) => attachSession(session, id) });
  // The features' windows onto every session's items. By ref (`<connection id>/<item id>`): the panels, the Conversation view,
  // replies, status changes, the item commands and trade-offs. By the trackers' ids: commit links, close the loop and customer
  // impact, until they name the connection of an item too (docs/notes/multi-connection.md).
  const byRef = new SessionItems(sessions, 'ref');
  const items = new SessionItems(sessions, 'itemId');
  /** The first connection's session: what a feature that does not yet name the connection of an item reads (with one connection, that one). */
  const first = (): FeedbackSession | undefined => sessions.list()[0]?.session;
  const keyOf = (connectionId: string, itemId: string): string | undefined => (sessions.get(connectionId) ? formatItemRef({ connection: connectionId, id: itemId }) : undefined);
  const target = (key: string): { tracker: string; itemId: string } | undefined => {
    const at = byRef.resolve(key);
    return at && { tracker: at.connectionId, itemId: at.id };
  };
  // A bare id (a keybinding's, another extension's, a panel of before) is the one connection's that has it, else the user says which.
  const targets: ItemTargetSource = { connections: () => sessions.list().map(({ id, name }) => ({ id, name })), holders: (id) => byRef.holders(id) };
  const capabilities = async (key: string) => byRef.resolve(key)?.session.capabilities();
  const git = new Git(info);
  context.subscriptions.push(log, connection, { dispose: () => byRef.dispose() }, { dispose: () => items.dispose() }, { dispose: () => sessions.dispose() }, { dispose: () => outbox.dispose() }, git);

  /** The ids of before the connection registry, each to its connection's id now: what was kept under one is that connection's. */
  const legacyIds = (): Map<string, string> => new Map(connection.list().flatMap((c) => c.legacyIds.map((legacy) => [legacy, c.id] as const)));
  const legacyIdsOf = (id: string): readonly string[] => connection.list().find((c) => c.id === id)?.legacyIds ?? [];
  const writes = new Writes({
    context,
    outbox,
    target,
    keyOf,
    connectionOf: (id) => connection.list().find((c) => c.id === id),
    targetKey: (arg) => targetKey(arg, targets),
    legacyIdsOf,
    log: info,
  });
  // A trailer names a kind and the tracker's id: it resolves to the connections of that kind and scope (core/trailerConnections.ts).
  const trailerConnections = () => connection.list().map((c) => ({ id: c.id, name: c.label, kind: c.kind, scope: trailerScopeOf(c.record) }));
  const commitLinks = new CommitLinks({
    context,
    items,
    connections: trailerConnections,
    itemOf: async (connectionId, itemId) => byRef.summary(formatItemRef({ connection: connectionId, id: itemId })),
    targets,
    itemUrlPrefixes: () => connection.list().flatMap((c) => (c.record?.kind === 'rest' ? [`${c.record.settings.baseUrl.replace(/\/+$/, '')}/items/`] : [])),
    git,
    log,
    outbox,
  });
  // Trade-offs: every connection's items; the file names an item portably (a teammate's ids differ), a write goes to the ref chosen.
  const tradeOffConnections = () => connection.list().map(tradeOffConnectionOf);
  const tradeOffs = new TradeOffs({
    context,
    log: info,
    items: sessionTradeOffItems({ sessions, byRef, connections: tradeOffConnections }),
    onItemsChanged: (listener) => byRef.onDidChangeLists(listener),
    outbox,
  });
  // Close the loop: offers to tell customers when linked work ships, each item in its connection; its composer adds the status change.
  const closeLoop = new CloseLoop({
    context,
    items,
    itemsByRef: byRef,
    // A shipped commit's reference resolves to a connection as commit links resolve it.
    connections: trailerConnections,
    connection: () => connection.current,
    outbox,
    keyOf,
    target,
    openItem: async (key) => void (await vscode.commands.executeCommand('feedbackLoop.openItem', key)),
    log: info,
  });
  closeLoop.watch(git, () => commitLinks.scannedHistory());
  // Who the current changes affect: links from history, trade-offs' places and the branch's item, read from the features above.
  const impact = new CustomerImpact({
    git,
    items,
    linkedByRepository: () => commitLinks.linkedByRepository(),
    onDidChangeLinks: (listener) => commitLinks.onDidChangeLinks(listener),
    tradeOffs: () => tradeOffs.places(),
    onDidChangeTradeOffs: (listener) => tradeOffs.onDidChangePlaces(listener),
    branchItemOf: (repo) => commitLinks.branchItemOf(repo),
    trailerFor: (itemId) => commitLinks.trailerFor(itemId),
    log: info,
  });
  context.subscriptions.push(writes, commitLinks, tradeOffs, closeLoop, impact);

  // A panel is an item of one connection, by key; what the features beside it show goes by the tracker's id for now.
  const displayId = (key: string): string => byRef.idOf(key);
  const panels = new ItemPanelManager({
    extensionUri: context.extensionUri,
    details: byRef.details,
    items: byRef.lists,
    capabilities,
    displayId,
    log: info,
    tradeOffs: (key, fromTracker) => tradeOffs.panelTradeOffs(key, fromTracker),
    openLocation: (path, line) => tradeOffs.openLocation(path, line),
    linkedCommits: (key, fromTracker, signal) => commitLinks.panelLinks(key, fromTracker, signal),
    openCommit: (root, sha) => commitLinks.showCommit(root, sha),
    linkPastCommit: (key) => void vscode.commands.executeCommand('feedbackLoop.linkPastCommit', key),
    composer: closeLoop.composer(writes.panelComposer()),
  });
  const conversation = new ConversationView({
    extensionUri: context.extensionUri,
    details: byRef.details,
    capabilities,
    displayId,
    replies: writes.replies,
    changeStatus: (key) => void writes.changeStatus(key),
    items: byRef.lists,
    log: info,
  });
  // Linked-commit counts and the "Shipped, not yet announced" group come from the features above.
  const awaitingReply = awaitingReplyView({ sessions, outboxEntries: () => outbox.entries() });
  const tree = new FeedbackTree(sessions, items, context.workspaceState, {
    describeError,
    linkCount: (connectionId, itemId) => commitLinks.linkCount(connectionId, itemId),
    pinned: () => [awaitingReply(), closeLoop.group()],
  });
  context.subscriptions.push(panels, panels.register(), conversation, tree);

  /** What lives with a connection's session: it follows the outbox, refreshes in the background, keeps its offline snapshot. */
  function attachSession(session: FeedbackSession, connectionId: string): vscode.Disposable {
    // The last-known items of this workspace and connection: read on a later tick, shown stale until the tracker answers.
    const snapshot = new OfflineSnapshot({
      store: session.store,
      details: session.details,
      folder: () => (context.storageUri ?? vscode.Uri.joinPath(context.globalStorageUri, 'no-workspace')).fsPath,
      connectionId: () => connectionId,
      log: info,
    });
    snapshot.start();
    // Awaiting Reply, where the tracker's lists do not say who spoke last: the first open items' threads, read in the background.
    const threads = new ThreadReading({ store: session.store, details: session.details });
    return vscode.Disposable.from(writes.follow(session), tree.refreshInBackground(session.store), snapshot, threads);
  }

  context.subscriptions.push(
    registerConnectionCommands(connection, log),
    // Opening an item (a row click, a hover link, the command) is also what the Conversation view follows:
    // a click on the row already selected changes no selection, so selection alone can miss it.
    registerItemCommands({
      findItem: (key) => byRef.findItem(key),
      targets,
      openPanel: (key) => {
        conversation.follow(key);
        return panels.open(key);
      },
    }),
    tree.onDidSelectItem((key) => conversation.follow(key)),
    closeLoop.onDidChange(() => tree.redraw()),
    // A reply queued or confirmed takes its item out of Awaiting Reply at once.
    outbox.onDidChange(() => tree.redraw()),
    items.onDidChangeDetail(() => tree.redraw()),
    commitLinks.onDidChangeLinks((itemId) => panels.reload(itemId)),
    commitLinks.onDidChangeLinks(() => tree.redrawItems()),
    items.onDidRefresh(({ connectionId, error }) => {
      if (error === undefined) {
        const loaded = sessions.get(connectionId)?.store.allItems() ?? [];
        panels.onItemsRefreshed(loaded.map((item) => ({ key: formatItemRef({ connection: connectionId, id: item.id }), item })));
      } else {
        log.error(`Refresh of ${sessions.entry(connectionId)?.name ?? connectionId} failed`, describeError(error));
      }
    }),
    connection.onDidChange(() => {
      closeLoop.retarget(legacyIds());
      void outbox.retarget(legacyIds()).catch((error: unknown) => log.error('Outbox: could not move the writes queued before the connection registry', error));
      // Added, removed, renamed, reordered; a session whose client is another (reconnected, new settings) is made anew.
      sessions.sync(connection.list());
    }),
    sessions.onDidChange(() => {
      writes.connectionChanged();
      commitLinks.trackerChanged();
      closeLoop.schedule();
      impact.connectionChanged();
    }),
  );
  // The benchmark's probes (platform/testProbes.ts), only with FEEDBACK_LOOP_TEST_PROBES=1: otherwise not even loaded.
  if (process.env.FEEDBACK_LOOP_TEST_PROBES === '1') {
    void import('./platform/testProbes').then(({ registerTestProbes }) => context.subscriptions.push(registerTestProbes(() => first()?.store, info)));
  }
  // Loads the stored outbox; its first sends happen on a later tick, never during activation.
  writes.start();
  // The connections, once the one of before the registry is carried over into it (migrateConnections); their sessions follow.
  await connection.start();
  return createApi(sessions);
}

/** The view's data as the API gives it: the first connection's groups (with one connection, the view's), every connection's refreshes. */
function createApi(sessions: FeedbackSessions): FeedbackLoopApi {
  const stores = (): FeedbackStore[] => sessions.list().map(({ session }) => session.store);
  return {
    // Worded as the view shows them: status groups are named by their key in the store.
    groups: () => (stores()[0]?.groups() ?? []).map((group) => ({ ...group, label: groupLabel(groupNameOf(group)) })),
    viewOptions: () => sessions.viewOptions,
    whenIdle: async () => void (await Promise.all(stores().map((store) => store.whenIdle()))),
    lastError: () => {
      const failed = stores().find((store) => store.error !== undefined);
      return failed === undefined ? undefined : describeError(failed.error);
    },
  };
}

export function deactivate(): void {
  // Everything, the sample tracker included, is stopped by context.subscriptions.
}
