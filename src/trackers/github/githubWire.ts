// GitHub's REST shapes, only the fields we read (names as in GitHub's OpenAPI
// description, @octokit/openapi). Anything else in an answer is ignored.
import * as z from 'zod/mini';

const timestamp = z.iso.datetime({ offset: true });

export const githubUserSchema = z.object({ login: z.string().check(z.minLength(1)), type: z.optional(z.string()) });

export const labelSchema = z.union([z.string(), z.object({ name: z.optional(z.string()) })]);

/**
 * Team members write as OWNER, MEMBER or COLLABORATOR; everyone else is a
 * customer. Optional in GitHub's description of issues and comments (only
 * search results must carry it): absent reads as an outsider.
 */
export const authorAssociationSchema = z._default(z.optional(z.string()), 'NONE');

export const reactionsSchema = z.object({ '+1': z.number().check(z.int(), z.nonnegative()) });

export const issueSchema = z.object({
  number: z.number().check(z.int(), z.positive()),
  title: z.string(),
  body: z.optional(z.nullable(z.string())),
  state: z.enum(['open', 'closed']),
  state_reason: z.optional(z.nullable(z.string())),
  labels: z.array(labelSchema),
  user: z.nullable(githubUserSchema),
  author_association: authorAssociationSchema,
  comments: z.number().check(z.int(), z.nonnegative()),
  created_at: timestamp,
  updated_at: timestamp,
  html_url: z.string(),
  /** Absent when GitHub leaves the rollup out; then the issue counts 0 votes. */
  reactions: z.optional(reactionsSchema),
  /** Present only on pull requests, which are not feedback items. */
  pull_request: z.optional(z.unknown()),
});
export type GithubIssue = z.infer<typeof issueSchema>;

export const searchEnvelopeSchema = z.object({
  total_count: z.number().check(z.int(), z.nonnegative()),
  incomplete_results: z.boolean(),
  items: z.array(z.unknown()),
});

export const issueCommentSchema = z.object({
  id: z.number().check(z.int(), z.positive()),
  body: z.optional(z.string()),
  user: z.nullable(githubUserSchema),
  author_association: authorAssociationSchema,
  created_at: timestamp,
  html_url: z.string(),
});
export type GithubComment = z.infer<typeof issueCommentSchema>;

/** Who may write links and trade-offs: markers from anyone else are ignored. */
export function isTeam(association: string | undefined): boolean {
  return association === 'OWNER' || association === 'MEMBER' || association === 'COLLABORATOR';
}

/** The `next` URL of an RFC 8288 `Link` header, as GitHub pages lists. */
export function nextLink(header: string | undefined): string | undefined {
  if (!header) {
    return undefined;
  }
  for (const part of header.split(',')) {
    const match = /^\s*<([^>]*)>\s*;(.*)$/.exec(part);
    if (match && /(?:^|;)\s*rel="?([^";]*\s)?next(\s[^";]*)?"?\s*(?:;|$)/.test(match[2])) {
      return match[1];
    }
  }
  return undefined;
}
