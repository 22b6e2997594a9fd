// Demand as figures: money and votes abbreviated for a glance (`$12.4k`,
// `▲120`). Symbols and numbers only; the words around them ("7 customers",
// "a month") are the view's, in its language (platform/itemWords.ts).
import type { ItemSummary, Money } from './model';

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

/** `▲120`, `▲1.2k`: the votes as a tree row leads with them, read first at any width. */
export function votesFigure(votes: number): string {
  return `▲${abbreviate(votes)}`;
}

/** The monthly revenue worth showing beside the demand, short: none when missing or zero. */
export function revenueFigure(item: Pick<ItemSummary, 'revenue'>): string | undefined {
  return item.revenue && item.revenue.amount > 0 ? formatMoneyShort(item.revenue) : undefined;
}

/**
 * Most demanded first: votes, then revenue, then customers, as the Feedback
 * view ranks them (its `demand` sort). Amounts in different currencies are
 * compared as numbers: no exchange rate is known here, and the rare mixed tie
 * is not worth one.
 */
export function compareDemand(a: Pick<ItemSummary, 'votes' | 'customerCount' | 'revenue'>, b: Pick<ItemSummary, 'votes' | 'customerCount' | 'revenue'>): number {
  return b.votes - a.votes || (b.revenue?.amount ?? 0) - (a.revenue?.amount ?? 0) || b.customerCount - a.customerCount;
}
