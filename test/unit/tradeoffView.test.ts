import './vscodeL10n';
import * as assert from 'node:assert/strict';
import type { ItemSummary, TradeOff } from '../../src/core/model';
import type { StoredTradeOff } from '../../src/core/tradeoffs/tradeoffFile';
import { groupTradeOffs, itemIdFromBranch } from '../../src/core/tradeoffs/tradeoffView';
import { mergePanelTradeOffs } from '../../src/features/tradeoffs/panelTradeOffs';
import { groupDescription, rowDescription } from '../../src/features/tradeoffs/tradeoffTree';
import { itemHeader } from '../../src/platform/itemWords';

function stored(id: string, itemId: string, path: string, startLine: number, state: StoredTradeOff['state'] = 'open'): StoredTradeOff {
  return {
    id, itemId, summary: `decision ${id}`, rationale: '', state, author: 'a', createdAt: '2025-01-01T00:00:00.000Z',
    location: { repository: 'r', path, startLine, endLine: startLine + 1, commit: null },
    anchor: { fingerprint: '0000000000000000', lines: ['x', 'y'] },
    replies: [],
  };
}

const ITEM: ItemSummary = {
  id: 'FB-12', title: 'Export  to\nCSV', status: 'planned', votes: 42, customerCount: 7, revenue: { amount: 12_400, currency: 'USD' },
  tags: [], createdAt: '2025-01-01T00:00:00.000Z', updatedAt: '2025-01-01T00:00:00.000Z', url: null,
};

describe('trade-off views', () => {
  it('finds the branch\'s item as a whole word, the longest id first', () => {
    assert.equal(itemIdFromBranch('feedback/fb-12-export', ['FB-1', 'FB-12']), 'FB-12');
    assert.equal(itemIdFromBranch('feedback/FB-120-x', ['FB-12']), undefined);
    assert.equal(itemIdFromBranch(undefined, ['FB-12']), undefined);
  });

  it('heads a thread with the item\'s id, title on one line, status and demand', () => {
    assert.equal(itemHeader('FB-12', ITEM), 'FB-12 · Export to CSV · Planned · ▲ 42 · 7 customers · $12.4k/mo');
    assert.equal(itemHeader('FB-9', undefined), 'FB-9');
  });

  it('shows no bidi control of a summary, a path or an item title in the tree or a thread label', () => {
    const hostile = { ...stored('to-x', 'FB-12', 'src/\u202Eevil.ts', 3), summary: 'Keep \u202Eevil\u202C \u2067here' };
    const item = { ...ITEM, title: 'Export \u202Elive' };
    const groups = [...groupTradeOffs([{ tradeOff: hostile, place: { startLine: 3, endLine: 4, detached: false, lines: [] } }], 'file', () => undefined),
      ...groupTradeOffs([{ tradeOff: hostile, place: { startLine: 3, endLine: 4, detached: false, lines: [] } }], 'item', () => item)];
    const shown = [itemHeader('FB-12', item), ...groups.flatMap((g) => [g.label, groupDescription(g), ...g.rows.flatMap((r) => [r.label, rowDescription(r)])])];
    assert.deepEqual(shown.filter((text) => /[\u202A-\u202E\u2066-\u2069]/.test(text)), []);
    assert.equal(groups[1].rows[0].label, 'Keep evil here');
  });

  it('groups by file or by item, counts the detached and keeps them', () => {
    const placed = [
      { tradeOff: stored('to-b', 'FB-12', 'src/b.ts', 9), place: { startLine: 9, endLine: 10, detached: true, lines: [] } },
      { tradeOff: stored('to-a', 'FB-12', 'src/a.ts', 3, 'resolved'), place: { startLine: 4, endLine: 5, detached: false, lines: [] } },
      { tradeOff: stored('to-c', 'FB-3', 'src/a.ts', 1), place: { startLine: 1, endLine: 2, detached: false, lines: [] } },
    ];
    const byFile = groupTradeOffs(placed, 'file', () => undefined);
    assert.deepEqual(byFile.map((g) => [g.label, groupDescription(g), g.rows.map(rowDescription)]), [
      ['src/a.ts', '2', ['L1–2 · FB-3', 'L4–5 · FB-12 · resolved']],
      ['src/b.ts', '1 (1 detached)', ['L9–10 · FB-12 · detached']],
    ]);
    const byItem = groupTradeOffs(placed, 'item', (id) => (id === 'FB-12' ? ITEM : undefined));
    assert.deepEqual(byItem.map((g) => g.label), ['FB-12 · Export to CSV', 'FB-3']);
    assert.deepEqual(byItem[0].rows.map((r) => r.contextValue), ['tradeoff:resolved', 'tradeoff:detached']);
    assert.deepEqual(byItem[0].rows.map(rowDescription), ['src/a.ts:4 · resolved', 'src/b.ts:9 · detached']);
    const both = { ...byItem[0].rows[1], resolved: true };
    assert.equal(rowDescription(both), 'src/b.ts:9 · detached, resolved');
  });

  it('lists an item\'s trade-offs once on the panel: the workspace\'s at their live place, then the tracker\'s others', () => {
    const local = [stored('to-a', 'FB-12', 'src/a.ts', 3), stored('to-x', 'FB-3', 'src/x.ts', 1)];
    const remote: TradeOff[] = [
      { id: 'TO-1', summary: 'decision to-a', rationale: '', author: 'a', createdAt: '2025-01-01T00:00:00.000Z', location: { repository: 'r', path: 'src/a.ts', startLine: 3, endLine: 4, commit: null } },
      { id: 'TO-2', summary: 'from elsewhere', rationale: '', author: 'b', createdAt: '2025-01-01T00:00:00.000Z', location: { repository: 'r', path: 'lib/z.ts', startLine: 7, endLine: 7, commit: null } },
    ];
    const merged = mergePanelTradeOffs((id) => id === 'FB-12', local, () => ({ startLine: 8, endLine: 9, detached: false, lines: [] }), remote);
    assert.deepEqual(merged.map((t) => [t.id, t.path, t.startLine, t.inWorkspace]), [['TO-2', 'lib/z.ts', 7, false], ['to-a', 'src/a.ts', 8, true]]);
  });
});
