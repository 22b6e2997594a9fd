// The reference tracker: a plain Node HTTP server implementing TRACKER-API.md
// over seeded sample data, with optional persistence and fault injection.
// Every route answers only to the host:port it bound to; the API wants the
// token, an item's web page the page key its url carries (access.ts).
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { allowedHosts, checkHost, PageKeys } from './access';
import type { ApiContext } from './api';
import { API_PREFIX, handleApi } from './api';
import { DataFile, loadDataFile } from './dataFile';
import type { FaultOptions } from './faults';
import { FaultInjector } from './faults';
import { forbiddenPage, itemPage, notFoundPage, PAGE_HEADERS } from './page';
import type { Reply } from './reply';
import { HttpError, readBody, replyForError, writeReply } from './reply';
import { seedData } from './seed';
import { TrackerStore } from './store';

export type { FaultOptions } from './faults';

export interface ReferenceTrackerOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0: a free port. */
  port?: number;
  /** Default: random. */
  token?: string;
  /** Persist to this JSON file; loaded at start when it exists (then size and seed are not used). */
  dataFile?: string;
  /** Number of seeded items, default 300. */
  size?: number;
  /** PRNG seed, default 1: the same seed gives the same data. */
  seed?: number;
  faults?: FaultOptions;
}

export interface RunningTracker {
  /** Base URL, e.g. http://127.0.0.1:4000; the API is under /api/v1. */
  readonly url: string;
  readonly token: string;
  readonly port: number;
  setFaults(faults: FaultOptions): void;
  /** Closes the server and every open socket, then waits for pending saves. */
  stop(): Promise<void>;
}

export const BODY_LIMIT_BYTES = 1024 * 1024;

const digest = (text: string) => createHash('sha256').update(text).digest();

class Tracker {
  private readonly stopController = new AbortController();
  private readonly tokenDigest: Buffer;
  readonly pages: PageKeys;
  ctx: ApiContext;
  /** Set once the port is known; until then no Host is allowed. */
  hosts: ReadonlySet<string> = new Set();

  constructor(
    readonly token: string,
    private readonly store: TrackerStore,
    readonly faults: FaultInjector,
    private readonly dataFile: DataFile | undefined,
  ) {
    this.tokenDigest = digest(token);
    this.pages = new PageKeys(token);
    this.ctx = {
      store,
      itemUrl: () => '',
      persist: () => dataFile?.save() ?? Promise.resolve(),
      persisted: () => dataFile?.idle() ?? Promise.resolve(),
    };
  }

