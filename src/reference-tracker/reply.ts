// HTTP plumbing of the reference tracker: answers as values, error bodies in
// the contract's shape, bounded body reading, ETags.
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ErrorBody } from '../core/model';

export interface Reply {
  readonly status: number;
  /** JSON-serialised unless `raw` is set. Absent: no body. */
  readonly body?: unknown;
  /** Sent as is (used to send deliberately broken JSON). */
  readonly raw?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

/** Thrown anywhere in a handler; the server turns it into an error answer. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export function errorReply(status: number, code: string, message: string, headers: Readonly<Record<string, string>> = {}): Reply {
  const body: ErrorBody = { error: { code, message } };
  return { status, body, headers };
}

export function replyForError(error: unknown): Reply {
  if (error instanceof HttpError) {
    return errorReply(error.status, error.code, error.message, error.headers);
  }
  const message = error instanceof Error ? error.message : String(error);
  return errorReply(500, 'internal', `The reference tracker failed: ${message}`);
}

/** Past this, the rest of an oversized body is not even drained: the socket is dropped. */
const DRAIN_LIMIT = 16 * 1024 * 1024;

/**
 * Reads the body as UTF-8, up to `limit` bytes. An oversized body is drained
 * (up to DRAIN_LIMIT) before the 413 is thrown, so the client reads the
 * answer instead of a reset connection.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) {
        chunks.push(chunk);
      } else if (size > DRAIN_LIMIT) {
        req.destroy();
      }
    });
    req.on('end', () => {
      if (size > limit) {
        reject(new HttpError(413, 'payload_too_large', `The body is larger than ${limit} bytes.`, { connection: 'close' }));
      } else {
        resolve(Buffer.concat(chunks).toString('utf8'));
      }
    });
    req.on('error', reject);
    // A client that goes away mid-body (or a stop()) must not leave the handler waiting forever.
    req.on('close', () => {
      if (!req.complete) {
        reject(new Error('The client closed the connection before sending the whole body.'));
      }
    });
  });
}

export function etagOf(text: string): string {
  return `"${createHash('sha256').update(text).digest('base64url').slice(0, 27)}"`;
}

/** `If-None-Match` may hold a list of tags, weak tags, or `*`. */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) {
    return false;
  }
  return ifNoneMatch.split(',').some((tag) => {
    const trimmed = tag.trim();
    return trimmed === '*' || trimmed === etag || trimmed === `W/${etag}`;
  });
}

/** Writes a reply; reads (GET) get an ETag and a 304 when the client already holds it. */
export function writeReply(req: IncomingMessage, res: ServerResponse, reply: Reply): void {
  const headers: Record<string, string> = { 'cache-control': 'no-store', ...reply.headers };
  if (reply.body === undefined && reply.raw === undefined) {
    res.writeHead(reply.status, headers).end();
    return;
  }
  const text = reply.raw ?? JSON.stringify(reply.body);
  headers['content-type'] ??= 'application/json; charset=utf-8';
  if (req.method === 'GET' && reply.status === 200) {
    const etag = etagOf(text);
    headers.etag = etag;
    if (etagMatches(req.headers['if-none-match'], etag)) {
      delete headers['content-type'];
      res.writeHead(304, headers).end();
      return;
    }
  }
  headers['content-length'] = String(Buffer.byteLength(text));
  res.writeHead(reply.status, headers).end(text);
}
