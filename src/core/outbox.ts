// The outbox: every write the user makes (replies, status changes, links,
// trade-offs) goes through here. A write is persisted before its first
// network attempt, carries one idempotency key for all its attempts, is
// retried with backoff while the failure is transient, and leaves the outbox
// only when the tracker confirms it (or the user discards it). Pure: the
// sender, the storage and the clock are injected.
import { Emitter } from './events';
import type { Unsubscribe } from './events';
import { readStoredEntries, writeRequestSchema } from './outboxSchema';
import type { Confirmation, OutboxDeps, OutboxEntry, Timer, WriteRequest } from './outboxTypes';
import { backoffDelay, classifyFailure, DEFAULT_RETRY_POLICY } from './retryPolicy';
import type { RetryPolicy } from './retryPolicy';
import { parseOrThrow } from './validation';

export type {
  Confirmation,
  OutboxDeps,
  OutboxEntry,
  OutboxState,
  OutboxStorage,
  Timer,
  VerifyOutcome,
  WriteRequest,
} from './outboxTypes';

interface InFlight {
  readonly id: string;
  readonly abort: AbortController;
}

const defaultTimer: Timer = (callback, ms) => {
  const handle = setTimeout(callback, Math.max(0, ms));
  return { dispose: () => clearTimeout(handle) };
};

export class Outbox {
  private list: OutboxEntry[] = [];
  private readonly inFlight = new Map<string, InFlight>();
  private readonly lastAttemptAt = new Map<string, number>();
  /** Per tracker: nothing is sent before this (its Retry-After), whatever else asks. */
  private readonly holdUntil = new Map<string, number>();
  private readonly changed = new Emitter<void>();
  private readonly confirmed = new Emitter<Confirmation>();
  private readonly policy: RetryPolicy;
  private readonly now: () => number;
  private timer: Unsubscribe | undefined;
  private starting: Promise<void> | undefined;
  private started = false;
  private disposed = false;
  private saving: Promise<void> = Promise.resolve();

  readonly onDidChange = this.changed.event;
  readonly onDidConfirm = this.confirmed.event;

  constructor(private readonly deps: OutboxDeps) {
    this.policy = { ...DEFAULT_RETRY_POLICY, ...deps.policy };
    this.now = deps.now ?? Date.now;
  }

  /** Loads what was stored and resumes sending on a later tick (never during the call). */
  start(): Promise<void> {
    this.starting ??= this.load();
    return this.starting;
  }

  /** Persists the write, then sends it; resolves once it is stored (not sent). */
  async enqueue(tracker: string, request: WriteRequest): Promise<OutboxEntry> {
    await this.start();
    this.assertOpen();
    const entry: OutboxEntry = {
      id: this.newId(),
      idempotencyKey: this.newId(),
      tracker,
      request: parseOrThrow(writeRequestSchema, request, 'the write to queue'),
      createdAt: new Date(this.now()).toISOString(),
      attempts: 0,
      state: 'pending',
    };
    this.list.push(entry);
    try {
      await this.persist();
    } catch (error) {
      this.list = this.list.filter((e) => e.id !== entry.id); // never send what is not stored
      throw error;
    }
    this.changed.fire();
    this.pump();
    return entry;
  }

  entries(): readonly OutboxEntry[] {
    return [...this.list];
  }

  /** Sends waiting entries (one, or all) without waiting for their backoff; re-arms a refused one named by id. */
  retryNow(id?: string): void {
    this.list = this.list.map((entry) => {
      if (id !== undefined && entry.id !== id) {
        return entry;
      }
      if (entry.state === 'pending' || (entry.state === 'refused' && id !== undefined)) {
        return { ...entry, state: 'pending', nextAttemptAt: undefined };
      }
      return entry;
    });
    this.changed.fire();
    this.pump();
  }

