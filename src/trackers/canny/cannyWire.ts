// Canny's API shapes (developers.canny.io/api-reference), only the fields we
// read, names exactly as documented. Every call is a POST with a JSON body
// that carries `apiKey`; errors answer `{ "error": "<message>" }`.
import * as z from 'zod';
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
  id: z.string().min(1),
  name: z.string(),
  monthlySpend: z.number().nonnegative().nullable().optional(),
});

export const userSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  isAdmin: z.boolean().optional(),
  companies: z.array(companySchema).optional(),
});

export const postSchema = z.object({
  id: z.string().min(1),
  title: z.string(),
  details: z.string().nullable().optional(),
  score: z.number().int().nonnegative(),
  status: cannyStatusSchema,
  created: timestamp,
  statusChangedAt: timestamp.nullable().optional(),
  commentCount: z.number().int().nonnegative(),
  url: z.string(),
  author: userSchema.nullable().optional(),
  board: z.object({ id: z.string(), name: z.string() }),
  tags: z.array(z.object({ id: z.string(), name: z.string() })),
  companies: z.array(companySchema).optional(),
});
export type CannyPost = z.infer<typeof postSchema>;

export const postListSchema = z.object({ hasMore: z.boolean(), posts: z.array(z.unknown()) });

export const commentSchema = z.object({
  id: z.string().min(1),
  author: userSchema.nullable(),
  created: timestamp,
  internal: z.boolean(),
  value: z.string(),
});
export type CannyComment = z.infer<typeof commentSchema>;

export const commentListSchema = z.object({ hasMore: z.boolean(), comments: z.array(commentSchema) });

export const voteSchema = z.object({ id: z.string(), voter: userSchema.nullable() });
export const voteListSchema = z.object({ hasMore: z.boolean(), votes: z.array(voteSchema) });

export const boardListSchema = z.object({ boards: z.array(z.object({ id: z.string().min(1), name: z.string() })) });

export const createdSchema = z.object({ id: z.string().min(1) });

/** Canny's error answer: `{ "error": "invalid api key" }`. */
export const cannyErrorSchema = z.object({ error: z.string() });
