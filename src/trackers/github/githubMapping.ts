// GitHub issues → feedback items: 👍 reactions are votes, labels give the
// status (configurable names) and tags, authors outside the team are customers.
import type { Comment, Customer, ItemSummary, Status } from '../../core/model';
import { namespacedId } from '../itemId';
import { readMarker } from '../writeMarker';
import type { MarkedComment } from '../writeMarker';
import type { GithubComment, GithubIssue } from './githubWire';
import { isTeam } from './githubWire';

/** The label that stands for each status an open issue can have; `open` is "none of these". */
export interface GithubStatusLabels {
  readonly 'under-review': string;
  readonly planned: string;
  readonly 'in-progress': string;
}

export const DEFAULT_STATUS_LABELS: GithubStatusLabels = { 'under-review': 'under review', planned: 'planned', 'in-progress': 'in progress' };

/** Checked in this order: the furthest along wins when an issue carries several. */
export const LABELLED_STATUSES = ['in-progress', 'planned', 'under-review'] as const;

export function labelNames(issue: GithubIssue): string[] {
  return issue.labels.map((l) => (typeof l === 'string' ? l : (l.name ?? ''))).filter((name) => name !== '');
}

export function statusOf(issue: GithubIssue, labels: GithubStatusLabels): Status {
  if (issue.state === 'closed') {
    return issue.state_reason === 'completed' ? 'shipped' : 'closed';
  }
  const names = new Set(labelNames(issue).map((n) => n.toLowerCase()));
  return LABELLED_STATUSES.find((status) => names.has(labels[status].toLowerCase())) ?? 'open';
}

export function isStatusLabel(name: string, labels: GithubStatusLabels): boolean {
  return LABELLED_STATUSES.some((status) => labels[status].toLowerCase() === name.toLowerCase());
}

export function toSummary(issue: GithubIssue, repository: string, labels: GithubStatusLabels): ItemSummary {
  return {
    id: namespacedId('github', repository, String(issue.number)),
    title: issue.title,
    status: statusOf(issue, labels),
    votes: issue.reactions?.['+1'] ?? 0,
    customerCount: issue.user && !isTeam(issue.author_association) ? 1 : 0,
    revenue: null,
    tags: labelNames(issue).filter((name) => !isStatusLabel(name, labels)),
    createdAt: issue.created_at,
    updatedAt: issue.updated_at,
    url: issue.html_url,
  };
}

/** Issue and comment authors outside the team, once each, in order of appearance. */
export function customersOf(issue: GithubIssue, comments: readonly GithubComment[]): Customer[] {
  const seen = new Map<string, Customer>();
  for (const { user, author_association } of [issue, ...comments]) {
    if (user && !isTeam(author_association) && !seen.has(user.login)) {
      seen.set(user.login, { id: `github:${user.login}`, name: user.login, company: null, revenue: null });
    }
  }
  return [...seen.values()];
}

export function toComment(comment: GithubComment): Comment {
  return {
    id: String(comment.id),
    author: { name: comment.user?.login ?? 'ghost', role: isTeam(comment.author_association) ? 'team' : 'customer' },
    body: readMarker(comment.body ?? '').text,
    visibility: 'public',
    createdAt: comment.created_at,
  };
}

/** The comment as the marker readers see it: links and trade-offs are trusted from the team only. */
export function toMarked(comment: GithubComment): MarkedComment {
  return { id: String(comment.id), body: comment.body ?? '', createdAt: comment.created_at, trusted: isTeam(comment.author_association) };
}

/** Words of a filter as quoted search terms: a customer-typed `repo:` must not widen the search. */
export function searchTerms(q: string | undefined): string[] {
  return (q ?? '')
    .replace(/["\\]/g, ' ')
    .split(/\s+/)
    .filter((w) => w !== '')
    .slice(0, 10)
    .map((w) => `"${w}"`);
}