  /** Removes an entry for good; one being sent is cancelled (it may still land, as with any cancelled request). */
  async discard(id: string): Promise<void> {
    const entry = this.list.find((e) => e.id === id);
    if (!entry) {
      return;
    }
    for (const flight of this.inFlight.values()) {
      if (flight.id === id) {
        flight.abort.abort();
      }
    }
    this.list = this.list.filter((e) => e.id !== id);
    this.log(`discarded ${describeEntry(entry)}`);
    this.changed.fire();
    await this.persist();
  }

  dispose(): void {
    this.disposed = true;
    this.timer?.dispose();
    this.timer = undefined;
    for (const flight of this.inFlight.values()) {
      flight.abort.abort();
    }
    this.inFlight.clear();
    this.changed.dispose();
    this.confirmed.dispose();
  }

  private async load(): Promise<void> {
    const stored = await this.deps.storage.load();
    const { entries, issues } = readStoredEntries(stored);
    if (issues.length > 0) {
      const where = await this.deps.storage.setAside?.(issues.join('; '));
      this.log(`the stored outbox had unreadable entries (${issues.join('; ')}); kept ${where ?? 'as it was'}; ${entries.length} entries loaded`);
    }
    // An entry caught mid-send by a restart may or may not have landed: its key makes sending it again safe.
    this.list = entries.map((e) => (e.state === 'sending' ? { ...e, state: 'pending' } : e));
    this.started = true;
    if (issues.length > 0) {
      await this.persist();
    }
    this.changed.fire();
    this.schedule(0);
  }

  /** Starts every attempt that is due; arms a timer for the next one. */
  private pump(): void {
    this.timer?.dispose();
    this.timer = undefined;
    if (this.disposed || !this.started) {
      return;
    }
    const now = this.now();
    let wakeAt = Infinity;
    const busy = new Set<string>(); // per item, writes go in order: one at a time, oldest first
    for (const entry of this.list) {
      const key = `${entry.tracker}\n${entry.request.itemId}`;
      if (entry.state === 'refused' || busy.has(key)) {
        continue;
      }
      busy.add(key);
      if (entry.state === 'sending' || this.inFlight.has(entry.tracker) || !this.canSend(entry.tracker)) {
        continue;
      }
      const due = this.dueAt(entry);
      if (due > now) {
        wakeAt = Math.min(wakeAt, due);
        continue;
      }
      void this.attempt(entry);
    }
    if (wakeAt !== Infinity) {
      this.schedule(wakeAt - now);
    }
  }

  private dueAt(entry: OutboxEntry): number {
    const next = entry.nextAttemptAt === undefined ? -Infinity : Date.parse(entry.nextAttemptAt);
    const last = this.lastAttemptAt.get(entry.tracker);
    const interval = last === undefined ? -Infinity : last + this.policy.minIntervalMs;
    return Math.max(next, interval, this.holdUntil.get(entry.tracker) ?? -Infinity);
  }

  private async attempt(entry: OutboxEntry): Promise<void> {
    const abort = new AbortController();
    this.inFlight.set(entry.tracker, { id: entry.id, abort });
    this.lastAttemptAt.set(entry.tracker, this.now());
    const sending = this.update(entry.id, { state: 'sending', attempts: entry.attempts + 1, nextAttemptAt: undefined });
    try {
      if (!sending) {
        return;
      }
      this.changed.fire();
      // Stored before the request, so a restart knows this attempt may have landed.
      await this.persistQuietly();
      if (abort.signal.aborted || this.disposed) {
        return;
      }
      const result = await this.deliver(sending, abort.signal);
      if (!abort.signal.aborted && !this.disposed) {
        await this.succeeded(sending, result);
      }
    } catch (error) {
      if (sending && !abort.signal.aborted && !this.disposed) {
        await this.failed(sending, error);
      }
    } finally {
      if (this.inFlight.get(entry.tracker)?.abort === abort) {
        this.inFlight.delete(entry.tracker);
      }
      this.pump();
    }
  }

