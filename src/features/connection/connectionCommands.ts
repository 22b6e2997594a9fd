// Commands that choose the tracker: connect (the kind, then its guided steps), sample data, disconnect.
import * as vscode from 'vscode';
import { readSetting } from '../../platform/settings';
import { isHttpUrl } from '../../platform/settingSchemas';
import type { Log } from '../../platform/log';
import type { ConnectionManager } from './connectionManager';
import { connectCanny, connectFider, connectGithub } from './trackerSteps';

export function registerConnectionCommands(connection: ConnectionManager, log: Log): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand('feedbackLoop.connect', () => connect(connection, log)),
    vscode.commands.registerCommand('feedbackLoop.trySampleData', () => trySampleData(connection, log)),
    vscode.commands.registerCommand('feedbackLoop.disconnect', () => disconnect(connection)),
    vscode.commands.registerCommand('feedbackLoop.showLog', () => log.show()),
  );
}

type TrackerKind = 'rest' | 'github' | 'canny' | 'fider';

/** Step 0 of every connection: which kind of tracker. Also the one command that switches trackers. */
async function connect(connection: ConnectionManager, log: Log): Promise<void> {
  const kinds: (vscode.QuickPickItem & { tracker: TrackerKind })[] = [
    { tracker: 'github', label: 'GitHub Issues', detail: vscode.l10n.t('Issues ranked by thumbs-up reactions; sign in with your GitHub account') },
    { tracker: 'canny', label: 'Canny', detail: vscode.l10n.t('Posts with votes and revenue; needs your company’s Canny API key') },
    { tracker: 'fider', label: 'Fider', detail: vscode.l10n.t('Posts with votes; needs a collaborator’s or administrator’s API key') },
    { tracker: 'rest', label: 'Feedback Loop REST', detail: vscode.l10n.t('A tracker that follows the Feedback Loop REST contract') },
  ];
  const current = connection.current?.label;
  const picked = await vscode.window.showQuickPick(kinds, {
    title: vscode.l10n.t('Connect a Tracker'),
    placeHolder: current ? vscode.l10n.t('Now: {0}. Where does this workspace’s feedback live?', current) : vscode.l10n.t('Where does this workspace’s feedback live?'),
    ignoreFocusOut: true,
  });
  switch (picked?.tracker) {
    case 'github':
      return connectGithub(connection);
    case 'canny':
      return connectCanny(connection, connection.secrets, log);
    case 'fider':
      return connectFider(connection, connection.secrets);
    case 'rest':
      return connectRest(connection);
    case undefined:
      return;
  }
}

async function connectRest(connection: ConnectionManager): Promise<void> {
  const baseUrl = await vscode.window.showInputBox({
    title: vscode.l10n.t('Connect a Tracker (1/2)'),
    prompt: vscode.l10n.t('Base URL of a tracker that follows the Feedback Loop REST contract (its API is under /api/v1)'),
    placeHolder: 'https://feedback.example.com',
    value: readSetting('tracker.baseUrl') || undefined,
    ignoreFocusOut: true,
    validateInput: (value) => (isHttpUrl(value.trim()) ? undefined : vscode.l10n.t('Enter an http:// or https:// URL')),
  });
  if (baseUrl === undefined) {
    return;
  }
  const token = await vscode.window.showInputBox({
    title: vscode.l10n.t('Connect a Tracker (2/2)'),
    prompt: vscode.l10n.t('API token for {0}. It is kept in VS Code’s secret storage, never in settings.', baseUrl.trim()),
    password: true,
    ignoreFocusOut: true,
    validateInput: (value) => (value.trim() ? undefined : vscode.l10n.t('Enter the token')),
  });
  if (token === undefined) {
    return;
  }
  await connection.connect(baseUrl.trim().replace(/\/+$/, ''), token.trim());
}

async function trySampleData(connection: ConnectionManager, log: Log): Promise<void> {
  try {
    await vscode.window.withProgress(
      { location: { viewId: 'feedbackLoop.items' }, title: vscode.l10n.t('Starting the sample tracker…') },
      () => connection.useSampleData(),
    );
  } catch (error) {
    log.error('Could not start the sample tracker', error);
    const showLog = vscode.l10n.t('Show Log');
    const choice = await vscode.window.showErrorMessage(
      vscode.l10n.t('Could not start the sample tracker: {0}', error instanceof Error ? error.message : String(error)),
      showLog,
    );
    if (choice === showLog) {
      log.show();
    }
  }
}

async function disconnect(connection: ConnectionManager): Promise<void> {
  const confirm = vscode.l10n.t('Disconnect');
  const choice = await vscode.window.showWarningMessage(
    vscode.l10n.t('Disconnect from the tracker? Its token is removed from secret storage.'),
    { modal: true },
    confirm,
  );
  if (choice === confirm) {
    await connection.disconnect();
  }
}
