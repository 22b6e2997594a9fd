// The impact file by file, for what works on one editor: after an edit, the
// file's new entry replaces its old one (ChangeBlame.changedFile recomputes
// that file only); in the editor, the lines where changes touch items get a
// CodeLens or gutter hint.
import type { BlamedFile, Impact } from './impact';

/** `files` with the entry of `path` (working tree, or the base's for a deleted file) in `repository` replaced by `next`, or dropped. */
export function replaceFile(files: readonly BlamedFile[], repository: string, path: string, next: BlamedFile | undefined): BlamedFile[] {
  const others = files.filter((f) => f.repository !== repository || (f.diff.path ?? f.diff.oldPath) !== path);
  return next ? [...others, next] : others;
}

export interface ImpactHint {
  /** A line of the working-tree file (1-based) where a change touches the items. */
  readonly line: number;
  /** Most demanded first, as the impact ranks them. */
  readonly itemIds: readonly string[];
}

/** Where in one working-tree file the changes touch items, by line. */
export function hintsFor(impact: Impact, repository: string, path: string): ImpactHint[] {
  const byLine = new Map<number, string[]>();
  for (const { id, reasons } of impact.items) {
    for (const reason of reasons) {
      const at = reason.kind === 'branch' ? undefined : reason.shownAt;
      if (reason.repository !== repository || at?.path !== path) {
        continue;
      }
      const ids = byLine.get(at.line) ?? [];
      if (!ids.includes(id)) {
        ids.push(id);
      }
      byLine.set(at.line, ids);
    }
  }
  return [...byLine].sort(([a], [b]) => a - b).map(([line, itemIds]) => ({ line, itemIds }));
}
