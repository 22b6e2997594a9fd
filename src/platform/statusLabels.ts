// Status names as users read them, localised; one list for every view.
import * as vscode from 'vscode';
import type { Status } from '../core/model';

export function statusLabels(): Record<Status, string> {
  return {
    open: vscode.l10n.t('Open'),
    'under-review': vscode.l10n.t('Under Review'),
    planned: vscode.l10n.t('Planned'),
    'in-progress': vscode.l10n.t('In Progress'),
    shipped: vscode.l10n.t('Shipped'),
    closed: vscode.l10n.t('Closed'),
  };
}

export function statusLabel(status: Status): string {
  return statusLabels()[status];
}
