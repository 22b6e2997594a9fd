// The shape of a write and of an outbox entry as stored on disk. The stored
// file is input like any other (a crash, a hand edit, an older version), so
// it is validated entry by entry before anything is sent again.
import * as z from 'zod/mini';
import { newCommentSchema, newCommitLinkSchema, newTradeOffSchema, statusSchema } from './model';
import type { OutboxEntry, WriteRequest } from './outboxTypes';
import { describeIssues } from './validation';

const itemId = z.string().check(z.minLength(1), z.maxLength(1_000));

export const writeRequestSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('comment'), itemId, body: newCommentSchema }),
  z.object({
    kind: z.literal('status'),
    itemId,
    body: z.object({ status: statusSchema, message: z.optional(z.string().check(z.minLength(1), z.maxLength(10_000))) }),
  }),
  z.object({ kind: z.literal('link'), itemId, body: newCommitLinkSchema }),
  z.object({ kind: z.literal('tradeoff'), itemId, body: newTradeOffSchema }),
]) satisfies z.ZodMiniType<WriteRequest>;

const timestamp = z.iso.datetime({ offset: true });

export const outboxEntrySchema = z.object({
  id: z.string().check(z.minLength(1)),
  idempotencyKey: z.string().check(z.minLength(8), z.maxLength(200)),
  tracker: z.string().check(z.minLength(1)),
  request: writeRequestSchema,
  createdAt: timestamp,
  attempts: z.number().check(z.int(), z.nonnegative()),
  state: z.enum(['pending', 'sending', 'refused']),
  nextAttemptAt: z.optional(timestamp),
  lastError: z.optional(z.string()),
}) satisfies z.ZodMiniType<OutboxEntry>;

export const outboxFileSchema = z.array(z.unknown());

/** The valid entries of what was stored, and what was wrong with the rest (field by field). */
export function readStoredEntries(stored: unknown): { entries: OutboxEntry[]; issues: string[] } {
  if (stored === undefined) {
    return { entries: [], issues: [] };
  }
  const file = outboxFileSchema.safeParse(stored);
  if (!file.success) {
    return { entries: [], issues: describeIssues(file.error) };
  }
  const entries: OutboxEntry[] = [];
  const issues: string[] = [];
  file.data.forEach((raw, index) => {
    const parsed = outboxEntrySchema.safeParse(raw);
    if (parsed.success) {
      entries.push(parsed.data);
    } else {
      issues.push(...describeIssues(parsed.error, [index]));
    }
  });
  return { entries, issues };
}
