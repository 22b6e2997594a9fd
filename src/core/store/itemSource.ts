// What the store asks of a tracker (`ItemSource`), and the guards on what it
// answers: a tracker's cursors and rejected items are input like any other.
import type { ItemSummary, Sort, Status } from '../model';

/** No list is read past this many pages (100,000 items at 200 a page): a tracker's cursors are input like any other. */
export const MAX_PAGES = 500;

export interface ItemSourceQuery {
  readonly limit: number;
  readonly cursor: string | null;
  readonly statuses?: readonly Status[];
  readonly q?: string;
  readonly sort: Sort;
  readonly signal: AbortSignal;
  /** Only items updated at or after this time (ISO 8601), where `supportsUpdatedSince` says the tracker can. */
  readonly updatedSince?: string;
}

export interface RejectedEntry {
  readonly id: string | undefined;
  readonly issues: readonly string[];
}

export interface ItemSourcePage {
  readonly items: readonly ItemSummary[];
  readonly nextCursor: string | null;
  readonly rejected: readonly RejectedEntry[];
}

export interface ItemSource {
  /** The tracker as people know it (its address, or "the sample tracker"), for messages. */
  readonly name?: string;
  listItems(query: ItemSourceQuery): Promise<ItemSourcePage>;
  /** Whether `listItems` honours `updatedSince`; absent = it does not. */
  supportsUpdatedSince?(): Promise<boolean>;
}

/**
 * The cursors one paged read was given. A tracker that repeats a cursor (or
 * never stops) would be asked again as fast as it answers, for ever: the read
 * stops with an error that names the tracker, which the view shows.
 */
export class Cursors {
  private readonly seen = new Set<string>();
  private pages = 1; // the first page is asked without a cursor

  constructor(private readonly source: ItemSource) {}

  /** The cursor to ask for next, or null at the end; throws when the tracker pages without end. */
  next(cursor: string | null): string | null {
    if (cursor === null) {
      return null;
    }
    if (this.seen.has(cursor)) {
      throw new PagingError('repeatedPage', this.source.name, this.pages);
    }
    if (this.pages >= MAX_PAGES) {
      throw new PagingError('tooManyPages', this.source.name, MAX_PAGES);
    }
    this.seen.add(cursor);
    this.pages++;
    return cursor;
  }
}

/**
 * A tracker that pages without end: `repeatedPage` (it sent a page it had
 * already sent; `pages` read by then) or `tooManyPages` (more than `pages`).
 * A kind, not words: the platform words it in the user's language.
 */
export class PagingError extends Error {
  constructor(
    readonly reason: 'repeatedPage' | 'tooManyPages',
    readonly tracker: string | undefined,
    readonly pages: number,
  ) {
    super(`${tracker ?? 'The tracker'}: ${reason === 'repeatedPage' ? `a page sent twice after ${pages} pages` : `more than ${pages} pages`}; stopped reading`);
    this.name = 'PagingError';
  }
}

/** One entry per rejected item, however many queries returned it (status queries may each return a broken item). */
export function onceEach(rejected: readonly RejectedEntry[]): RejectedEntry[] {
  const byKey = new Map<string, RejectedEntry>();
  for (const entry of rejected) {
    const key = entry.id === undefined ? `\u0000${entry.issues.join('\n')}` : entry.id;
    if (!byKey.has(key)) {
      byKey.set(key, entry);
    }
  }
  return [...byKey.values()];
}
