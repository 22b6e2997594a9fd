// Commands that choose the tracker: connect (base URL + token), sample data, disconnect.
import * as vscode from 'vscode';
import { readSetting } from '../../platform/settings';
import { isHttpUrl } from '../../platform/settingSchemas';
import type { Log } from '../../platform/log';
import type { ConnectionManager } from './connectionManager';

export function registerConnectionCommands(connection: ConnectionManager, log: Log): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand('feedbackLoop.connect', () => connect(connection)),
    vscode.commands.registerCommand('feedbackLoop.trySampleData', () => trySampleData(connection, log)),
    vscode.commands.registerCommand('feedbackLoop.disconnect', () => disconnect(connection)),
    vscode.commands.registerCommand('feedbackLoop.showLog', () => log.show()),
  );
}

async function connect(connection: ConnectionManager): Promise<void> {
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
