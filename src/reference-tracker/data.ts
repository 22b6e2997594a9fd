// What the reference tracker keeps, in memory and in its data file. Summary
// fields that follow from other fields (revenue, customerCount, commentCount,
// companies, url) are derived when answering, so they can never disagree.
import * as z from 'zod/mini';
import { commentSchema, commitLinkSchema, itemSchema, tradeOffSchema } from '../core/model';

const storedFields = z.pick(itemSchema, {
  id: true,
  title: true,
  status: true,
  votes: true,
  tags: true,
  createdAt: true,
  updatedAt: true,
  description: true,
  customers: true,
});
export const storedItemSchema = z.extend(storedFields, {
  comments: z.array(commentSchema),
  links: z.array(commitLinkSchema),
  tradeoffs: z.array(tradeOffSchema),
});
export type StoredItem = z.infer<typeof storedItemSchema>;

/** The first answer to a write, replayed when the same Idempotency-Key comes again. */
export const idempotencyRecordSchema = z.object({
  key: z.string().check(z.minLength(1)),
  fingerprint: z.string().check(z.minLength(1)),
  body: z.unknown(),
});
export type IdempotencyRecord = z.infer<typeof idempotencyRecordSchema>;

export const dataFileSchema = z.object({
  version: z.literal(1),
  /** Next number for comment, link and trade-off ids (`CM-12`, `LK-13`, `TO-14`). */
  nextId: z.number().check(z.int(), z.gte(1)),
  items: z.array(storedItemSchema),
  idempotency: z.array(idempotencyRecordSchema),
});
export type TrackerData = z.infer<typeof dataFileSchema>;

/** `FB-12` → 12, for the natural order of ids (FB-2 before FB-10). */
export function idNumber(id: string): number {
  const match = /(\d+)$/.exec(id);
  return match ? Number(match[1]) : Number.MAX_SAFE_INTEGER;
}
