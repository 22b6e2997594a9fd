// What a Feedback view row shows, made safe to show: every text a node carries
// comes from the tracker somewhere (titles, tags, companies, error texts), so
// every one goes through core/displayText, not a chosen few; a field added to
// a node later is covered too. Plain (no vscode), so it is tested in Node.
import { singleLineText, withoutBidiControls } from '../../core/displayText';
import type { TreeNode } from '../../core/treeModel';

/** Fields that identify a node or an item, never shown as they are: left untouched. */
const IDENTIFIERS: ReadonlySet<string> = new Set(['kind', 'id', 'key', 'groupKey']);
/** Hovers keep their line breaks. */
const MULTI_LINE: ReadonlySet<string> = new Set(['tooltip', 'details']);

export function shownNode<T extends TreeNode>(node: T): T {
  const shown: Record<string, unknown> = { ...node };
  for (const [key, value] of Object.entries(shown)) {
    if (typeof value === 'string' && !IDENTIFIERS.has(key)) {
      shown[key] = MULTI_LINE.has(key) ? withoutBidiControls(value) : singleLineText(value);
    }
  }
  return shown as T;
}
