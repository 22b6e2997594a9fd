// The single place that makes HTTP requests (ARCHITECTURE.md). Every request
// has a deadline and a cancel signal, the token never follows a redirect to
// another origin, only https leaves the machine, a redirect never downgrades
// https nor leads a remote tracker's request into this machine or a private
// network, GETs revalidate with ETags, a rate limit the tracker announced is
// waited out (for an hour at most) without asking, and every failure becomes a
// TrackerError a person can read, without the token in it.
import { BlockList, isIP } from 'node:net';
import axios from 'axios';
import type { AxiosInstance, AxiosResponse } from 'axios';
import type { z } from 'zod/mini';
import { MAX_SERVER_DELAY_MS } from '../core/serverDelays';
import { describeIssues } from '../core/validation';
import { cancelled, clean, errorCode, malformedAnswer, parseJson, seconds, statusError } from './httpErrors';
import { TrackerError } from './tracker';

export interface HttpClientOptions {
  readonly baseUrl: string;
  readonly getToken: () => Promise<string | undefined>;
  readonly timeoutMs?: number;
  readonly userAgent?: string;
  /** One line per request: method, path, status, milliseconds. Never the token. */
  readonly log?: (line: string) => void;
  /** How the token is sent (default `Authorization: Bearer`); only ever to the base URL's origin. */
  readonly authHeaders?: (token: string) => Readonly<Record<string, string>>;
  /** Headers every request carries, e.g. GitHub's API version. No secrets: they may follow a GET redirect. */
  readonly headers?: Readonly<Record<string, string>>;
  /**
   * Reads a refused answer the tracker's own way before the generic reading
   * (Linear's GraphQL puts RATELIMITED in the body of a 400); undefined = generic.
   */
  readonly refusal?: (status: number, body: unknown, headers: Readonly<Record<string, string>>, source: string) => TrackerError | undefined;
  /** When an announced limit lifts (ms), for trackers whose headers are not GitHub's; default `rateLimitResetMs`. */
  readonly limitResetMs?: (headers: Readonly<Record<string, unknown>>) => number | undefined;
}

export type Query = Readonly<Record<string, string | number | null | undefined>>;

export interface ReadOptions {
  readonly query?: Query;
  readonly signal?: AbortSignal;
}

export interface WriteRequestOptions {
  readonly idempotencyKey: string;
  readonly signal?: AbortSignal;
}

/** A parsed JSON answer and where it came from (`GET /api/v1/items`), for messages. */
export interface JsonAnswer {
  readonly body: unknown;
  readonly source: string;
  readonly fromCache: boolean;
  /** The answer's headers, lower-case names (a 304 gives the cached answer's `link`). */
  readonly headers: Readonly<Record<string, string>>;
}

export type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** Any request, for adapters whose API is not our contract (Canny reads are POSTs, Fider writes PUTs). */
export interface RequestOptions extends ReadOptions {
  readonly body?: unknown;
  readonly idempotencyKey?: string;
}

interface CacheEntry {
  readonly etag: string;
  readonly body: unknown;
  readonly size: number;
  readonly headers: Readonly<Record<string, string>>;
}

interface Request {
  readonly method: Method;
  readonly url: URL;
  readonly source: string;
  readonly body?: string;
  readonly idempotencyKey?: string;
  readonly signal?: AbortSignal;
}

const DEFAULT_TIMEOUT_MS = 15_000;
const MAX_REDIRECTS = 5;
// A page holds at most 200 items; anything near this size is not our contract.
const MAX_BODY_BYTES = 32 * 1024 * 1024;
// Cached answers are bounded by size (a page of 200 items is ~70 kB), oldest dropped first.
const MAX_CACHED_CHARS = 16 * 1024 * 1024;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

export class HttpClient {
  /** Where the tracker is, as people know it: `127.0.0.1:4000`. */
  readonly host: string;
  private readonly base: URL;
  private readonly timeoutMs: number;
  private readonly axios: AxiosInstance;
  private readonly etags = new Map<string, CacheEntry>();
  private cachedChars = 0;
  /**
   * Until when the tracker said (x-ratelimit-remaining: 0) that it will refuse
   * us, per limit (`x-ratelimit-resource`: GitHub counts search apart from the
   * rest), and which limit each first path segment was last seen to count against.
   */
  private readonly limitedUntil = new Map<string, number>();
  private readonly limitOfPath = new Map<string, string>();

  constructor(private readonly options: HttpClientOptions) {
    this.base = parseBaseUrl(options.baseUrl);
    this.host = this.base.host;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.axios = axios.create({
      maxRedirects: 0, // followed by hand, so that the token stays on its origin
      validateStatus: () => true,
      responseType: 'text',
      transformResponse: [(data: unknown) => data],
      maxContentLength: MAX_BODY_BYTES,
      // VS Code routes Node's http through its own proxy support; axios's env-var
      // proxying would bypass it and forward headers to whatever HTTP_PROXY says.
      proxy: false,
    });
  }

