// Fider's API shapes as its source defines them (app/models/entity: Post,
// Comment, User; app/handlers/apiv1). Lists are plain arrays without paging.
import * as z from 'zod/mini';
import type { Status } from '../../core/model';

const timestamp = z.iso.datetime({ offset: true });

export const FIDER_STATUSES = ['open', 'planned', 'started', 'completed', 'declined', 'duplicate', 'deleted'] as const;
export const fiderStatusSchema = z.enum(FIDER_STATUSES);
export type FiderStatus = z.infer<typeof fiderStatusSchema>;

export const TO_STATUS: Readonly<Record<Exclude<FiderStatus, 'deleted'>, Status>> = {
  open: 'open',
  planned: 'planned',
  started: 'in-progress',
  completed: 'shipped',
  declined: 'closed',
  duplicate: 'closed',
};

/** Fider has no "under review": that status cannot be set there. */
export const FROM_STATUS: Readonly<Partial<Record<Status, FiderStatus>>> = {
  open: 'open',
  planned: 'planned',
  'in-progress': 'started',
  shipped: 'completed',
  closed: 'declined',
};

export const userSchema = z.object({
  id: z.number().check(z.int()),
  name: z.string(),
  role: z.string(),
});

export const postSchema = z.object({
  id: z.number().check(z.int()),
  number: z.number().check(z.int(), z.positive()),
  title: z.string(),
  slug: z.string(),
  description: z.string(),
  createdAt: timestamp,
  user: z.nullable(userSchema),
  votesCount: z.number().check(z.int(), z.nonnegative()),
  commentsCount: z.number().check(z.int(), z.nonnegative()),
  status: fiderStatusSchema,
  response: z.optional(z.nullable(z.object({ text: z.string(), respondedAt: timestamp }))),
  tags: z.array(z.string()),
});
export type FiderPost = z.infer<typeof postSchema>;

export const commentSchema = z.object({
  id: z.number().check(z.int()),
  content: z.string(),
  createdAt: timestamp,
  user: z.nullable(userSchema),
});
export type FiderComment = z.infer<typeof commentSchema>;

export const createdSchema = z.object({ id: z.number().check(z.int()) });

/** Collaborators and administrators are the team; visitors are customers. */
export function isTeam(role: string | undefined): boolean {
  return role === 'collaborator' || role === 'administrator';
}
