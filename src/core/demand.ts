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
