// Which GitHub repository replies, links and status changes go to. The one the
// user confirmed in "Connect a Tracker…" (kept in workspaceState, out of reach
// of the workspace's files), always. `feedbackLoop.github.repository` may be
// set by a workspace's .vscode/settings.json (a repository per workspace is
// legitimate: the connect step suggests it), but it never redirects writes by
// itself: a different value is offered to the user, once, and used only if
// they accept. Pure (no vscode) so the rule is unit-tested in plain Node.

/** The repository settings name that the user should be asked about, if any. */
export function repositoryOffer(connected: string, configured: string, declined: string | undefined): string | undefined {
  const wanted = configured.trim();
  // GitHub's owner and repository names are case-insensitive.
  const same = (a: string, b: string | undefined): boolean => b !== undefined && a.toLowerCase() === b.toLowerCase();
  if (!wanted || same(wanted, connected) || same(wanted, declined)) {
    return undefined;
  }
  return wanted;
}
