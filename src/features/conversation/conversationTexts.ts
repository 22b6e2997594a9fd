// The Conversation view's and composer's texts, localised in the host.
import * as vscode from 'vscode';
import { statusLabels } from '../../platform/statusLabels';
import type { ComposerStrings, ConversationStrings } from '../../shared/conversationProtocol';

export function composerStrings(): ComposerStrings {
  const mod = process.platform === 'darwin' ? '⌘' : 'Ctrl';
  return {
    placeholder: vscode.l10n.t('Write a reply (markdown)…'),
    write: vscode.l10n.t('Write'),
    preview: vscode.l10n.t('Preview'),
    send: vscode.l10n.t('Send'),
    sendHint: vscode.l10n.t('{0}+Enter sends', mod),
    publicReply: vscode.l10n.t('Public reply'),
    publicHint: vscode.l10n.t('Customers will see this reply.'),
    workspaceComment: vscode.l10n.t('Team comment'),
    workspaceHint: vscode.l10n.t('Only your workspace sees this, not the customers: answer a customer in their source conversation (Open Source Conversation on the item panel).'),
    internalNote: vscode.l10n.t('Internal note'),
    internalHint: vscode.l10n.t('Only the team sees this note.'),
    changeStatus: vscode.l10n.t('Change status…'),
    sending: vscode.l10n.t('Sending…'),
    pending: vscode.l10n.t('Pending — will retry'),
    sent: vscode.l10n.t('Sent'),
    refused: vscode.l10n.t('The tracker refused this reply; it is back in the draft:'),
    nothingToPreview: vscode.l10n.t('Nothing to preview.'),
    draftSaved: vscode.l10n.t('Draft saved'),
  };
}

export function conversationStrings(): ConversationStrings {
  return {
    composer: composerStrings(),
    noItem: vscode.l10n.t('Select an item to see its conversation.'),
    loading: vscode.l10n.t('Loading the conversation…'),
    retry: vscode.l10n.t('Retry'),
    noComments: vscode.l10n.t('No comments yet.'),
    customer: vscode.l10n.t('Customer'),
    team: vscode.l10n.t('Team'),
    internal: vscode.l10n.t('Internal note'),
    statuses: statusLabels(),
    statusPending: vscode.l10n.t('pending'),
  };
}
