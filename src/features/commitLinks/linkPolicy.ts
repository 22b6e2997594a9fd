// Which links are posted to the tracker, where they show as comments made as
// the user. Links found in history (pulled commits, other people's, old ones,
// commits made in a terminal) are shown here only: posting them would speak
// for whoever wrote the commit, once per teammate who pulls it. What is posted
// is what the user did in this window: a commit made through Source Control
// (the box where Start Work proposes the trailer) names its items in its
// trailers (ownCommitLinks.ts), and the Link command names one explicitly.
// Pure (no vscode).
/** How long after HEAD moved a commit may still be announced as just made (post-commit hooks, a busy host). */
export const OWN_COMMIT_WINDOW_MS = 5 * 60_000;

/**
 * Whether HEAD's last reflog entry says a commit was just made: `commit: …`,
 * `commit (amend): …`, `(initial)` or `(merge)`, at most a few minutes ago.
 * The Git extension reports its commit operation even when it failed; then
 * HEAD's last move is older, or was a pull, a checkout, a rebase or a
 * cherry-pick, and that commit is not the user's new one.
 */
export function isFreshCommitEntry(reflogSubject: string, movedAtMs: number, nowMs: number): boolean {
  return /^commit(?: \((?:amend|initial|merge)\))?: /.test(reflogSubject) && nowMs - movedAtMs >= 0 && nowMs - movedAtMs <= OWN_COMMIT_WINDOW_MS;
}
