// Canny's API shapes (developers.canny.io/api-reference), only the fields we
// read, names exactly as documented. Every call is a POST with a JSON body
// that carries `apiKey`; errors answer `{ "error": "<message>" }`.
import * as z from 'zod/mini';
import type { Status } from '../../core/model';

const timestamp = z.iso.datetime({ offset: true });

export const CANNY_STATUSES = ['open', 'under review', 'planned', 'in progress', 'complete', 'closed'] as const;
export const cannyStatusSchema = z.enum(CANNY_STATUSES);
export type CannyStatus = z.infer<typeof cannyStatusSchema>;

export const TO_STATUS: Readonly<Record<CannyStatus, Status>> = {
  open: 'open',
  'under review': 'under-review',
  planned: 'planned',
  'in progress': 'in-progress',
  complete: 'shipped',
  closed: 'closed',
};

export const FROM_STATUS: Readonly<Record<Status, CannyStatus>> = {
  open: 'open',
  'under-review': 'under review',
  planned: 'planned',
  'in-progress': 'in progress',
  shipped: 'complete',
  closed: 'closed',
};

export const companySchema = z.object({
  id: z.string().check(z.minLength(1)),
  name: z.string(),
  monthlySpend: z.optional(z.nullable(z.number().check(z.nonnegative()))),
});

export const userSchema = z.object({
  id: z.string().check(z.minLength(1)),
  name: z.string(),
  isAdmin: z.optional(z.boolean()),
  companies: z.optional(z.array(companySchema)),
});

export const postSchema = z.object({
  id: z.string().check(z.minLength(1)),
  title: z.string(),
  details: z.optional(z.nullable(z.string())),
  score: z.number().check(z.int(), z.nonnegative()),
  status: cannyStatusSchema,
  created: timestamp,
  statusChangedAt: z.optional(z.nullable(timestamp)),
  commentCount: z.number().check(z.int(), z.nonnegative()),
  url: z.string(),
  author: z.optional(z.nullable(userSchema)),
  board: z.object({ id: z.string(), name: z.string() }),
  tags: z.array(z.object({ id: z.string(), name: z.string() })),
  companies: z.optional(z.array(companySchema)),
});
export type CannyPost = z.infer<typeof postSchema>;

export const postListSchema = z.object({ hasMore: z.boolean(), posts: z.array(z.unknown()) });

export const commentSchema = z.object({
  id: z.string().check(z.minLength(1)),
  author: z.nullable(userSchema),
  created: timestamp,
  internal: z.boolean(),
  value: z.string(),
});
export type CannyComment = z.infer<typeof commentSchema>;

export const commentListSchema = z.object({ hasMore: z.boolean(), comments: z.array(commentSchema) });

export const voteSchema = z.object({ id: z.string(), voter: z.nullable(userSchema) });
export const voteListSchema = z.object({ hasMore: z.boolean(), votes: z.array(voteSchema) });

export const boardListSchema = z.object({ boards: z.array(z.object({ id: z.string().check(z.minLength(1)), name: z.string() })) });

export const createdSchema = z.object({ id: z.string().check(z.minLength(1)) });

/** Canny's error answer: `{ "error": "invalid api key" }`. */
export const cannyErrorSchema = z.object({ error: z.string() });