  /** GET and validate with `schema`; a failure is `malformed`, naming field and source. */
  async get<T>(path: string, schema: z.ZodMiniType<T>, options: ReadOptions = {}): Promise<T> {
    const answer = await this.getJson(path, options);
    return this.parse(schema, answer.body, answer.source);
  }

  /** GET and parse JSON only, for callers that validate part by part. */
  getJson(path: string, options: ReadOptions = {}): Promise<JsonAnswer> {
    const url = this.resolve(path, options.query);
    return this.send({ method: 'GET', url, source: `GET ${url.pathname}`, signal: options.signal });
  }

  /** Any method; JSON body and answer; the caller validates the answer. */
  request(method: Method, path: string, options: RequestOptions = {}): Promise<JsonAnswer> {
    const url = this.resolve(path, options.query);
    const body = options.body === undefined ? undefined : JSON.stringify(options.body);
    return this.send({ method, url, source: `${method} ${url.pathname}`, body, idempotencyKey: options.idempotencyKey, signal: options.signal });
  }

  post<T>(path: string, body: unknown, schema: z.ZodMiniType<T>, options: WriteRequestOptions): Promise<T> {
    return this.write('POST', path, body, schema, options);
  }

  patch<T>(path: string, body: unknown, schema: z.ZodMiniType<T>, options: WriteRequestOptions): Promise<T> {
    return this.write('PATCH', path, body, schema, options);
  }

  parse<T>(schema: z.ZodMiniType<T>, value: unknown, source: string, prefix: readonly PropertyKey[] = []): T {
    const result = schema.safeParse(value);
    if (!result.success) {
      throw malformedAnswer(this.host, source, describeIssues(result.error, prefix));
    }
    return result.data;
  }

  /** Forgets every ETag, e.g. when the user switches account. */
  clearCache(): void {
    this.etags.clear();
    this.cachedChars = 0;
  }

  private async write<T>(method: Method, path: string, body: unknown, schema: z.ZodMiniType<T>, options: WriteRequestOptions): Promise<T> {
    const url = this.resolve(path);
    const source = `${method} ${url.pathname}`;
    const request = { method, url, source, body: JSON.stringify(body), idempotencyKey: options.idempotencyKey, signal: options.signal };
    const answer = await this.send(request);
    return this.parse(schema, answer.body, source);
  }

