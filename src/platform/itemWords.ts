// Feedback items in words, in the user's language: the one place that says
// "7 customers", "$12.4k a month", "No tag", for every view (the Feedback
// view's rows, trade-offs, hovers, the item pick, release notes). core/ hands
// over figures, keys and flags; statuses are named by statusLabels.ts.
import * as vscode from 'vscode';
import { formatMoneyShort, revenueFigure } from '../core/demand';
import type { GroupName } from '../core/grouping';
import type { ItemSummary } from '../core/model';
import type { RejectedEntry } from '../core/store/itemSource';
import type { GroupNode, ItemNode } from '../core/treeModel';
import { oneLine } from '../core/tradeoffs/tradeoffView';
import { statusLabel } from './statusLabels';

type Demand = Pick<ItemSummary, 'votes' | 'demandUnit' | 'customerCount' | 'revenue'>;

/** Companies named in a row's hover; the rest are on the item's panel. */
const COMPANIES_SHOWN = 5;

export function votes(count: number): string {
  return count === 1 ? vscode.l10n.t('1 vote') : vscode.l10n.t('{0} votes', count);
}

export function customers(count: number): string {
  return count === 1 ? vscode.l10n.t('1 customer') : vscode.l10n.t('{0} customers', count);
}

export function commits(count: number): string {
  return count === 1 ? vscode.l10n.t('1 commit') : vscode.l10n.t('{0} commits', count);
}

/** Feedback items asking for something (a file's demand). */
export function requests(count: number): string {
  return count === 1 ? vscode.l10n.t('1 request') : vscode.l10n.t('{0} requests', count);
}

/** `3 items`; `100+ items` when more exist than are shown. */
export function itemCount(count: number, hasMore: boolean): string {
  return hasMore ? vscode.l10n.t('{0}+ items', count) : count === 1 ? vscode.l10n.t('1 item') : vscode.l10n.t('{0} items', count);
}

/** `7 customers · $12.4k/mo`: who stands behind an item, after its votes. */
export function reach(item: Demand): string {
  const revenue = revenueFigure(item);
  return revenue === undefined ? customers(item.customerCount) : `${customers(item.customerCount)} · ${vscode.l10n.t('{0}/mo', revenue)}`;
}

/** `42 votes`, or `12 requests` where the tracker counts customer requests. */
export function demandCount(item: Pick<Demand, 'votes' | 'demandUnit'>): string {
  return item.demandUnit === 'requests' ? requests(item.votes) : votes(item.votes);
}

/** `▲ 42 · 7 customers · $12.4k/mo` (`▲ 12 requests · …` where requests are counted): demand at a glance, where no votes figure leads the line. */
export function demandLine(item: Demand): string {
  return `▲ ${item.demandUnit === 'requests' ? requests(item.votes) : item.votes} · ${reach(item)}`;
}

/** `42 votes, 7 customers, $12.4k a month`: the demand said, for an accessible name. */
export function spokenDemand(item: Demand): string {
  const revenue = revenueFigure(item);
  return [demandCount(item), customers(item.customerCount), ...(revenue === undefined ? [] : [vscode.l10n.t('{0} a month', revenue)])].join(', ');
}

/** `FB-12 · Export to CSV · Planned · ▲ 42 · 7 customers`: an item named where its code is (trade-offs); the id alone when it is unknown. */
export function itemHeader(itemId: string, item: ItemSummary | undefined): string {
  return item ? [itemId, oneLine(item.title), statusLabel(item.status), demandLine(item)].join(' · ') : itemId;
}

/** A trade-off's item that no connection of this workspace holds (a teammate's tracker): kept, shown, never sent. */
export function unknownItemHeader(itemId: string): string {
  return vscode.l10n.t('{0} · not an item of a connection here', itemId);
}

/** A group's name: its status or "No tag" in words, a tag or company as the tracker spells it. */
export function groupLabel(name: GroupName): string {
  switch (name.kind) {
    case 'status':
      return statusLabel(name.status);
    case 'tag':
      return name.value ?? vscode.l10n.t('No tag');
    case 'company':
      return name.value ?? vscode.l10n.t('No company');
    case 'named':
      return name.label;
  }
}

