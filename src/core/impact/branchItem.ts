// The item a branch works on, read from its name, for a branch the extension
// did not start itself (Start Work on Item remembers its own): a known item
// whose id the name holds as a word, as branchNameFor writes ids into names;
// else, with no tracker to know ids from, a reference pattern (`FB-31`) where
// the branch template puts the id (`feedback/<id>-<slug>`), or anywhere in a
// name that does not follow the template.
import type { ReferenceMatcher } from '../references';
import { branchIdOf } from '../references';
import { itemIdFromBranch } from '../tradeoffs/tradeoffView';

/** Longer names are not branch names git accepts on any file system; a cap bounds the pattern search. */
const MAX_BRANCH_NAME = 1_000;

export function branchItemId(branch: string, template: string, knownIds: readonly string[], matcher: ReferenceMatcher): string | undefined {
  if (branch.length > MAX_BRANCH_NAME) {
    return undefined;
  }
  const byBranchId = new Map(knownIds.map((id) => [branchIdOf(id), id]));
  const known = itemIdFromBranch(branch, [...byBranchId.keys()]);
  if (known !== undefined) {
    return byBranchId.get(known);
  }
  const prefix = template.slice(0, template.indexOf('<id>'));
  const fromTemplate = template.includes('<id>') && !prefix.includes('<') && branch.startsWith(prefix);
  const matches = matcher.matches(fromTemplate ? branch.slice(prefix.length) : branch);
  return (fromTemplate ? matches.find((m) => m.start === 0) : matches[0])?.id;
}