  async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    let reply: Reply | undefined;
    try {
      const url = new URL(req.url ?? '/', 'http://tracker.invalid');
      checkHost(req.headers.host, this.hosts);
      reply = url.pathname.startsWith('/api/') ? await this.handleApiRequest(req, url) : this.handlePage(req, url);
    } catch (error) {
      reply = replyForError(error);
    }
    if (reply !== undefined && !res.destroyed) {
      writeReply(req, res, reply);
    }
  }

  async stop(): Promise<void> {
    this.stopController.abort();
    await this.dataFile?.close();
  }

  /** Undefined when the socket was dropped on purpose. */
  private async handleApiRequest(req: http.IncomingMessage, url: URL): Promise<Reply | undefined> {
    await this.delay(this.faults.latencyMs);
    const injected = this.faults.intercept();
    if (injected) {
      return injected;
    }
    this.authorize(req.headers.authorization);
    if (url.pathname !== API_PREFIX && !url.pathname.startsWith(`${API_PREFIX}/`)) {
      throw new HttpError(404, 'not_found', `No such endpoint: ${req.method ?? ''} ${url.pathname}`);
    }
    const isWrite = req.method === 'POST' || req.method === 'PATCH';
    if (isWrite && this.faults.dropBeforeWrite) {
      req.socket.destroy();
      return undefined;
    }
    const refused = isWrite ? this.faults.refuseWrite() : undefined;
    if (refused) {
      return refused;
    }
    const reply = await handleApi(this.ctx, {
      method: req.method ?? 'GET',
      path: url.pathname.slice(API_PREFIX.length),
      params: url.searchParams,
      idempotencyKey: headerValue(req.headers['idempotency-key']),
      body: () => readJson(req),
    });
    if (isWrite && this.faults.dropAfterWrite) {
      req.socket.destroy();
      return undefined;
    }
    return req.method === 'GET' ? this.faults.malform(reply) : reply;
  }

  private handlePage(req: http.IncomingMessage, url: URL): Reply {
    const match = /^\/items\/([^/]+)$/.exec(url.pathname);
    if (req.method !== 'GET' || !match?.[1]) {
      return notFoundPage();
    }
    let id: string;
    try {
      id = decodeURIComponent(match[1]);
    } catch {
      return notFoundPage(); // a malformed %-escape names no item
    }
    // Checked before the item is looked up: without the key, not even whether it exists.
    if (!this.pages.matches(id, url.searchParams.get('key'))) {
      return forbiddenPage();
    }
    const item = this.store.find(id);
    return item ? { status: 200, raw: itemPage(item), headers: PAGE_HEADERS } : notFoundPage();
  }

  /** Compares digests so the comparison takes the same time whatever the token's length. */
  private authorize(header: string | undefined): void {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
    const given = digest(match?.[1] ?? '');
    if (!match || !timingSafeEqual(given, this.tokenDigest)) {
      throw new HttpError(401, 'unauthorized', 'Missing or wrong bearer token.', { 'www-authenticate': 'Bearer' });
    }
  }

  /** Rejects when the tracker stops, so a delayed request never writes after stop(). */
  private delay(ms: number): Promise<void> {
    const signal = this.stopController.signal;
    if (signal.aborted) {
      return Promise.reject(new Error('The tracker is stopping.'));
    }
    if (ms <= 0) {
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      const onAbort = () => {
        clearTimeout(timer);
        reject(new Error('The tracker is stopping.'));
      };
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

async function readJson(req: http.IncomingMessage): Promise<unknown> {
  const text = await readBody(req, BODY_LIMIT_BYTES);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new HttpError(400, 'invalid_json', `The body is not valid JSON: ${(error as Error).message}`);
  }
}

function listen(server: http.Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

export async function startReferenceTracker(options: ReferenceTrackerOptions = {}): Promise<RunningTracker> {
  const host = options.host ?? '127.0.0.1';
  const seed = options.seed ?? 1;
  const loaded = options.dataFile === undefined ? undefined : await loadDataFile(options.dataFile);
  const store = new TrackerStore(loaded ?? seedData(options.size ?? 300, seed));
  const dataFile = options.dataFile === undefined ? undefined : new DataFile(options.dataFile, () => store.toJson());
  // Written at once, so the file exists (and is valid) from the first moment.
  await dataFile?.save();
  const tracker = new Tracker(options.token ?? randomBytes(24).toString('base64url'), store, new FaultInjector(seed, options.faults), dataFile);
  // handle() answers every error itself; a failure here means the socket is gone.
  const server = http.createServer((req, res) => void tracker.handle(req, res).catch(() => res.destroy()));
  const port = await listen(server, options.port ?? 0, host);
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  tracker.hosts = allowedHosts(host, port);
  tracker.ctx = { ...tracker.ctx, itemUrl: (id) => `${url}/items/${encodeURIComponent(id)}?key=${tracker.pages.key(id)}` };
  let stopping: Promise<void> | undefined;
  return {
    url,
    token: tracker.token,
    port,
    setFaults: (faults) => tracker.faults.set(faults),
    stop: () => (stopping ??= stopServer(server, tracker)),
  };
}

async function stopServer(server: http.Server, tracker: Tracker): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeAllConnections();
  await tracker.stop();
  await closed;
}