  private resolve(path: string, query: Query = {}): URL {
    const url = new URL(this.base.origin);
    url.pathname = this.base.pathname.replace(/\/+$/, '') + path;
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined && value !== null && value !== '') {
        url.searchParams.set(key, String(value));
      }
    }
    return url;
  }

  private async send(request: Request): Promise<JsonAnswer> {
    if (request.signal?.aborted) {
      throw cancelled(request.source);
    }
    const token = (await this.options.getToken()) || undefined;
    if (token !== undefined && !/^[\x21-\x7e]+$/.test(token)) {
      throw new TrackerError('unauthorized', 'The tracker token contains spaces or characters that cannot be sent; paste it again.');
    }
    this.checkRateLimit(request);
    const deadline = new Deadline(this.timeoutMs, request.signal);
    const started = Date.now();
    try {
      const response = await this.follow(request, token, deadline.signal);
      this.logLine(request, String(response.status), started);
      this.noteRateLimit(request, response);
      return this.answer(request, response);
    } catch (error) {
      if (error instanceof TrackerError) {
        throw error;
      }
      const failure = this.transportError(error, request.source, deadline);
      this.logLine(request, failure.details.code ?? failure.kind, started);
      throw failure;
    } finally {
      deadline.dispose();
    }
  }

  /** Sends the request and follows redirects, sending the token to the base origin only. */
  private async follow(request: Request, token: string | undefined, signal: AbortSignal): Promise<AxiosResponse<string>> {
    const cached = request.method === 'GET' ? this.etags.get(request.url.href) : undefined;
    let url = request.url;
    let left = MAX_REDIRECTS;
    for (;;) {
      const sameOrigin = url.origin === this.base.origin;
      const headers: Record<string, string> = {
        Accept: 'application/json',
        ...this.options.headers,
        'User-Agent': this.options.userAgent ?? 'feedback-loop',
      };
      if (token !== undefined && sameOrigin) {
        Object.assign(headers, this.options.authHeaders ? this.options.authHeaders(token) : { Authorization: `Bearer ${token}` });
      }
      if (request.body !== undefined) {
        headers['Content-Type'] = 'application/json';
      }
      if (request.idempotencyKey !== undefined) {
        headers['Idempotency-Key'] = request.idempotencyKey;
      }
      if (cached) {
        headers['If-None-Match'] = cached.etag;
      }
      const response = await this.axios.request<string>({ method: request.method, url: url.href, headers, data: request.body, signal });
      const location = response.headers.location;
      if (!REDIRECTS.has(response.status) || typeof location !== 'string') {
        return response;
      }
      url = this.redirectTarget(request, url, location, response.status, left--);
    }
  }

  private redirectTarget(request: Request, from: URL, location: string, status: number, left: number): URL {
    const to = new URL(location, from);
    const refuse = (why: string) => new TrackerError('rejected', `Tracker at ${this.host} redirected ${request.source} to ${to.host}; ${why}.`, { status, source: request.source });
    if (left <= 0) {
      throw refuse('too many redirects');
    }
    if (from.protocol === 'https:' && to.protocol !== 'https:') {
      throw refuse('a redirect from https to plain http is not followed');
    }
    if (to.protocol !== 'https:' && !(to.protocol === 'http:' && isLoopback(to))) {
      throw refuse('only https (or http on this machine) is followed');
    }
    // Else a remote tracker (or whoever answers for it) could make us read a local service for it.
    if (!isLocalAddress(this.base) && isLocalAddress(to)) {
      throw refuse('a remote tracker may not send a request into this machine or a private network');
    }
    // A write is re-sent only where the method and body are kept (307/308) and the origin is the tracker's own.
    if (request.method !== 'GET' && (to.origin !== this.base.origin || (status !== 307 && status !== 308))) {
      throw refuse('a write is not sent on to another address; check the tracker URL');
    }
    return to;
  }

  private answer(request: Request, response: AxiosResponse<string>): JsonAnswer {
    const { status } = response;
    const cached = this.etags.get(request.url.href);
    if (status === 304 && request.method === 'GET' && cached) {
      this.remember(request.url.href, cached);
      return { body: cached.body, source: request.source, fromCache: true, headers: cached.headers };
    }
    if (status >= 400) {
      throw this.refusal(request, response) ?? statusError(this.host, request.source, response);
    }
    if (status < 200 || status >= 300) {
      throw new TrackerError('malformed', `Tracker at ${this.host} answered ${request.source} with status ${status}, which the contract does not use here.`, { status, source: request.source });
    }
    // 204 No Content (GitHub's DELETE, some Fider writes): nothing to parse.
    const body = status === 204 || response.data === '' ? null : parseJson(this.host, request.source, response.data);
    const headers = stringHeaders(response.headers);
    const etag = headers.etag;
    if (request.method === 'GET' && etag) {
      this.remember(request.url.href, { etag, body, size: response.data.length, headers });
    }
    return { body, source: request.source, fromCache: false, headers };
  }

  private refusal(request: Request, response: AxiosResponse<string>): TrackerError | undefined {
    if (!this.options.refusal) {
      return undefined;
    }
    let body: unknown;
    try {
      body = JSON.parse(response.data);
    } catch {
      return undefined; // not JSON: the generic reading says what the status means
    }
    return this.options.refusal(response.status, body, stringHeaders(response.headers), request.source);
  }

  /** Refuses without sending while an announced limit lasts: each refused request would count against us. */
  private checkRateLimit(request: Request): void {
    const source = request.source;
    const wait = (this.limitedUntil.get(this.limitOfPath.get(firstSegment(request.url)) ?? '') ?? 0) - Date.now();
    if (wait > 0) {
      throw new TrackerError('rateLimited', `Tracker at ${this.host} allows no more requests for now; try again in ${seconds(wait)}.`, {
        retryAfterMs: wait,
        source,
      });
    }
  }

  private noteRateLimit(request: Request, response: AxiosResponse<string>): void {
    const resource = typeof response.headers['x-ratelimit-resource'] === 'string' ? response.headers['x-ratelimit-resource'] : '';
    this.limitOfPath.set(firstSegment(request.url), resource);
    const until = (this.options.limitResetMs ?? rateLimitResetMs)(response.headers);
    if (until !== undefined) {
      // A reset in the year 33658 is a broken tracker: ask again within the hour.
      this.limitedUntil.set(resource, Math.min(until, Date.now() + MAX_SERVER_DELAY_MS));
    }
  }

  private remember(url: string, entry: CacheEntry): void {
    // A Map keeps insertion order: re-inserting makes it the newest, the first key is the oldest.
    this.forget(url);
    this.etags.set(url, entry);
    this.cachedChars += entry.size;
    while (this.cachedChars > MAX_CACHED_CHARS && this.etags.size > 1) {
      this.forget(this.etags.keys().next().value as string);
    }
  }

  private forget(url: string): void {
    this.cachedChars -= this.etags.get(url)?.size ?? 0;
    this.etags.delete(url);
  }

  private transportError(error: unknown, source: string, deadline: Deadline): TrackerError {
    const code = errorCode(error);
    if (deadline.timedOut) {
      return new TrackerError('unreachable', `Tracker at ${this.host} did not answer ${source} within ${seconds(this.timeoutMs)}.`, { code: 'ETIMEDOUT', source });
    }
    if (deadline.cancelled || code === 'ERR_CANCELED') {
      return cancelled(source);
    }
    // Keep only the code and message: axios errors carry the request headers, token included.
    const cause = new Error(error instanceof Error ? error.message : String(error));
    if (code === 'ERR_BAD_RESPONSE') {
      return new TrackerError('malformed', `Tracker at ${this.host} sent an answer to ${source} that cannot be read (${cause.message}).`, { code, source, cause });
    }
    return new TrackerError('unreachable', `Tracker at ${this.host} is not reachable (${code ?? cause.message}).`, { code, source, cause });
  }

  private logLine(request: Request, outcome: string, started: number): void {
    this.options.log?.(`${request.method} ${request.url.pathname}${request.url.search} ${outcome} ${Date.now() - started}ms`);
  }
}

