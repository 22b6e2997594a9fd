// The domain types and the zod schemas of TRACKER-API.md, version 1. The
// reference tracker and the REST adapter both use these, so the contract is
// written down once.
import * as z from 'zod/mini';

export const STATUSES = ['open', 'under-review', 'planned', 'in-progress', 'shipped', 'closed'] as const;
export const statusSchema = z.enum(STATUSES);
export type Status = z.infer<typeof statusSchema>;

export const moneySchema = z.object({
  amount: z.number().check(z.nonnegative()),
  currency: z.string().check(z.regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as USD')),
});
export type Money = z.infer<typeof moneySchema>;

/**
 * ISO 8601 date-time with seconds and a zone (Z or ±hh:mm), as every tracker
 * we speak to writes it. One anchored regex instead of z.iso.datetime: it reads
 * 10,000 items ~15% faster, which the parsing budget of `npm run bench` needs.
 */
const timestamp = z.string().check(
  z.regex(/^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d+)?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/, 'an ISO 8601 date-time with a zone, such as 2026-01-31T12:00:00Z'),
);

export const itemSummarySchema = z.object({
  id: z.string().check(z.minLength(1)),
  title: z.string(),
  status: statusSchema,
  votes: z.number().check(z.int(), z.nonnegative()),
  /** What `votes` counts: votes (absent), or customer requests (Linear's customer needs). */
  demandUnit: z.optional(z.enum(['votes', 'requests'])),
  customerCount: z.number().check(z.int(), z.nonnegative()),
  revenue: z.nullable(moneySchema),
  tags: z.array(z.string()),
  createdAt: timestamp,
  updatedAt: timestamp,
  url: z.nullable(z.string()),
  /**
   * Not in the contract (clients ignore unknown fields): the companies of the
   * customers asking, which the reference tracker adds so that the tree can
   * group by company without fetching every item. Absent → "No company".
   */
  companies: z.optional(z.array(z.string())),
  /**
   * Optional in the contract: when the last public comment was written, and
   * whether a customer or the team wrote it (null: no comment yet). A
   * customer's last word is a conversation awaiting a reply (core/awaitingReply.ts).
   */
  lastCommentAt: z.optional(z.nullable(timestamp)),
  lastCommentRole: z.optional(z.nullable(z.enum(['customer', 'team']))),
});
export type ItemSummary = z.infer<typeof itemSummarySchema>;

/** Caps on a customer's request texts, which come from outside (a tracker's customer records and messages). */
export const MAX_TIER_LENGTH = 100;
export const MAX_QUOTE_LENGTH = 10_000;
/** As long as a URL the item panel asks the host to open may be. */
export const MAX_SOURCE_URL_LENGTH = 8192;
export const MAX_CUSTOMER_REQUESTS = 100;

/** One request of a customer: what they said, and where they said it (a support ticket, a chat), when known. */
export const customerRequestSchema = z.object({
  quote: z.string().check(z.maxLength(MAX_QUOTE_LENGTH)),
  sourceUrl: z.nullable(z.string().check(z.minLength(1), z.maxLength(MAX_SOURCE_URL_LENGTH))),
});
export type CustomerRequest = z.infer<typeof customerRequestSchema>;

export const customerSchema = z.object({
  id: z.string().check(z.minLength(1)),
  name: z.string(),
  company: z.nullable(z.string()),
  revenue: z.nullable(moneySchema),
  /**
   * Not in the contract (optional, so REST trackers are unaffected): the
   * customer's tier as the tracker names it ("Enterprise"), and their
   * requests with the quote and its source. Linear fills both.
   */
  tier: z.optional(z.nullable(z.string().check(z.maxLength(MAX_TIER_LENGTH)))),
  requests: z.optional(z.array(customerRequestSchema).check(z.maxLength(MAX_CUSTOMER_REQUESTS))),
});
export type Customer = z.infer<typeof customerSchema>;

export const itemSchema = z.extend(itemSummarySchema, {
  description: z.string(),
  customers: z.array(customerSchema),
  commentCount: z.number().check(z.int(), z.nonnegative()),
});
export type FeedbackItem = z.infer<typeof itemSchema>;

export const visibilitySchema = z.enum(['public', 'internal']);
export type Visibility = z.infer<typeof visibilitySchema>;

export const commentSchema = z.object({
  id: z.string().check(z.minLength(1)),
  author: z.object({ name: z.string(), role: z.enum(['customer', 'team']) }),
  body: z.string(),
  visibility: visibilitySchema,
  createdAt: timestamp,
});
export type Comment = z.infer<typeof commentSchema>;

export const newCommentSchema = z.object({
  body: z.string().check(z.minLength(1), z.maxLength(10_000)),
  visibility: visibilitySchema,
});
export type NewComment = z.infer<typeof newCommentSchema>;

export const shaSchema = z.string().check(z.regex(/^[0-9a-f]{40}$/, '40 lowercase hex digits'));

export const commitLinkSchema = z.object({
  id: z.string().check(z.minLength(1)),
  sha: shaSchema,
  repository: z.string(),
  subject: z.string(),
  author: z.string(),
  committedAt: timestamp,
  url: z.nullable(z.string()),
});
export type CommitLink = z.infer<typeof commitLinkSchema>;
export const newCommitLinkSchema = z.omit(commitLinkSchema, { id: true });
export type NewCommitLink = z.infer<typeof newCommitLinkSchema>;

export const tradeOffLocationSchema = z
  .object({
    repository: z.string(),
    path: z.string().check(z.minLength(1)),
    startLine: z.number().check(z.int(), z.gte(1)),
    endLine: z.number().check(z.int(), z.gte(1)),
    commit: z.nullable(z.string()),
  })
  .check(z.refine((l) => l.endLine >= l.startLine, { message: 'endLine must be ≥ startLine', path: ['endLine'] }));

export const tradeOffSchema = z.object({
  id: z.string().check(z.minLength(1)),
  summary: z.string().check(z.minLength(1), z.maxLength(200)),
  rationale: z.string(),
  location: tradeOffLocationSchema,
  author: z.string(),
  createdAt: timestamp,
});
export type TradeOff = z.infer<typeof tradeOffSchema>;
export const newTradeOffSchema = z.omit(tradeOffSchema, { id: true, createdAt: true });
export type NewTradeOff = z.infer<typeof newTradeOffSchema>;

export const statusChangeSchema = z.object({ status: statusSchema });

export const SORTS = ['demand', 'newest', 'updated'] as const;
export const sortSchema = z.enum(SORTS);
export type Sort = z.infer<typeof sortSchema>;

/** A page of any list answer: `{ <key>: T[], nextCursor }`. */
export const itemPageSchema = z.object({ items: z.array(z.unknown()), nextCursor: z.nullable(z.string()) });
export const commentPageSchema = z.object({ comments: z.array(z.unknown()), nextCursor: z.nullable(z.string()) });
export const linkListSchema = z.object({ links: z.array(commitLinkSchema) });
export const tradeOffListSchema = z.object({ tradeoffs: z.array(tradeOffSchema) });

export const errorBodySchema = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;
