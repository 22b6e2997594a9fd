// The tracker's state in memory: items by id, a search index, and the
// idempotency records. Every change goes through here so that the data file
// written afterwards holds all of it.
import type { FeedbackItem, ItemSummary } from '../core/model';
import type { IdempotencyRecord, StoredItem, TrackerData } from './data';
import { idNumber } from './data';
import { itemRevenue, toUsd } from './money';

/** Oldest idempotency records are forgotten beyond this many, so the file stays bounded. */
const MAX_IDEMPOTENCY_RECORDS = 10_000;

export class TrackerStore {
  private readonly byId = new Map<string, StoredItem>();
  private readonly haystacks = new Map<string, string>();
  private readonly idempotency = new Map<string, IdempotencyRecord>();
  private readonly revenuesUsd = new Map<string, number>();
  private nextId: number;

  constructor(private readonly data: TrackerData) {
    this.nextId = data.nextId;
    data.items.sort((a, b) => idNumber(a.id) - idNumber(b.id));
    for (const item of data.items) {
      this.byId.set(item.id, item);
      // Title, description and tags never change through the API, so the index is built once.
      this.haystacks.set(item.id, [item.title, item.description, ...item.tags].join('\n').toLowerCase());
      // Customers never change through the API either; the demand sort needs this on every list.
      this.revenuesUsd.set(item.id, toUsd(itemRevenue(item.customers)));
    }
    for (const record of data.idempotency) {
      this.idempotency.set(record.key, record);
    }
  }

  get items(): readonly StoredItem[] {
    return this.data.items;
  }

  find(id: string): StoredItem | undefined {
    return this.byId.get(id);
  }

  /** Lower-cased title, description and tags: what `q` searches. */
  haystack(item: StoredItem): string {
    return this.haystacks.get(item.id) ?? '';
  }

  /** The item's revenue in USD at the fixed rates, 0 when it has none. */
  revenueUsd(item: StoredItem): number {
    return this.revenuesUsd.get(item.id) ?? 0;
  }

  newId(prefix: 'CM' | 'LK' | 'TO'): string {
    return `${prefix}-${this.nextId++}`;
  }

  recall(key: string): IdempotencyRecord | undefined {
    return this.idempotency.get(key);
  }

  remember(record: IdempotencyRecord): void {
    this.idempotency.set(record.key, record);
    if (this.idempotency.size > MAX_IDEMPOTENCY_RECORDS) {
      const oldest = this.idempotency.keys().next();
      if (!oldest.done) {
        this.idempotency.delete(oldest.value);
      }
    }
  }

  /** The whole state as the data file holds it. */
  toJson(): string {
    const data: TrackerData = {
      version: 1,
      nextId: this.nextId,
      items: this.data.items,
      idempotency: [...this.idempotency.values()],
    };
    return JSON.stringify(data);
  }
}

/** An item's web page, as the API links to it (with its page key: see access.ts). */
export type ItemUrl = (id: string) => string;

export function toSummary(item: StoredItem, itemUrl: ItemUrl): ItemSummary {
  const companies = [...new Set(item.customers.flatMap((c) => (c.company === null ? [] : [c.company])))];
  return {
    id: item.id,
    title: item.title,
    status: item.status,
    votes: item.votes,
    customerCount: item.customers.length,
    revenue: itemRevenue(item.customers),
    tags: item.tags,
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
    url: itemUrl(item.id),
    companies,
    ...lastPublicComment(item),
  };
}

/** Who spoke last where customers read it: internal notes are no answer to them. */
function lastPublicComment(item: StoredItem): Pick<ItemSummary, 'lastCommentAt' | 'lastCommentRole'> {
  let last: StoredItem['comments'][number] | undefined;
  for (const comment of item.comments) {
    if (comment.visibility === 'public' && (!last || Date.parse(comment.createdAt) >= Date.parse(last.createdAt))) {
      last = comment;
    }
  }
  return { lastCommentAt: last?.createdAt ?? null, lastCommentRole: last?.author.role ?? null };
}

export function toItem(item: StoredItem, itemUrl: ItemUrl): FeedbackItem {
  return {
    ...toSummary(item, itemUrl),
    description: item.description,
    customers: item.customers,
    commentCount: item.comments.length,
  };
}
