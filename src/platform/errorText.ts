// The reason a request failed, in words a user can act on (localised), for
// every view that shows one.
import * as vscode from 'vscode';
import { ValidationError } from '../core/validation';
import { TrackerError } from '../trackers/tracker';

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
