// Dates, money and counts in the editor's locale. Intl throws on a bad locale
// or currency code; a panel must still render, so every formatter falls back.
import type { PanelMoney } from '../../shared/itemPanelProtocol';

export function formatMoney(money: PanelMoney, locale: string): string {
  try {
    return new Intl.NumberFormat(locale, {
      style: 'currency',
      currency: money.currency,
      maximumFractionDigits: 0,
    }).format(money.amount);
  } catch {
    return `${Math.round(money.amount)} ${money.currency}`;
  }
}

export function formatCount(value: number, locale: string): string {
  try {
    return new Intl.NumberFormat(locale).format(value);
  } catch {
    return String(value);
  }
}

export function formatDate(iso: string, locale: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) {
    return iso;
  }
  try {
    return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
  } catch {
    return date.toISOString();
  }
}
