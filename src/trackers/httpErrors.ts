// How a failed request reads to a person: one TrackerError per failure, the
// tracker's own message included but cleaned, the token never in it.
import type { AxiosResponse } from 'axios';
import * as z from 'zod/mini';
import { errorBodySchema } from '../core/model';
import { clampServerDelay } from '../core/serverDelays';
import { TrackerError } from './tracker';

export function parseJson(host: string, source: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const why = error instanceof Error ? clean(error.message) : 'invalid JSON';
    throw new TrackerError('malformed', `Tracker at ${host} sent an answer to ${source} that is not JSON (${why}).`, { source });
  }
}

/** `Tracker at host sent a malformed answer to GET /api/v1/items: items[3].votes: …`. */
export function malformedAnswer(host: string, source: string, issues: readonly string[]): TrackerError {
  const shown = issues.slice(0, 5).map(clean).join('; ') + (issues.length > 5 ? ` (and ${issues.length - 5} more)` : '');
  return new TrackerError('malformed', `Tracker at ${host} sent a malformed answer to ${source}: ${shown}`, { source });
}

const otherErrorSchema = z.union([z.object({ message: z.string().check(z.minLength(1)) }), z.object({ error: z.string().check(z.minLength(1)) })]);

export function statusError(host: string, source: string, response: AxiosResponse<string>): TrackerError {
  const { status } = response;
  const body = safeJson(response.data);
  const parsed = errorBodySchema.safeParse(body);
  const code = parsed.success ? clean(parsed.data.error.code) : undefined;
  // GitHub says `{ message }`, Canny `{ error: "…" }`: shown too, cleaned.
  const other = otherErrorSchema.safeParse(body);
  const text = parsed.success ? parsed.data.error.message : other.success ? ('message' in other.data ? other.data.message : other.data.error) : undefined;
  const said = text ? `: ${clean(text)}` : '';
  const details = { status, code, source };
  if (status === 429 || (status === 403 && isRateLimit(response))) {
    return rateLimited(host, response, said, details);
  }
  if (status === 401 || status === 403) {
    return new TrackerError('unauthorized', `Tracker at ${host} refused the token (${status})${said}.`, details);
  }
  if (status === 404) {
    return new TrackerError('notFound', `Tracker at ${host} has nothing at ${source} (404)${said}.`, details);
  }
  if (status >= 500) {
    return new TrackerError('server', `Tracker at ${host} failed on ${source} (${status})${said}.`, details);
  }
  return new TrackerError('rejected', `Tracker at ${host} rejected ${source} (${status})${said}.`, details);
}

/** GitHub answers a primary or secondary rate limit with 403 (or 429) and retry-after or x-ratelimit-remaining: 0. */
function isRateLimit(response: AxiosResponse<string>): boolean {
  return response.headers['retry-after'] !== undefined || response.headers['x-ratelimit-remaining'] === '0';
}

function rateLimited(host: string, response: AxiosResponse<string>, said: string, details: { status: number; code?: string; source: string }): TrackerError {
  const reset = response.headers['x-ratelimit-reset'];
  const resetMs = typeof reset === 'string' && /^\d{1,12}$/.test(reset) ? clampServerDelay(Number(reset) * 1000 - Date.now()) : undefined;
  const retryAfterMs = parseRetryAfter(response.headers['retry-after']) ?? resetMs;
  const wait = retryAfterMs === undefined ? '' : `; try again in ${seconds(retryAfterMs)}`;
  return new TrackerError('rateLimited', `Tracker at ${host} is limiting requests (${details.status})${said}${wait}.`, { ...details, retryAfterMs });
}

/**
 * `Retry-After` is either delay-seconds or an HTTP date (RFC 9110 §10.2.3),
 * in ms and at most an hour (MAX_SERVER_DELAY_MS): a tracker cannot park our
 * writes for years. Anything else (`-5`, `1.5`, an ISO date) is no wait at all;
 * Date.parse alone would read `-5` as a day in 2001.
 */
export function parseRetryAfter(value: unknown, now: number = Date.now()): number | undefined {
  if (typeof value !== 'string' || !value.trim()) {
    return undefined;
  }
  if (/^\s*\d+\s*$/.test(value)) {
    return clampServerDelay(Number(value) * 1000);
  }
  // All three HTTP-date forms (IMF-fixdate, RFC 850, asctime) start with the day's name.
  if (!/^\s*(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*,?\s/i.test(value)) {
    return undefined;
  }
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : clampServerDelay(date - now);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined; // an error page in HTML: the status alone says what happened
  }
}

export function errorCode(error: unknown): string | undefined {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : undefined;
}

export function cancelled(source: string): TrackerError {
  return new TrackerError('cancelled', `${source} was cancelled.`, { source });
}

export function seconds(ms: number): string {
  return `${Math.ceil(ms / 1000)} s`;
}

/** Tracker text is shown to people: no control characters, no walls of text. */
export function clean(text: string): string {
  const flat = text.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]+/g, ' ').trim();
  return flat.length > 300 ? `${flat.slice(0, 300)}…` : flat;
}
