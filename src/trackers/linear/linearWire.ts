// Linear's GraphQL answers (schema.graphql in test/fixtures/linear), only the
// fields linearQueries.ts asks for, names exactly as the schema spells them.
// A GraphQL answer is `{ data, errors }`; errors carry `extensions.code`
// (RATELIMITED, AUTHENTICATION_ERROR, …).
import * as z from 'zod/mini';
import type { Status } from '../../core/model';

const timestamp = z.iso.datetime({ offset: true });
const id = z.string().check(z.minLength(1));

export const STATE_TYPES = ['triage', 'backlog', 'unstarted', 'started', 'completed', 'canceled'] as const;
export const stateTypeSchema = z.enum(STATE_TYPES);
export type StateType = z.infer<typeof stateTypeSchema>;

export const TO_STATUS: Readonly<Record<StateType, Status>> = {
  triage: 'open',
  backlog: 'open',
  unstarted: 'planned',
  started: 'in-progress',
  completed: 'shipped',
  canceled: 'closed',
};

/** The state type a status moves an issue to; Linear has nothing for "under review". */
export const FROM_STATUS: Readonly<Partial<Record<Status, StateType>>> = {
  open: 'backlog',
  planned: 'unstarted',
  'in-progress': 'started',
  shipped: 'completed',
  closed: 'canceled',
};

const pageInfoSchema = z.object({ hasNextPage: z.boolean(), endCursor: z.nullable(z.string()) });

export const customerSchema = z.object({
  id,
  name: z.string(),
  revenue: z.optional(z.nullable(z.number().check(z.int(), z.nonnegative()))),
  tier: z.optional(z.nullable(z.object({ displayName: z.string() }))),
});
export type LinearCustomer = z.infer<typeof customerSchema>;

/** A customer request; `customer` is null when its customer was deleted. */
export const needSchema = z.object({
  id,
  customer: z.nullable(customerSchema),
  body: z.optional(z.nullable(z.string())),
  url: z.optional(z.nullable(z.string())),
});
export type LinearNeed = z.infer<typeof needSchema>;

export const issueSchema = z.object({
  id,
  identifier: z.string(),
  title: z.string(),
  url: z.string(),
  createdAt: timestamp,
  updatedAt: timestamp,
  state: z.object({ type: stateTypeSchema, name: z.string() }),
  labels: z.object({ nodes: z.array(z.object({ name: z.string() })) }),
  /** pageInfo: whether the issue has more needs than were read with it. */
  needs: z.object({ nodes: z.array(needSchema), pageInfo: z.optional(pageInfoSchema) }),
});
export type LinearIssue = z.infer<typeof issueSchema>;

export const issueDetailSchema = z.extend(issueSchema, {
  description: z.nullable(z.string()),
  team: z.object({ id }),
  comments: z.object({ nodes: z.array(z.object({ id })) }),
});
export type LinearIssueDetail = z.infer<typeof issueDetailSchema>;

/** A page of issues; each issue is validated apart (parseEach), so one bad issue does not hide the page. */
export const issuePageSchema = z.object({
  issues: z.object({ nodes: z.array(z.unknown()), pageInfo: pageInfoSchema }),
});

export const issueAnswerSchema = z.object({ issue: issueDetailSchema });

export const needPageSchema = z.object({
  issue: z.object({ needs: z.object({ nodes: z.array(needSchema), pageInfo: pageInfoSchema }) }),
});

export const commentSchema = z.object({
  id,
  body: z.string(),
  createdAt: timestamp,
  user: z.nullable(z.object({ name: z.string() })),
});
export type LinearComment = z.infer<typeof commentSchema>;

export const commentPageSchema = z.object({
  issue: z.object({ comments: z.object({ nodes: z.array(commentSchema), pageInfo: pageInfoSchema }) }),
});

export const attachmentSchema = z.object({
  id,
  url: z.string(),
  createdAt: timestamp,
  /** JSONObject: whatever the attachment's creator stored; ours are read with linkRecord/tradeOffRecord. */
  metadata: z.record(z.string(), z.unknown()),
});
export type LinearAttachment = z.infer<typeof attachmentSchema>;

export const attachmentPageSchema = z.object({
  issue: z.object({ attachments: z.object({ nodes: z.array(attachmentSchema), pageInfo: pageInfoSchema }) }),
});

export const teamStatesSchema = z.object({
  issue: z.object({ team: z.object({ states: z.object({ nodes: z.array(z.object({ id, name: z.string(), position: z.number() })) }) }) }),
});

/** A team, project or label: what a quick pick shows and the choice keeps. */
export const namedSchema = z.object({ id, name: z.string() });
export type LinearNamed = z.infer<typeof namedSchema>;

const namedPage = z.object({ nodes: z.array(namedSchema), pageInfo: pageInfoSchema });
export const teamsSchema = z.object({ teams: z.object({ nodes: z.array(z.extend(namedSchema, { key: z.string() })), pageInfo: pageInfoSchema }) });
export type LinearTeam = z.infer<typeof teamsSchema>['teams']['nodes'][number];
export const teamProjectsSchema = z.object({ team: z.object({ projects: namedPage }) });
export const teamLabelsSchema = z.object({ issueLabels: namedPage });

export const setStateSchema = z.object({ issueUpdate: z.object({ success: z.boolean() }) });
export const createCommentSchema = z.object({ commentCreate: z.object({ success: z.boolean(), comment: commentSchema }) });
export const createAttachmentSchema = z.object({ attachmentCreate: z.object({ success: z.boolean(), attachment: attachmentSchema }) });

/** The GraphQL envelope: data (checked per document) and errors with their code. */
export const envelopeSchema = z.object({
  data: z.optional(z.nullable(z.unknown())),
  errors: z.optional(
    z.array(
      z.object({
        message: z.optional(z.string()),
        extensions: z.optional(z.object({ code: z.optional(z.string()), userPresentableMessage: z.optional(z.string()) })),
      }),
    ),
  ),
});
export type LinearEnvelope = z.infer<typeof envelopeSchema>;

/**
 * Links and trade-offs live in attachment metadata, which Linear limits to
 * string and number values: the records are flat, `kind` says which.
 */
export const linkMetadataSchema = z.object({
  kind: z.literal('feedback-loop:link'),
  key: z.string(),
  sha: z.string(),
  repository: z.string(),
  subject: z.string(),
  author: z.string(),
  committedAt: z.string(),
});

export const tradeOffMetadataSchema = z.object({
  kind: z.literal('feedback-loop:tradeoff'),
  key: z.string(),
  summary: z.string(),
  rationale: z.string(),
  repository: z.string(),
  path: z.string(),
  startLine: z.number(),
  endLine: z.number(),
  /** Empty when the trade-off has no commit: metadata holds no null. */
  commit: z.string(),
  author: z.string(),
});
