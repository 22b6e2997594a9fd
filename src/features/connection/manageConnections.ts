// "Manage Connections…" (issue 14): this workspace's connections in a list,
// each with what can be done to it: rename, reconnect (a new token or key, or
// signing in again), disconnect. Also Disconnect's choice of a connection
// when there are several. Part of the connect steps' bundle (dist/connect.js),
// whose secret steps Reconnect reuses; loaded when the command first runs.
import * as vscode from 'vscode';
import { nameProblem } from '../../core/connections/connectionNames';
import type { NameProblem } from '../../core/connections/connectionNames';
import type { ConnectionKind, ConnectionRecord } from '../../core/connections/registry';
import { singleLineText } from '../../core/displayText';
import { describeError } from '../../platform/errorText';
import type { Log } from '../../platform/log';
import type { Connection, ConnectionManager } from './connectionManager';
import { describe } from './connectionWords';
import { githubSignIn } from './githubSignIn';
import { askCannyKey, askFiderKey, askRestToken, connect, linearToken } from './trackerSteps';

type Action = 'rename' | 'reconnect' | 'disconnect';

export async function manageConnections(connection: ConnectionManager, log: Log): Promise<void> {
  type Pick = vscode.QuickPickItem & { readonly connection?: Connection; readonly add?: true };
  const items: Pick[] = [
    ...connection.list().map((c): Pick => ({ label: singleLineText(c.label), description: describe(c), connection: c })),
    { label: '', kind: vscode.QuickPickItemKind.Separator },
    { label: `$(add) ${vscode.l10n.t('Connect a Tracker…')}`, add: true },
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Manage Connections'),
    placeHolder: vscode.l10n.t('This workspace’s connections: pick one to rename, reconnect or disconnect it'),
  });
  if (picked?.add) {
    return connect(connection, log);
  }
  if (!picked?.connection) {
    return;
  }
  const chosen = picked.connection;
  if (chosen.source === 'environment') {
    void vscode.window.showInformationMessage(vscode.l10n.t('“{0}” comes from the environment (FEEDBACK_LOOP_TRACKER_URL), for demos and tests: change it there.', chosen.label));
    return;
  }
  const actions: (vscode.QuickPickItem & { readonly action: Action })[] = [
    ...(chosen.record
      ? [
          { label: vscode.l10n.t('Rename…'), action: 'rename' as const },
          { label: vscode.l10n.t('Reconnect…'), detail: reconnectDetail(chosen.record.kind), action: 'reconnect' as const },
        ]
      : []),
    { label: vscode.l10n.t('Disconnect'), detail: vscode.l10n.t('Its items leave the Feedback view; its token or key is removed from secret storage'), action: 'disconnect' },
  ];
  const action = await vscode.window.showQuickPick(actions, { title: singleLineText(chosen.label) });
  try {
    switch (action?.action) {
      case 'rename':
        return await rename(connection, chosen);
      case 'reconnect':
        return await reconnect(connection, chosen.record!);
      case 'disconnect':
        return await disconnect(connection, chosen);
      case undefined:
        return;
    }
  } catch (error) {
    void vscode.window.showErrorMessage(describeError(error));
  }
}

/** Disconnect: the one connection there is, or the one the user picks; after asking. */
export async function disconnectOne(connection: ConnectionManager): Promise<void> {
  const own = connection.list().filter((c) => c.source !== 'environment');
  const picked =
    own.length <= 1
      ? own[0]
      : (await vscode.window.showQuickPick(own.map((c) => ({ label: singleLineText(c.label), description: describe(c), connection: c })), { title: vscode.l10n.t('Disconnect') }))?.connection;
  if (picked) {
    await disconnect(connection, picked);
  }
}

async function rename(connection: ConnectionManager, chosen: Connection): Promise<void> {
  const others = connection.records().filter((r) => r.id !== chosen.id).map((r) => r.name);
  const name = await vscode.window.showInputBox({
    title: vscode.l10n.t('Rename “{0}”', singleLineText(chosen.label)),
    prompt: vscode.l10n.t('The name the Feedback view and the pickers show'),
    value: chosen.label,
    validateInput: (value) => problemText(nameProblem(value, others)),
  });
  if (name === undefined) {
    return;
  }
  const result = await connection.rename(chosen.id, name);
  if (!result.ok) {
    void vscode.window.showErrorMessage(problemText(result.problem === 'notFound' ? undefined : result.problem) ?? vscode.l10n.t('That connection is gone.'));
  }
}

async function reconnect(connection: ConnectionManager, record: ConnectionRecord): Promise<void> {
  const title = vscode.l10n.t('Reconnect “{0}”', singleLineText(record.name));
  switch (record.kind) {
    case 'rest': {
      const token = await askRestToken(record.settings.baseUrl, title);
      return token === undefined ? undefined : connection.reconnect(record.id, token);
    }
    case 'canny': {
      const key = await askCannyKey(title);
      return key === undefined ? undefined : connection.reconnect(record.id, key);
    }
    case 'fider': {
      const key = await askFiderKey(title);
      return key === undefined ? undefined : connection.reconnect(record.id, key);
    }
    case 'linear': {
      const token = await linearToken();
      // A sign-in's token is VS Code's: the key stored before is cleared, so the sign-in is what is sent.
      return token === undefined ? undefined : connection.reconnect(record.id, token.oauth ? '' : token.value);
    }
    case 'github': {
      const signIn = await githubSignIn(process.env.FEEDBACK_LOOP_GITHUB_API_URL || record.settings.apiUrl, true);
      // Signed in again with VS Code: a token stored before is cleared, so the sign-in is what is sent.
      return signIn === undefined ? undefined : connection.reconnect(record.id, signIn.token ?? '');
    }
  }
}

async function disconnect(connection: ConnectionManager, chosen: Connection): Promise<void> {
  const confirm = vscode.l10n.t('Disconnect');
  const answer = await vscode.window.showWarningMessage(
    vscode.l10n.t('Disconnect “{0}”? Its items leave the Feedback view and its token or key is removed from secret storage; the other connections stay.', singleLineText(chosen.label)),
    { modal: true },
    confirm,
  );
  if (answer === confirm) {
    await connection.disconnect(chosen.id);
  }
}

function reconnectDetail(kind: ConnectionKind): string {
  switch (kind) {
    case 'rest':
      return vscode.l10n.t('A new API token');
    case 'canny':
    case 'fider':
      return vscode.l10n.t('A new API key');
    case 'linear':
      return vscode.l10n.t('Sign in again, or a new API key');
    case 'github':
      return vscode.l10n.t('Sign in again, with a VS Code account or a personal access token');
  }
}

function problemText(problem: NameProblem | undefined): string | undefined {
  switch (problem) {
    case 'empty':
      return vscode.l10n.t('Enter a name');
    case 'tooLong':
      return vscode.l10n.t('At most 60 characters');
    case 'taken':
      return vscode.l10n.t('Another connection has this name');
    case undefined:
      return undefined;
  }
}
