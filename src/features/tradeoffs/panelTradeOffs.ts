// The item panel's Trade-offs section: the workspace's trade-offs of an item
// (at their live places) and the tracker's, a trade-off both hold shown once.
import type { TradeOff } from '../../core/model';
import type { LivePlace } from '../../core/tradeoffs/liveAnchors';
import type { StoredTradeOff } from '../../core/tradeoffs/tradeoffFile';
import type { PanelTradeOff } from '../../shared/itemPanelProtocol';

/** The same decision on the same file: the tracker keeps no id of ours, so summary and path identify it. */
function sameTradeOff(local: StoredTradeOff, remote: TradeOff): boolean {
  return local.summary === remote.summary && local.location.path === remote.location.path;
}

/** `isItem`: whether a trade-off's stored item id names the panel's item (with several connections, a stored id resolves to a connection). */
export function mergePanelTradeOffs(
  isItem: (storedItemId: string) => boolean,
  local: readonly StoredTradeOff[],
  place: (t: StoredTradeOff) => LivePlace,
  remote: readonly TradeOff[],
): PanelTradeOff[] {
  const mine = local.filter((t) => isItem(t.itemId));
  const fromWorkspace: PanelTradeOff[] = mine.map((t) => {
    const p = place(t);
    return {
      id: t.id,
      summary: t.summary,
      rationale: t.rationale,
      author: t.author,
      path: t.location.path,
      startLine: p.startLine,
      endLine: p.endLine,
      detached: p.detached,
      resolved: t.state === 'resolved',
      inWorkspace: true,
    };
  });
  const fromTracker: PanelTradeOff[] = remote
    .filter((r) => !mine.some((t) => sameTradeOff(t, r)))
    .map((r) => ({
      id: r.id,
      summary: r.summary,
      rationale: r.rationale,
      author: r.author,
      path: r.location.path,
      startLine: r.location.startLine,
      endLine: r.location.endLine,
      detached: false,
      resolved: false,
      inWorkspace: false,
    }));
  return [...fromWorkspace, ...fromTracker].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.startLine - b.startLine));
}
