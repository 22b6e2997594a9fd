// Test doubles for item details: a tracker whose per-part answers the test
// holds and lets go one by one, reading its data either when asked or at a
// later moment (as over a network, where a write can land in between), and
// builders of the items, comments, links and trade-offs it holds.
import type { ItemSource } from '../../src/core/feedbackStore';
import type { DetailSource } from '../../src/core/itemDetails';
import type { Comment, CommitLink, FeedbackItem, TradeOff } from '../../src/core/model';
import type { SessionTracker } from '../../src/core/session';

export type PartName = 'item' | 'comments' | 'links' | 'tradeOffs';
export const PARTS: readonly PartName[] = ['item', 'comments', 'links', 'tradeOffs'];

const AT = '2025-01-01T00:00:00Z';

export function fullItem(id: string, overrides: Partial<FeedbackItem> = {}): FeedbackItem {
  return {
    id,
    title: `Title ${id}`,
    status: 'open',
    votes: 1,
    customerCount: 0,
    revenue: null,
    tags: [],
    createdAt: AT,
    updatedAt: AT,
    url: null,
    description: `Description of ${id}`,
    customers: [],
    commentCount: 0,
    ...overrides,
  };
}

export function comment(id: string, body = `Comment ${id}`, role: 'customer' | 'team' = 'customer'): Comment {
  return { id, author: { name: role === 'team' ? 'Team' : 'Ada', role }, body, visibility: 'public', createdAt: AT };
}

export function link(n: number, repository = 'acme/app'): CommitLink {
  return { id: `L${n}`, sha: n.toString(16).padStart(40, '0'), repository, subject: `Commit ${n}`, author: 'Ada', committedAt: AT, url: null };
}

export function tradeOff(id: string): TradeOff {
  return { id, summary: `Trade-off ${id}`, rationale: 'why', location: { repository: 'acme/app', path: 'src/a.ts', startLine: 1, endLine: 2, commit: null }, author: 'Ada', createdAt: AT };
}

interface Held {
  readonly part: PartName;
  readonly id: string;
  readonly signal: AbortSignal | undefined;
  read?: unknown;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

interface Which {
  readonly part?: PartName;
  readonly id?: string;
}

/** A tracker of items with threads, links and trade-offs; `hold` keeps its answers until the test lets them go. */
export class HeldTracker implements DetailSource, SessionTracker {
  readonly items = new Map<string, FeedbackItem>();
  readonly comments = new Map<string, Comment[]>();
  readonly links = new Map<string, CommitLink[]>();
  readonly tradeOffs = new Map<string, TradeOff[]>();
  readonly calls: { part: PartName; id: string; signal: AbortSignal | undefined }[] = [];
  readonly kind = 'fake';
  readonly capabilities = { internalNotes: true };
  hold = false;
  private held: Held[] = [];

  constructor(...items: FeedbackItem[]) {
    items.forEach((i) => this.items.set(i.id, i));
  }

  getItem(id: string, signal?: AbortSignal): Promise<FeedbackItem> {
    return this.request('item', id, signal);
  }
  listComments(id: string, signal?: AbortSignal): Promise<readonly Comment[]> {
    return this.request('comments', id, signal);
  }
  listLinks(id: string, signal?: AbortSignal): Promise<readonly CommitLink[]> {
    return this.request('links', id, signal);
  }
  listTradeOffs(id: string, signal?: AbortSignal): Promise<readonly TradeOff[]> {
    return this.request('tradeOffs', id, signal);
  }
  readonly listItems: ItemSource['listItems'] = async () => ({ items: [...this.items.values()], nextCursor: null, rejected: [] });

  callsOf(part: PartName, id?: string): number {
    return this.calls.filter((c) => c.part === part && (id === undefined || c.id === id)).length;
  }

  /** Requests still waiting for an answer. */
  waiting(pick: Which = {}): number {
    return this.matching(pick).length;
  }

  /** The tracker reads its data now for the held requests (the answer arrives later, without what lands meanwhile). */
  read(pick: Which = {}): void {
    for (const h of this.matching(pick)) {
      h.read ??= this.snapshot(h.part, h.id);
    }
  }

  /** Answers the held requests (with what they read, else what the tracker has now). */
  answer(pick: Which = {}): void {
    for (const h of this.take(pick)) {
      try {
        h.resolve(h.read ?? this.snapshot(h.part, h.id));
      } catch (error) {
        h.reject(error);
      }
    }
  }

  /** The held requests fail with `error`. */
  fail(error: unknown, pick: Which = {}): void {
    this.take(pick).forEach((h) => h.reject(error));
  }

  /** One held request by position (mod the count): answered, read or failed. */
  nth(n: number): { answer(): void; read(): void; fail(error: unknown): void } | undefined {
    const h = this.held[n % Math.max(1, this.held.length)];
    if (!h) {
      return undefined;
    }
    const remove = () => (this.held = this.held.filter((x) => x !== h));
    return {
      answer: () => {
        remove();
        h.resolve(h.read ?? this.snapshot(h.part, h.id));
      },
      read: () => void (h.read ??= this.snapshot(h.part, h.id)),
      fail: (error) => {
        remove();
        h.reject(error);
      },
    };
  }

  private request<T>(part: PartName, id: string, signal: AbortSignal | undefined): Promise<T> {
    this.calls.push({ part, id, signal });
    if (!this.hold) {
      return new Promise<T>((resolve) => resolve(this.snapshot(part, id) as T));
    }
    return new Promise<T>((resolve, reject) => this.held.push({ part, id, signal, resolve: resolve as (v: unknown) => void, reject }));
  }

  private matching(pick: Which): Held[] {
    return this.held.filter((h) => (pick.part === undefined || h.part === pick.part) && (pick.id === undefined || h.id === pick.id));
  }

  private take(pick: Which): Held[] {
    const taken = this.matching(pick);
    this.held = this.held.filter((h) => !taken.includes(h));
    return taken;
  }

  /** A copy of what the tracker has, as an answer would carry it (later changes do not reach it). */
  private snapshot(part: PartName, id: string): unknown {
    switch (part) {
      case 'item': {
        const item = this.items.get(id);
        if (!item) {
          throw new Error(`${id} not found`);
        }
        return { ...item };
      }
      case 'comments':
        return [...(this.comments.get(id) ?? [])];
      case 'links':
        return [...(this.links.get(id) ?? [])];
      case 'tradeOffs':
        return [...(this.tradeOffs.get(id) ?? [])];
    }
  }
}
