// Turns zod failures into messages that name the field and the source, so a
// bad answer or a hand-edited file says exactly what is wrong and where.
import * as z from 'zod/mini';
import { en } from 'zod/locales';

// zod/mini ships no messages: without a locale every issue reads "Invalid
// input". English, as classic zod sets it, and set here because every message
// we show passes through this module; one zod, so one setting for the lazy
// bundles too (scripts/build/lazyBundles.js).
z.config(en());

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
export function describeIssues(error: z.core.$ZodError, prefix: readonly PropertyKey[] = []): string[] {
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
export function parseOrThrow<T>(schema: z.ZodMiniType<T>, value: unknown, source: string): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new ValidationError(source, describeIssues(result.error));
  }
  return result.data;
}
