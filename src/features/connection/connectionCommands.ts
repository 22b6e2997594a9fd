// Commands that choose the tracker: connect (the kind, then its guided steps), sample data, disconnect.
import * as vscode from 'vscode';
import type { Log } from '../../platform/log';
import type { ConnectionManager } from './connectionManager';

export function registerConnectionCommands(connection: ConnectionManager, log: Log): vscode.Disposable {
  return vscode.Disposable.from(
    // The guided steps are their own bundle (esbuild.js), loaded when the command first runs.
    vscode.commands.registerCommand('feedbackLoop.connect', async () => (await import('./trackerSteps')).connect(connection, log)),
    vscode.commands.registerCommand('feedbackLoop.trySampleData', () => trySampleData(connection, log)),
    vscode.commands.registerCommand('feedbackLoop.disconnect', () => disconnect(connection)),
    vscode.commands.registerCommand('feedbackLoop.showLog', () => log.show()),
  );
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
