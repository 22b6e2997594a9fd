// The item panel's localised texts: everything the webview shows that is not
// data, and the reasons a fetch failed. vscode.l10n runs only in the host, so
// the host sends these to the webview.
import * as vscode from 'vscode';
import { statusLabels } from '../../platform/statusLabels';
import type { PanelStrings } from '../../shared/itemPanelProtocol';
import { describeError } from '../../platform/errorText';
import type { PanelTexts } from './itemPanelController';

export function panelTexts(): PanelTexts {
  return {
    locale: vscode.env.language,
    strings: panelStrings(),
    notConnected: vscode.l10n.t('Not connected to a tracker. Connect, then retry.'),
    describeError,
  };
}

function panelStrings(): PanelStrings {
  return {
    loading: vscode.l10n.t('Loading the feedback item…'),
    refreshing: vscode.l10n.t('Refreshing…'),
    retry: vscode.l10n.t('Retry'),
    openInTracker: vscode.l10n.t('Open in tracker'),
    votes: vscode.l10n.t('Votes'),
    requests: vscode.l10n.t('Requests'),
    customers: vscode.l10n.t('Customers'),
    revenue: vscode.l10n.t('Revenue / month'),
    tags: vscode.l10n.t('Tags'),
    description: vscode.l10n.t('Description'),
    noDescription: vscode.l10n.t('No description.'),
    noCustomers: vscode.l10n.t('No customers have asked for this yet.'),
    openSourceConversation: vscode.l10n.t('Open Source Conversation'),
    tier: vscode.l10n.t('Tier'),
    comments: vscode.l10n.t('Comments'),
    noComments: vscode.l10n.t('No comments yet.'),
    tradeoffs: vscode.l10n.t('Trade-offs'),
    links: {
      heading: vscode.l10n.t('Linked commits'),
      none: vscode.l10n.t('No commits are linked yet.'),
      linkPastCommit: vscode.l10n.t('Link a past commit…'),
      onDefaultBranch: vscode.l10n.t('on the default branch'),
      notOnDefaultBranch: vscode.l10n.t('not on the default branch'),
      notHere: vscode.l10n.t('not in this workspace'),
    },
    customer: vscode.l10n.t('Customer'),
    team: vscode.l10n.t('Team'),
    internal: vscode.l10n.t('Internal note'),
    staleNotice: vscode.l10n.t('Showing the last version loaded; the refresh failed:'),
    statuses: statusLabels(),
    statusPending: vscode.l10n.t('pending'),
  };
}
