// The customer impact as a markdown block for a pull request's description
// (Copy Customer Impact): the totals, then each item with its demand, a
// customer's words and the trade-offs touched. Part of the impact bundle
// (dist/impact.js): it runs only when the command does.
//
// Titles, quotes, trade-off summaries and ids come from customers, trackers and
// repositories: untrusted. Each is made one bounded line, and every character
// markdown reads is escaped, so it shows as the text it is and cannot add
// links, images, HTML, headings or leave its bullet or quote.
import * as vscode from 'vscode';
import type { Impact, ImpactedItem, ImpactReason } from '../../core/impact/impact';
import { demandCount, reach } from '../../platform/itemWords';
import { SEPARATOR, linesOf, shortened, totalsLine } from './impactText';

/** Longest quote shown, ellipsis included: a taste of the thread, not the thread. */
const QUOTE_MAX = 140;
const TITLE_MAX = 200;
const SUMMARY_MAX = 200;
const ID_MAX = 60;
/** Longer URLs are not linked: no tracker makes them, and they would swamp the description. */
const URL_MAX = 2048;

/** Where the impact markdown finds what the impact does not hold. */
export interface ImpactMarkdownSources {
  /** What a customer said about the item (its first customer comment), if read. */
  quoteOf(itemId: string): string | undefined;
  tradeOffSummary(tradeOffId: string): string | undefined;
  /** The item's page; the item summary's `url` when not given or undefined. */
  urlOf?(itemId: string): string | undefined;
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
/** An item's bullet, then its quote and the trade-offs the changes touch, indented under it. */
function itemLines({ id, item, reasons }: ImpactedItem, sources: ImpactMarkdownSources): string[] {
  const name = `**${markdownText(id, ID_MAX) || vscode.l10n.t('(no id)')}**`;
  const head = item
    ? `- ${name} ${titleLink(item.title, sources.urlOf?.(id) ?? item.url)} — ${demandCount(item)}${SEPARATOR}${reach(item)}`
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
