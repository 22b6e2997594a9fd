// The totals under an impact list: "5 requests · up to 23 customers · $140k/mo".
//
// Customers cannot be summed across items: one customer may ask for several,
// and an item's summary gives a count, not who. So the sum is what it is, an
// upper bound ("up to"), beside a lower bound (the most customers of any one
// item), unless the count is exact: at most one item has customers, or every
// item's customers are known (its panel loaded them), and each is counted once
// by id. Revenue follows customers (an item's revenue is its customers'), and
// is totalled per currency: there is no exchange rate to add dollars to euros.
import type { Customer, ItemSummary, Money } from '../model';

export interface ImpactTotals {
  /** Every item impacted, with or without a summary. */
  readonly requests: number;
  readonly votes: number;
  /** Each customer once when `exact`; else the sum over items, an upper bound. */
  readonly customers: number;
  /** The most customers of one item: fewer are not reached. Equals `customers` when `exact`. */
  readonly customersAtLeast: number;
  /** A month's revenue per currency, largest first; exact or an upper bound as `customers` is. */
  readonly revenue: readonly Money[];
  readonly exact: boolean;
  /** Items the tracker gave no summary of (none connected, or not listed): counted in `requests` only. */
  readonly withoutDemand: number;
}

export function impactTotals(
  items: readonly { readonly id: string; readonly item: ItemSummary | undefined }[],
  customersOf: (id: string) => readonly Customer[] | undefined = () => undefined,
): ImpactTotals {
  const described = items.flatMap(({ item }) => (item ? [item] : []));
  const asked = described.filter((item) => item.customerCount > 0);
  const votes = described.reduce((sum, item) => sum + item.votes, 0);
  const base = { requests: items.length, votes, withoutDemand: items.length - described.length };
  const known = asked.map((item) => customersOf(item.id));
  if (asked.length > 1 && known.every((list) => list !== undefined)) {
    const distinct = new Map(known.flatMap((list) => list!.map((customer) => [customer.id, customer] as const)));
    const revenue = sumByCurrency([...distinct.values()].map((customer) => customer.revenue));
    return { ...base, customers: distinct.size, customersAtLeast: distinct.size, revenue, exact: true };
  }
  const customers = asked.reduce((sum, item) => sum + item.customerCount, 0);
  const customersAtLeast = asked.reduce((most, item) => Math.max(most, item.customerCount), 0);
  return { ...base, customers, customersAtLeast, revenue: sumByCurrency(described.map((item) => item.revenue)), exact: asked.length <= 1 };
}

function sumByCurrency(amounts: readonly (Money | null)[]): Money[] {
  const byCurrency = new Map<string, number>();
  for (const money of amounts) {
    if (money && money.amount > 0) {
      byCurrency.set(money.currency, (byCurrency.get(money.currency) ?? 0) + money.amount);
    }
  }
  return [...byCurrency].map(([currency, amount]) => ({ currency, amount })).sort((a, b) => b.amount - a.amount || (a.currency < b.currency ? -1 : 1));
}