/** A Feedback view group's row: `Open`, `3 items`. */
export function groupRow(node: GroupNode): { readonly label: string; readonly description: string } {
  return { label: groupLabel(node.name), description: itemCount(node.count, node.hasMore) };
}

/**
 * A Feedback view item's row: `▲120 Sort invoices`, and in Awaiting Reply the
 * wait first (`3 d · ▲120 Sort invoices`): the side bar cuts a long title and
 * everything after it.
 */
export function itemRow(node: ItemNode): { readonly label: string; readonly description: string; readonly accessibleName: string; readonly tooltip: string } {
  const wait = node.waitingMs === undefined ? undefined : waitText(node.waitingMs);
  const flags = [...(node.commits > 0 ? [commits(node.commits)] : []), ...(node.stale ? [vscode.l10n.t('stale')] : [])];
  const spoken = [node.item.title, spokenDemand(node.item), ...(wait ? [vscode.l10n.t('waiting {0}', wait)] : []), ...flags].join(', ');
  const hover = itemHover(node.item, node.stale);
  return {
    label: wait ? `${wait} · ${node.label}` : node.label,
    description: [reach(node.item), ...flags].join(' · '),
    accessibleName: node.pending ? `${spoken}, ${vscode.l10n.t('pending')}` : spoken,
    tooltip: node.pending ? `${hover}\n${vscode.l10n.t('Pending: the tracker has not confirmed this change yet.')}` : hover,
  };
}

/** How long a customer has waited, short: `40 min`, `5 h`, `3 d`, `4 mo`, `2 y`. */
export function waitText(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  const hours = Math.floor(minutes / 60);
  const days = Math.floor(hours / 24);
  if (minutes < 60) {
    return vscode.l10n.t('{0} min', Math.max(1, minutes));
  }
  if (hours < 24) {
    return vscode.l10n.t('{0} h', hours);
  }
  if (days < 60) {
    return vscode.l10n.t('{0} d', days);
  }
  return days < 365 ? vscode.l10n.t('{0} mo', Math.floor(days / 30)) : vscode.l10n.t('{0} y', Math.floor(days / 365));
}

/** The row's hover, as lines of text (shown as text, never as markdown). */
function itemHover(item: ItemSummary, stale: boolean): string {
  // Revenue is shown even when zero here, with its currency code: the hover is the full account.
  const revenue = item.revenue ? ` · ${vscode.l10n.t('{0}/mo ({1})', formatMoneyShort(item.revenue), item.revenue.currency)}` : '';
  const companies = item.companies ?? [];
  const lines = [`${item.id} · ${statusLabel(item.status)}`, `${demandCount(item)} · ${customers(item.customerCount)}${revenue}`];
  if (item.tags.length > 0) {
    lines.push(vscode.l10n.t('Tags: {0}', item.tags.join(', ')));
  }
  if (companies.length > 0) {
    lines.push(vscode.l10n.t('Companies: {0}', `${companies.slice(0, COMPANIES_SHOWN).join(', ')}${companies.length > COMPANIES_SHOWN ? ', …' : ''}`));
  }
  lines.push(vscode.l10n.t('Updated {0}', item.updatedAt.slice(0, 10)));
  if (stale) {
    lines.push(vscode.l10n.t('Stale: the last refresh failed; this is the last good copy.'));
  }
  return lines.join('\n');
}

/** What the view says when there is nothing to list. */
export function emptyMessage(filter: string): string {
  return filter ? vscode.l10n.t('No items match “{0}”', filter) : vscode.l10n.t('No feedback items yet');
}

/** Items that could not be read, one a line: `FB-3: title: Required`. */
export function rejectedDetails(entries: readonly RejectedEntry[]): string {
  return entries.map((r) => `${r.id ?? vscode.l10n.t('an item without id')}: ${r.issues.join('; ')}`).join('\n');
}
