// The cheap question a background refresh asks first (issue 12, "Live"):
// where the tracker can filter by update time, "anything updated since the
// newest item I know?" replaces reading every group again. Every
// FULL_REFRESH_EVERY-th time the groups are read anyway (conditionally), for
// changes that leave `updatedAt` alone.
import type { ItemSource } from './itemSource';
import type { GroupState } from './groups';

/** A background refresh reads every group again (conditionally) at least every this many times, for changes that leave `updatedAt` alone. */
export const FULL_REFRESH_EVERY = 6;
/** Items the "anything newer?" question asks for. */
const PROBE_LIMIT = 10;

export class UpdateProbe {
  /** Background refreshes since the tracker was set (every FULL_REFRESH_EVERY-th reads everything). */
  private runs = 0;
  /** Items the last answer named, with their update times: known, though maybe not loaded. */
  private probed = new Map<string, string>();

  /** A new tracker: start counting again, and know nothing of it. */
  reset(): void {
    this.runs = 0;
    this.probed.clear();
  }

  /**
   * Whether the tracker has nothing newer than what is known — loaded, or
   * named by the last answer. False (read everything) every
   * FULL_REFRESH_EVERY-th time, when `mustReadAll` (after an error, over the
   * snapshot) or when the tracker cannot filter by update time. `groups` is
   * asked after that answer: the groups shown then.
   */
  async nothingNewer(source: ItemSource, signal: AbortSignal, groups: () => readonly GroupState[], mustReadAll: boolean): Promise<boolean> {
    const run = this.runs++;
    if (run % FULL_REFRESH_EVERY === 0 || mustReadAll || !(await source.supportsUpdatedSince?.())) {
      return false;
    }
    const known = this.known(groups());
    const newest = newestOf(known.values());
    if (newest === undefined) {
      return false;
    }
    const page = await source.listItems({ limit: PROBE_LIMIT, cursor: null, sort: 'updated', updatedSince: newest, signal });
    this.probed = new Map(page.items.map((item) => [item.id, item.updatedAt]));
    return page.rejected.length === 0 && page.nextCursor === null && page.items.every((item) => known.get(item.id) === item.updatedAt);
  }

  private known(groups: readonly GroupState[]): Map<string, string> {
    const known = new Map(this.probed);
    for (const group of groups) {
      for (const item of group.items) {
        known.set(item.id, item.updatedAt);
      }
    }
    return known;
  }
}

function newestOf(times: Iterable<string>): string | undefined {
  let newest: string | undefined;
  let newestMs = -Infinity;
  for (const time of times) {
    const ms = Date.parse(time);
    if (newest === undefined || ms > newestMs) {
      newest = time;
      newestMs = ms;
    }
  }
  return newest;
}
