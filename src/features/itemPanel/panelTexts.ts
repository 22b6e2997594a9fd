// The item panel's localised texts: everything the webview shows that is not
// data, and the reasons a fetch failed. vscode.l10n runs only in the host, so
// the host sends these to the webview.
import * as vscode from 'vscode';
import { statusLabels } from '../../platform/statusLabels';
import { ValidationError } from '../../core/validation';
import type { PanelStrings } from '../../shared/itemPanelProtocol';
import { TrackerError } from '../../trackers/tracker';
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
    customers: vscode.l10n.t('Customers'),
    revenue: vscode.l10n.t('Revenue / month'),
    tags: vscode.l10n.t('Tags'),
    description: vscode.l10n.t('Description'),
    noDescription: vscode.l10n.t('No description.'),
    noCustomers: vscode.l10n.t('No customers have asked for this yet.'),
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
  };
}

/** The reason a fetch failed, in words a user can act on, with the detail the tracker gave. */
export function describeError(error: unknown): string {
  if (error instanceof TrackerError) {
    return describeTrackerError(error);
  }
  if (error instanceof ValidationError) {
    return vscode.l10n.t('The tracker answered with data that does not follow the contract: {0}', error.message);
  }
  return error instanceof Error ? error.message : String(error);
}

function describeTrackerError(error: TrackerError): string {
  const detail = error.message;
  switch (error.kind) {
    case 'unreachable':
      return vscode.l10n.t('The tracker cannot be reached ({0}).', detail);
    case 'unauthorized':
      return vscode.l10n.t('The tracker refused the credentials ({0}). Check the token.', detail);
    case 'notFound':
      return vscode.l10n.t('This feedback item no longer exists in the tracker ({0}).', detail);
    case 'rateLimited':
      return error.details.retryAfterMs !== undefined
        ? vscode.l10n.t('The tracker is limiting requests; retry in {0} s.', Math.ceil(error.details.retryAfterMs / 1000))
        : vscode.l10n.t('The tracker is limiting requests ({0}).', detail);
    case 'rejected':
      return vscode.l10n.t('The tracker rejected the request ({0}).', detail);
    case 'server':
      return vscode.l10n.t('The tracker had an internal error ({0}).', detail);
    case 'malformed':
      return vscode.l10n.t('The tracker answered with data that does not follow the contract: {0}', detail);
    case 'cancelled':
      return vscode.l10n.t('The request was cancelled.');
    default: {
      const unknown: never = error.kind;
      return String(unknown);
    }
  }
}
