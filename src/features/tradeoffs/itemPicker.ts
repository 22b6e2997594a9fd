// Picks the feedback item a trade-off is about: a quick pick with search
// (the tracker's text search as the user types), the branch's item first.
import * as vscode from 'vscode';
import { describeDemand, STATUS_LABELS } from '../../core/demand';
import type { ItemSummary } from '../../core/model';
import type { TrackerClient } from '../../trackers/tracker';

interface ItemPick extends vscode.QuickPickItem {
  readonly itemId: string;
}

function toPick(item: ItemSummary, current: boolean): ItemPick {
  return {
    itemId: item.id,
    label: `${item.id} · ${item.title.replace(/\s+/g, ' ').trim()}`,
    description: current ? vscode.l10n.t('current branch') : STATUS_LABELS[item.status],
    detail: describeDemand(item),
  };
}

/** Puts the branch's item (if any) first, then keeps the order given (by demand). */
export function orderForPicker(items: readonly ItemSummary[], currentId: string | undefined): ItemSummary[] {
  const unique = [...new Map(items.map((i) => [i.id, i])).values()];
  return currentId === undefined ? unique : [...unique.filter((i) => i.id === currentId), ...unique.filter((i) => i.id !== currentId)];
}

export async function pickItem(tracker: TrackerClient, known: readonly ItemSummary[], currentId: (items: readonly ItemSummary[]) => string | undefined): Promise<string | undefined> {
  const pick = vscode.window.createQuickPick<ItemPick>();
  pick.title = vscode.l10n.t('Mark Trade-off: which feedback item is it about?');
  pick.placeholder = vscode.l10n.t('Search feedback items by title or id');
  pick.matchOnDescription = true;
  let items = [...known];
  const show = (): void => {
    const current = currentId(items);
    pick.items = orderForPicker(items, current).map((i) => toPick(i, i.id === current));
  };
  let searches = 0;
  const search = async (q: string): Promise<void> => {
    const generation = ++searches;
    pick.busy = true;
    try {
      const page = await tracker.listItems(q ? { q, limit: 50 } : { limit: 100 });
      if (generation === searches) {
        items = [...page.items, ...items];
        show();
      }
    } catch {
      // The list already shown stays; the search box still filters it.
    } finally {
      if (generation === searches) {
        pick.busy = false;
      }
    }
  };
  show();
  let timer: NodeJS.Timeout | undefined;
  const disposables = [
    pick.onDidChangeValue((value) => {
      clearTimeout(timer);
      timer = setTimeout(() => void search(value.trim()), 250);
    }),
  ];
  if (known.length === 0) {
    void search('');
  }
  try {
    return await new Promise<string | undefined>((resolve) => {
      disposables.push(pick.onDidAccept(() => resolve(pick.selectedItems[0]?.itemId)));
      disposables.push(pick.onDidHide(() => resolve(undefined)));
      pick.show();
    });
  } finally {
    clearTimeout(timer);
    disposables.forEach((d) => d.dispose());
    pick.dispose();
  }
}