  private async deliver(entry: OutboxEntry, signal: AbortSignal): Promise<unknown> {
    if (entry.attempts > 1 && this.deps.verify) {
      const check = await this.deps.verify(entry, signal);
      if (check.found) {
        this.log(`${describeEntry(entry)} had landed already (checked before resending)`);
        return check.result;
      }
    }
    return this.deps.send(entry, signal);
  }

  private async succeeded(entry: OutboxEntry, result: unknown): Promise<void> {
    this.list = this.list.filter((e) => e.id !== entry.id);
    this.log(`confirmed ${describeEntry(entry)} after ${entry.attempts} attempt(s)`);
    this.confirmed.fire({ entry, result });
    this.changed.fire();
    await this.persistQuietly();
  }

  private async failed(entry: OutboxEntry, error: unknown): Promise<void> {
    const verdict = classifyFailure(error);
    if (verdict.retry) {
      const now = this.now();
      if (verdict.retryAfterMs !== undefined) {
        this.hold(entry.tracker, now + verdict.retryAfterMs);
      }
      const delay = backoffDelay(entry.attempts, this.policy, this.deps.random ?? Math.random, verdict.retryAfterMs);
      this.update(entry.id, { state: 'pending', nextAttemptAt: new Date(now + delay).toISOString(), lastError: verdict.reason });
      this.log(`${describeEntry(entry)} failed (attempt ${entry.attempts}), retry in ${delay} ms: ${verdict.reason}`);
    } else {
      this.update(entry.id, { state: 'refused', lastError: verdict.reason });
      this.log(`${describeEntry(entry)} refused by the tracker, kept: ${verdict.reason}`);
    }
    this.changed.fire();
    await this.persistQuietly();
  }

  /** The tracker's Retry-After holds every write to it, and is stored with them so that a restart honours it too. */
  private hold(tracker: string, until: number): void {
    const holdUntil = Math.max(this.holdUntil.get(tracker) ?? 0, until);
    this.holdUntil.set(tracker, holdUntil);
    this.list = this.list.map((e) => {
      const next = e.nextAttemptAt === undefined ? 0 : Date.parse(e.nextAttemptAt);
      return e.tracker === tracker && e.state === 'pending' && next < holdUntil ? { ...e, nextAttemptAt: new Date(holdUntil).toISOString() } : e;
    });
  }

  private update(id: string, patch: Partial<OutboxEntry>): OutboxEntry | undefined {
    let updated: OutboxEntry | undefined;
    this.list = this.list.map((entry) => (entry.id === id ? (updated = { ...entry, ...patch }) : entry));
    return updated;
  }

  /** Saves run one after another, each with the list as it was when asked. */
  private persist(): Promise<void> {
    const snapshot = [...this.list];
    const run = this.saving.then(() => {
      this.assertOpen();
      return this.deps.storage.save(snapshot);
    });
    this.saving = run.catch(() => undefined);
    return run;
  }

  private async persistQuietly(): Promise<void> {
    try {
      await this.persist();
    } catch (error) {
      if (!this.disposed) {
        this.log(`could not save the outbox: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }

  private schedule(ms: number): void {
    if (this.disposed) {
      return;
    }
    this.timer?.dispose();
    this.timer = (this.deps.setTimer ?? defaultTimer)(() => this.pump(), Math.max(0, ms));
  }

  private canSend(tracker: string): boolean {
    return this.deps.canSend?.(tracker) ?? true;
  }

  private newId(): string {
    return this.deps.newId?.() ?? globalThis.crypto.randomUUID();
  }

  private assertOpen(): void {
    if (this.disposed) {
      throw new Error('The outbox is closed.');
    }
  }

  private log(line: string): void {
    this.deps.log?.(`Outbox: ${line}`);
  }
}

function describeEntry(entry: OutboxEntry): string {
  return `${entry.request.kind} on ${entry.request.itemId} (${entry.id})`;
}
