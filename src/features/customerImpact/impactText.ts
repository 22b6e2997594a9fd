// The customer impact in words, in the user's language: the totals, the
// CodeLens over changed lines, each reason an item is impacted, and the
// markdown block for a pull request's description. core/impact/impact.ts
// decides what is impacted and why; this only says it.
//
// Titles, quotes, trade-off summaries, ids, paths and branch names come from
// customers, trackers and repositories: untrusted. Each is made one bounded
// line (no line breaks, controls or bidi overrides), and in markdown every
// character with a meaning is escaped, so it shows as the text it is and
// cannot add links, images, HTML, headings or leave its bullet or quote.
import * as vscode from 'vscode';
import { formatMoneyShort } from '../../core/demand';
import { singleLineText } from '../../core/displayText';
import type { LineRange } from '../../core/impact/diff';
import type { Impact, ImpactedItem, ImpactReason } from '../../core/impact/impact';
import type { ImpactTotals } from '../../core/impact/impactTotals';
import { customers, reach, requests, votes } from '../../platform/itemWords';

/** Where the impact markdown finds what the impact does not hold. */
export interface ImpactMarkdownSources {
  /** What a customer said about the item (its first customer comment), if read. */
  quoteOf(itemId: string): string | undefined;
  tradeOffSummary(tradeOffId: string): string | undefined;
  /** The item's page; the item summary's `url` when not given or undefined. */
  urlOf?(itemId: string): string | undefined;
}

const SEPARATOR = ' · ';
/** Longest quote shown, ellipsis included: a taste of the thread, not the thread. */
const QUOTE_MAX = 140;
const TITLE_MAX = 200;
const SUMMARY_MAX = 200;
const ID_MAX = 60;
const NAME_MAX = 100;
/** Longer URLs are not linked: no tracker makes them, and they would swamp the description. */
const URL_MAX = 2048;
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

/** The `### Customer impact` block for a pull request's description: the totals, then each item, most demanded first. */
export function impactMarkdown(impact: Impact, sources: ImpactMarkdownSources): string {
  const heading = `### ${vscode.l10n.t('Customer impact')}`;
  if (impact.items.length === 0) {
    return `${heading}\n\n${vscode.l10n.t('These changes touch no code linked to feedback.')}\n`;
  }
  const items = impact.items.flatMap((entry) => itemLines(entry, sources));
  return `${[heading, '', totalsLine(impact.totals), '', ...items].join('\n')}\n`;
}

/** `line 40 of billing.ts`, `lines 40–58 of billing.ts`: the file by its name, enough beside the tree's repository. */
function linesOf(lines: LineRange, path: string): string {
  const file = shortened(path.slice(path.lastIndexOf('/') + 1), NAME_MAX);
  return lines.start === lines.end ? vscode.l10n.t('line {0} of {1}', lines.start, file) : vscode.l10n.t('lines {0}–{1} of {2}', lines.start, lines.end, file);
}

/** An item's bullet, then its quote and the trade-offs the changes touch, indented under it. */
function itemLines({ id, item, reasons }: ImpactedItem, sources: ImpactMarkdownSources): string[] {
  const name = `**${markdownText(id, ID_MAX) || vscode.l10n.t('(no id)')}**`;
  const head = item
    ? `- ${name} ${titleLink(item.title, sources.urlOf?.(id) ?? item.url)} — ${votes(item.votes)}${SEPARATOR}${reach(item)}`
    : `- ${name} ${vscode.l10n.t('(not in the tracker)')}`;
  const quote = markdownText(sources.quoteOf(id) ?? '', QUOTE_MAX);
  return [head, ...(quote ? [`  > ${vscode.l10n.t('"{0}"', quote)}`] : []), ...tradeOffLines(reasons, sources)];
}

/** One bullet per trade-off touched; by its place when its summary is unknown (its file is not loaded). */
function tradeOffLines(reasons: readonly ImpactReason[], sources: ImpactMarkdownSources): string[] {
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const reason of reasons) {
    if (reason.kind === 'tradeOff' && !seen.has(reason.tradeOffId)) {
      seen.add(reason.tradeOffId);
      const summary = markdownText(sources.tradeOffSummary(reason.tradeOffId) ?? '', SUMMARY_MAX) || markdownText(linesOf(reason.lines, reason.path), SUMMARY_MAX);
      lines.push(`  - ${vscode.l10n.t('Trade-off: {0}', summary)}`);
    }
  }
  return lines;
}

/** The title, linked to the item's page when that is an http(s) URL. */
function titleLink(title: string, url: string | null | undefined): string {
  const text = markdownText(title, TITLE_MAX) || vscode.l10n.t('(untitled)');
  const target = linkTarget(url);
  return target === undefined ? text : `[${text}](${target})`;
}

/**
 * An http(s) URL as a markdown link destination, or undefined. `URL.href` is
 * ASCII with spaces, quotes and angle brackets percent-encoded; what markdown
 * still reads in a destination is encoded too: `(` `)` end or nest it, `\`
 * escapes, and `&name;` is decoded (escaped with `\`, as percent-encoding
 * would change a query's meaning).
 */
function linkTarget(url: string | null | undefined): string | undefined {
  const parsed = parseUrl(url);
  if (!parsed || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')) {
    return undefined;
  }
  return parsed.href
    .replace(/[^\w\-.~:/?#[\]@!$&'*+,;=%]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`)
    .replace(/&(?=#?\w+;)/g, '\\&');
}

function parseUrl(url: string | null | undefined): URL | undefined {
  if (!url || url.length > URL_MAX) {
    return undefined;
  }
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

/** Untrusted text as inline markdown that shows as itself: one line, at most `max` characters before escaping. */
function markdownText(text: string, max: number): string {
  return (
    shortened(text, max)
      // Every ASCII punctuation character CommonMark or GitHub reads: links, images, HTML, entities, code, emphasis, tables, math, headings.
      .replace(/[\\`*_[\]()<>#!|~&$@]/g, (c) => `\\${c}`)
      // GitHub links bare `https://…` and `www.…`: an escaped `:` or `.` keeps them text.
      .replace(/:(?=\/)/g, '\\:')
      .replace(/(www)\./gi, '$1\\.')
  );
}

/** One line of at most `max` characters: cut at a word when that keeps half, with `…`. */
function shortened(text: string, max: number): string {
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
