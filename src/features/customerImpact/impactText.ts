// The customer impact in words, in the user's language: the totals, the
// CodeLens over changed lines and each reason an item is impacted (the
// markdown block is impactMarkdown.ts). core/impact/impact.ts decides what is
// impacted and why; this only says it.
//
// Paths and branch names come from repositories: untrusted. Each is made one
// bounded line (no line breaks, controls or bidi overrides).
import * as vscode from 'vscode';
import { formatMoneyShort } from '../../core/demand';
import { singleLineText } from '../../core/displayText';
import type { LineRange } from '../../core/impact/diff';
import type { ImpactedItem, ImpactReason } from '../../core/impact/impact';
import type { ImpactTotals } from '../../core/impact/impactTotals';
import { customers, requests } from '../../platform/itemWords';

export const SEPARATOR = ' · ';
const NAME_MAX = 100;
/**
 * Text read before shortening: bounds the work on a megabyte quote. Only text
 * this long that collapses below a limit (pure whitespace) loses anything.
 */
const READ_MAX = 16_384;

/** `5 requests · up to 23 customers · up to $140k + €3k/mo`: the totals under the impact. */
export function totalsLine(totals: ImpactTotals): string {
  const parts = [requests(totals.requests)];
  if (totals.customers > 0) {
    // Summed over items a customer may be counted twice: the sum is then an upper bound, and so is the revenue.
    const upperBound = !totals.exact && totals.customers > totals.customersAtLeast;
    parts.push(upperBound ? vscode.l10n.t('up to {0} customers', totals.customers) : customers(totals.customers));
    if (totals.revenue.length > 0) {
      // One figure per currency: there is no exchange rate to add them.
      const amounts = totals.revenue.map((money) => formatMoneyShort(money)).join(' + ');
      parts.push(upperBound ? vscode.l10n.t('up to {0}/mo', amounts) : vscode.l10n.t('{0}/mo', amounts));
    }
  }
  return parts.join(SEPARATOR);
}

/** `lines 40–58 of billing.ts last changed in a1b2c3d`: why an item is impacted, as plain text (not markdown). */
export function reasonText(reason: ImpactReason): string {
  switch (reason.kind) {
    case 'commit': {
      const where = linesOf(reason.lines, reason.path);
      const sha = reason.sha.slice(0, 7);
      // The same words for both sides: a rewritten line is removed and added, and its old lines are what history knows.
      return vscode.l10n.t('{0} last changed in {1}', where, sha);
    }
    case 'tradeOff':
      return vscode.l10n.t('trade-off on {0}', linesOf(reason.lines, reason.path));
    case 'branch':
      return vscode.l10n.t('branch {0}', shortened(reason.branch, NAME_MAX));
  }
}

/** `2 requests · 9 customers`: the CodeLens over changed lines; the customers of each item summed (a glance, not a count). */
export function hintText(items: readonly ImpactedItem[]): string {
  const reached = items.reduce((sum, { item }) => sum + (item?.customerCount ?? 0), 0);
  return reached > 0 ? `${requests(items.length)}${SEPARATOR}${customers(reached)}` : requests(items.length);
}


/** `line 40 of billing.ts`, `lines 40–58 of billing.ts`: the file by its name, enough beside the tree's repository. */
export function linesOf(lines: LineRange, path: string): string {
  const file = shortened(path.slice(path.lastIndexOf('/') + 1), NAME_MAX);
  return lines.start === lines.end ? vscode.l10n.t('line {0} of {1}', lines.start, file) : vscode.l10n.t('lines {0}–{1} of {2}', lines.start, lines.end, file);
}







/** One line of at most `max` characters: cut at a word when that keeps half, with `…`. */
export function shortened(text: string, max: number): string {
  const line = singleLineText(text.slice(0, READ_MAX).replace(/\p{Cc}/gu, ' '));
  if (line.length <= max) {
    return line;
  }
  let cut = line.slice(0, max - 1);
  const space = line[max - 1] === ' ' ? max - 1 : cut.lastIndexOf(' ');
  if (space > max / 2) {
    cut = cut.slice(0, space);
  } else if (/[\uD800-\uDBFF]$/.test(cut)) {
    // Never half a surrogate pair: it shows as a replacement character.
    cut = cut.slice(0, -1);
  }
  return `${cut.trimEnd()}…`;
}
