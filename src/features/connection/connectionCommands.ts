// Commands that choose the trackers: connect (the kind, then its guided steps:
// a connection added beside the others), manage the connections (rename,
// reconnect, disconnect), sample data, disconnect.
import * as vscode from 'vscode';
import type { Log } from '../../platform/log';
import type { ConnectionManager } from './connectionManager';

export function registerConnectionCommands(connection: ConnectionManager, log: Log): vscode.Disposable {
  return vscode.Disposable.from(
    // The guided steps and Manage Connections… are their own bundle (dist/connect.js), loaded when one of them first runs.
    vscode.commands.registerCommand('feedbackLoop.connect', async () => (await import('./trackerSteps')).connect(connection, log)),
    vscode.commands.registerCommand('feedbackLoop.manageConnections', async () => (await import('./manageConnections')).manageConnections(connection, log)),
    vscode.commands.registerCommand('feedbackLoop.trySampleData', () => trySampleData(connection, log)),
    vscode.commands.registerCommand('feedbackLoop.disconnect', async () => (await import('./manageConnections')).disconnectOne(connection)),
    vscode.commands.registerCommand('feedbackLoop.showLog', () => log.show()),
  );
}

async function trySampleData(connection: ConnectionManager, log: Log): Promise<void> {
  try {
    const shown = await vscode.window.withProgress(
      { location: { viewId: 'feedbackLoop.items' }, title: vscode.l10n.t('Starting the sample tracker…') },
      () => connection.useSampleData(),
    );
    if (!shown) {
      void vscode.window.showInformationMessage(vscode.l10n.t('The sample tracker is for trying Feedback Loop without a tracker of your own: this workspace has its connections.'));
    }
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
