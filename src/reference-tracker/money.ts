// Revenue arithmetic of the reference tracker. Fixed exchange rates keep the
// demand sort deterministic; they are sample data, not finance.
import type { Customer, Money } from '../core/model';

/** USD per unit of each currency the sample data uses. */
export const USD_RATES: Readonly<Record<string, number>> = { USD: 1, EUR: 1.08, GBP: 1.27 };

export function toUsd(money: Money | null): number {
  if (!money) {
    return 0;
  }
  return money.amount * (USD_RATES[money.currency] ?? 1);
}

/**
 * An item's revenue: the customers' revenue summed in the item's dominant
 * currency, which is the currency carrying the largest share of that revenue
 * once converted to USD (ties go to USD, then EUR, then GBP). Other currencies
 * are converted at USD_RATES; the sum is rounded to whole units. No customer
 * with revenue → null.
 */
export function itemRevenue(customers: readonly Customer[]): Money | null {
  const usdByCurrency = new Map<string, number>();
  for (const customer of customers) {
    if (customer.revenue) {
      const currency = customer.revenue.currency;
      usdByCurrency.set(currency, (usdByCurrency.get(currency) ?? 0) + toUsd(customer.revenue));
    }
  }
  if (usdByCurrency.size === 0) {
    return null;
  }
  let dominant = '';
  let best = -1;
  for (const currency of Object.keys(USD_RATES).concat([...usdByCurrency.keys()])) {
    const usd = usdByCurrency.get(currency) ?? -1;
    if (usd > best) {
      best = usd;
      dominant = currency;
    }
  }
  const totalUsd = [...usdByCurrency.values()].reduce((a, b) => a + b, 0);
  return { amount: Math.round(totalUsd / (USD_RATES[dominant] ?? 1)), currency: dominant };
}