/** Combines the caller's signal with the deadline, remembering which one fired. */
class Deadline {
  readonly signal: AbortSignal;
  timedOut = false;
  cancelled = false;
  private readonly controller = new AbortController();
  private readonly timer: NodeJS.Timeout;
  private readonly onAbort = () => {
    this.cancelled = true;
    this.controller.abort();
  };

  constructor(
    timeoutMs: number,
    private readonly outer: AbortSignal | undefined,
  ) {
    this.signal = this.controller.signal;
    this.timer = setTimeout(() => {
      this.timedOut = true;
      this.controller.abort();
    }, timeoutMs);
    outer?.addEventListener('abort', this.onAbort, { once: true });
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.outer?.removeEventListener('abort', this.onAbort);
  }
}

/** GitHub's `x-ratelimit-remaining: 0` with `x-ratelimit-reset` (epoch seconds): when the limit lifts, in ms. */
export function rateLimitResetMs(headers: Readonly<Record<string, unknown>>): number | undefined {
  const remaining = headers['x-ratelimit-remaining'];
  const reset = headers['x-ratelimit-reset'];
  if (remaining !== '0' || typeof reset !== 'string' || !/^\d{1,12}$/.test(reset)) {
    return undefined;
  }
  return Number(reset) * 1000;
}

function firstSegment(url: URL): string {
  return url.pathname.split('/')[1] ?? '';
}

function stringHeaders(headers: Readonly<Record<string, unknown>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (typeof value === 'string') {
      out[name.toLowerCase()] = value;
    }
  }
  return out;
}

/** Plain http only for this machine: tokens never cross a network in clear text. Compared after parsing. */
export function isLoopback(url: URL): boolean {
  const host = url.hostname;
  return host === 'localhost' || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** Loopback, link-local, private and unspecified ranges: where a redirect from a remote tracker may not lead. */
const LOCAL_RANGES = new BlockList();
for (const [network, prefix] of [['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12], ['192.168.0.0', 16]] as const) {
  LOCAL_RANGES.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10]] as const) {
  LOCAL_RANGES.addSubnet(network, prefix, 'ipv6');
}

/**
 * An address on this machine or a private network, judged on the parsed URL
 * (the URL parser has already turned `2130706433` or `0x7f.1` into
 * 127.0.0.1; BlockList matches IPv4-mapped IPv6 too). A DNS name that
 * resolves to such an address is not caught here: that needs the resolved
 * address, at connect time.
 */
export function isLocalAddress(url: URL): boolean {
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) {
    return true;
  }
  const version = isIP(host);
  return version !== 0 && LOCAL_RANGES.check(host, version === 6 ? 'ipv6' : 'ipv4');
}

function parseBaseUrl(baseUrl: string): URL {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new TrackerError('rejected', `The tracker URL "${clean(baseUrl)}" is not a URL.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new TrackerError('rejected', `The tracker URL must start with http:// or https://, not ${clean(url.protocol)}`);
  }
  if (url.protocol === 'http:' && !isLoopback(url)) {
    throw new TrackerError('rejected', `The tracker URL must use https:// (plain http:// only for this machine): ${clean(url.host)}`);
  }
  if (url.username || url.password) {
    throw new TrackerError('rejected', 'The tracker URL must not hold a user name or password; use the token setting.');
  }
  return url;
}
