// GitHub's REST shapes, only the fields we read (names as in GitHub's OpenAPI
// description, @octokit/openapi). Anything else in an answer is ignored.
import * as z from 'zod';

const timestamp = z.iso.datetime({ offset: true });

export const githubUserSchema = z.object({ login: z.string().min(1), type: z.string().optional() });

export const labelSchema = z.union([z.string(), z.object({ name: z.string().optional() })]);

/**
 * Team members write as OWNER, MEMBER or COLLABORATOR; everyone else is a
 * customer. Optional in GitHub's description of issues and comments (only
 * search results must carry it): absent reads as an outsider.
 */
export const authorAssociationSchema = z.string().optional().default('NONE');

export const reactionsSchema = z.object({ '+1': z.number().int().nonnegative() });

export const issueSchema = z.object({
  number: z.number().int().positive(),
  title: z.string(),
  body: z.string().nullable().optional(),
  state: z.enum(['open', 'closed']),
  state_reason: z.string().nullable().optional(),
  labels: z.array(labelSchema),
  user: githubUserSchema.nullable(),
  author_association: authorAssociationSchema,
  comments: z.number().int().nonnegative(),
  created_at: timestamp,
  updated_at: timestamp,
  html_url: z.string(),
  /** Absent when GitHub leaves the rollup out; then the issue counts 0 votes. */
  reactions: reactionsSchema.optional(),
  /** Present only on pull requests, which are not feedback items. */
  pull_request: z.unknown().optional(),
});
export type GithubIssue = z.infer<typeof issueSchema>;

export const searchEnvelopeSchema = z.object({
  total_count: z.number().int().nonnegative(),
  incomplete_results: z.boolean(),
  items: z.array(z.unknown()),
});

export const issueCommentSchema = z.object({
  id: z.number().int().positive(),
  body: z.string().optional(),
  user: githubUserSchema.nullable(),
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
