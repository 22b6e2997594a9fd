// How demand reads at a glance: `▲ 42 · 7 customers · $12.4k/mo`.
import type { ItemSummary, Money, Status } from './model';

const CURRENCY_SYMBOLS: Readonly<Record<string, string>> = { USD: '$', EUR: '€', GBP: '£', JPY: '¥' };

/** `$12.4k`, `€950`, `CHF 1.2M`: short, for a tree row. */
export function formatMoneyShort(money: Money): string {
  const symbol = CURRENCY_SYMBOLS[money.currency];
  const amount = abbreviate(money.amount);
  return symbol ? `${symbol}${amount}` : `${money.currency} ${amount}`;
}

function abbreviate(amount: number): string {
  const units: readonly [number, string][] = [
    [1e9, 'B'],
    [1e6, 'M'],
    [1e3, 'k'],
  ];
  for (const [size, suffix] of units) {
    if (amount >= size) {
      const scaled = amount / size;
      return `${scaled >= 100 ? Math.round(scaled) : trimZero(scaled.toFixed(1))}${suffix}`;
    }
  }
  return String(Math.round(amount));
}

function trimZero(text: string): string {
  return text.endsWith('.0') ? text.slice(0, -2) : text;
}

export function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** `▲120`, `▲1.2k`: the votes as a tree row leads with them, read first at any width. */
export function votesFigure(votes: number): string {
  return `▲${abbreviate(votes)}`;
}

/** `7 customers · $12.4k/mo`: who stands behind an item, after its votes. */
export function describeReach(item: Pick<ItemSummary, 'customerCount' | 'revenue'>): string {
  const parts = [plural(item.customerCount, 'customer', 'customers')];
  if (item.revenue && item.revenue.amount > 0) {
    parts.push(`${formatMoneyShort(item.revenue)}/mo`);
  }
  return parts.join(' · ');
}

/** The demand spoken: `42 votes, 7 customers, $12.4k a month`, for a row's accessible name. */
export function spokenDemand(item: Pick<ItemSummary, 'votes' | 'customerCount' | 'revenue'>): string {
  const parts = [plural(item.votes, 'vote', 'votes'), plural(item.customerCount, 'customer', 'customers')];
  if (item.revenue && item.revenue.amount > 0) {
    parts.push(`${formatMoneyShort(item.revenue)} a month`);
  }
  return parts.join(', ');
}

export function describeDemand(item: Pick<ItemSummary, 'votes' | 'customerCount' | 'revenue'>): string {
  const parts = [`▲ ${item.votes}`, plural(item.customerCount, 'customer', 'customers')];
  if (item.revenue && item.revenue.amount > 0) {
    parts.push(`${formatMoneyShort(item.revenue)}/mo`);
  }
  return parts.join(' · ');
}

export const STATUS_LABELS: Readonly<Record<Status, string>> = {
  open: 'Open',
  'under-review': 'Under Review',
  planned: 'Planned',
  'in-progress': 'In Progress',
  shipped: 'Shipped',
  closed: 'Closed',
};
