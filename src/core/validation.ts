// Turns zod failures into messages that name the field and the source, so a
// bad answer or a hand-edited file says exactly what is wrong and where.
import type { z } from 'zod';

export class ValidationError extends Error {
  constructor(
    readonly source: string,
    readonly issues: readonly string[],
  ) {
    super(`${source}: ${issues.join('; ')}`);
    this.name = 'ValidationError';
  }
}

/** `items[3].votes: Invalid input: expected number, received string`. */
export function describeIssues(error: z.ZodError, prefix: readonly PropertyKey[] = []): string[] {
  return error.issues.map((issue) => {
    const path = formatPath([...prefix, ...issue.path]);
    return path ? `${path}: ${issue.message}` : issue.message;
  });
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') {
      out += `[${key}]`;
    } else {
      out += out ? `.${String(key)}` : String(key);
    }
  }
  return out;
}

/** Parses or throws a ValidationError naming `source` and every bad field. */
export function parseOrThrow<T>(schema: z.ZodType<T>, value: unknown, source: string): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new ValidationError(source, describeIssues(result.error));
  }
  return result.data;
}
