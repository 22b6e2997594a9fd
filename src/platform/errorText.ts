// The reason something failed, in words a user can act on (localised), for
// every view, row, notification and log line that shows one: the one list of
// error texts. Lower layers raise typed errors (a kind, the tracker's own
// detail); only this module words them.
import * as vscode from 'vscode';
import { NoConnection } from '../core/itemDetails';
import { PagingError } from '../core/store/itemSource';
import { ValidationError } from '../core/validation';
import { TrackerError } from '../trackers/tracker';
import type { TrackerErrorKind } from '../trackers/tracker';

/** One line: the reason first (the tracker's own words where it gave some), then what to do. */
export function describeError(error: unknown): string {
  if (error instanceof TrackerError) {
    return describeTrackerError(error);
  }
  if (error instanceof ValidationError) {
    return vscode.l10n.t('The tracker answered with data that does not follow the contract: {0}', error.message);
  }
  if (error instanceof PagingError) {
    return describePagingError(error);
  }
  if (error instanceof NoConnection) {
    return vscode.l10n.t('Not connected to a tracker.');
  }
  return error instanceof Error ? error.message : String(error);
}

function describeTrackerError(error: TrackerError): string {
  const wait = error.details.retryAfterMs === undefined ? '' : ` ${vscode.l10n.t('(retry in {0} s)', Math.ceil(error.details.retryAfterMs / 1000))}`;
  const hint = hintFor(error.kind);
  return hint === undefined ? `${error.message}${wait}` : `${error.message}${wait} — ${hint}`;
}

function hintFor(kind: TrackerErrorKind): string | undefined {
  switch (kind) {
    case 'unauthorized':
      return vscode.l10n.t('check the token with “Feedback Loop: Connect a Tracker…”');
    case 'rateLimited':
      return vscode.l10n.t('the tracker asked us to slow down');
    case 'malformed':
      return vscode.l10n.t('the tracker’s answer does not follow the contract');
    case 'unreachable':
    case 'notFound':
    case 'rejected':
    case 'server':
    case 'cancelled':
      return undefined;
  }
}

function describePagingError(error: PagingError): string {
  const tracker = error.tracker === undefined ? vscode.l10n.t('The tracker') : vscode.l10n.t('The tracker ({0})', error.tracker);
  return error.reason === 'repeatedPage'
    ? vscode.l10n.t('{0} answered with a next page it had already sent; stopped reading after {1} pages.', tracker, error.pages)
    : vscode.l10n.t('{0} has more than {1} pages of items; stopped reading.', tracker, error.pages);
}
