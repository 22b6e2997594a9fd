// Builders of plain items for core tests.
import type { ItemSummary, Status } from '../../src/core/model';

export function summary(n: number, overrides: Partial<ItemSummary> = {}): ItemSummary {
  return {
    id: `FB-${n}`,
    title: `Item ${n}`,
    status: 'open',
    votes: 1000 - n,
    customerCount: 3,
    revenue: { amount: 1200, currency: 'USD' },
    tags: [],
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-02T00:00:00Z',
    url: null,
    ...overrides,
  };
}

export function items(count: number, status: Status = 'open'): ItemSummary[] {
  return Array.from({ length: count }, (_, i) => summary(i + 1, { status }));
}
