// The outbox: every write the user makes (replies, status changes, links,
// trade-offs) goes through here. A write is persisted before its first
// network attempt, carries one idempotency key for all its attempts, is
// retried with backoff while the failure is transient, and leaves the outbox
// only when the tracker confirms it (or the user discards it). Pure: the
// sender, the storage and the clocks are injected. Waits are measured on a
// monotonic clock and bounded (a tracker's Retry-After included); the wall
// clock only stamps what is stored and shown.
import { Emitter } from './events';
import type { Unsubscribe } from './events';
import { readStoredEntries, writeRequestSchema } from './outboxSchema';
import type { Confirmation, OutboxDeps, OutboxEntry, Timer, WriteRequest } from './outboxTypes';
import { backoffDelay, classifyFailure, DEFAULT_RETRY_POLICY } from './retryPolicy';
import type { RetryPolicy } from './retryPolicy';
import { clampServerDelay, clampTimer, MAX_SERVER_DELAY_MS } from './serverDelays';
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
  const handle = setTimeout(callback, clampTimer(ms));
  return { dispose: () => clearTimeout(handle) };
};

const performanceNow = (): number => performance.now();

export class Outbox {
  private list: OutboxEntry[] = [];
  private readonly inFlight = new Map<string, InFlight>();
  // Monotonic times (this.clock), never stored: per entry its next attempt,
  // per tracker its last attempt and its Retry-After (which only the user's Retry Now lifts).
  private readonly notBefore = new Map<string, number>();
  private readonly lastAttemptAt = new Map<string, number>();
  private readonly holdUntil = new Map<string, number>();
  private readonly changed = new Emitter<void>();
  private readonly confirmed = new Emitter<Confirmation>();
  private readonly policy: RetryPolicy;
  /** No wait the outbox sets is longer: its own backoff ceiling or the longest Retry-After it honours. */
  private readonly maxWaitMs: number;
  private readonly now: () => number;
  private readonly clock: () => number;
  private timer: Unsubscribe | undefined;
  private starting: Promise<void> | undefined;
  private started = false;
  private disposed = false;
  private saving: Promise<void> = Promise.resolve();
  private nextSave: Promise<void> | undefined;

  readonly onDidChange = this.changed.event;
  readonly onDidConfirm = this.confirmed.event;

  constructor(private readonly deps: OutboxDeps) {
    this.policy = { ...DEFAULT_RETRY_POLICY, ...deps.policy };
    this.maxWaitMs = Math.max(this.policy.maxDelayMs, MAX_SERVER_DELAY_MS);
    this.now = deps.now ?? Date.now;
    this.clock = deps.monotonic ?? deps.now ?? performanceNow;
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

  /**
   * Sends waiting entries (one, or all) at once: the user's click overrides
   * every wait, the tracker's Retry-After included (if it still refuses, it
   * says so again). Re-arms a refused entry named by id.
   */
  retryNow(id?: string): void {
    const lifted = new Set<string>();
    this.list = this.list.map((entry) => {
      if ((id !== undefined && entry.id !== id) || !this.canRetryNow(entry, id !== undefined)) {
        return entry;
      }
      lifted.add(entry.tracker);
      this.notBefore.delete(entry.id);
      return { ...entry, state: 'pending', nextAttemptAt: undefined };
    });
    for (const tracker of lifted) {
      this.holdUntil.delete(tracker);
      if (!this.inFlight.has(tracker)) {
        this.lastAttemptAt.delete(tracker); // a request under way still spaces the next one
      }
    }
    this.changed.fire();
    this.pump();
  }

  /** Pending entries; a refused one only when named; one marked sending with no request under way (never left so). */
  private canRetryNow(entry: OutboxEntry, named: boolean): boolean {
    switch (entry.state) {
      case 'pending':
        return true;
      case 'refused':
        return named;
      case 'sending':
        return !this.isInFlight(entry.id);
    }
  }

  /**
   * Entries queued for a tracker under an id it no longer has (`from`, the id
   * of before the connection registry: an origin, `github:octo/app`) belong
   * to it under its new one (`to`): from now on they are sent, shown and
   * confirmed as its entries, and stored so. Waits for the stored entries to
   * be loaded; resolves to how many moved. An entry being sent keeps its id
   * until its attempt ends (none is: nothing sends to an id no tracker has).
   */
  async retarget(ids: ReadonlyMap<string, string>): Promise<number> {
    await this.start();
    let moved = 0;
    this.list = this.list.map((entry) => {
      const to = ids.get(entry.tracker);
      if (to === undefined || to === entry.tracker || this.isInFlight(entry.id)) {
        return entry;
      }
      moved++;
      return { ...entry, tracker: to };
    });
    if (moved > 0 && !this.disposed) {
      this.log(`${moved} entries queued under the ids of before the connection registry now go to their connections`);
      this.changed.fire();
      await this.persistQuietly();
      this.pump();
    }
    return moved;
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
    this.notBefore.delete(id);
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
      const kept = where === undefined ? 'they could not be set aside and are dropped' : `kept in ${where}`;
      this.log(`the stored outbox had unreadable entries (${issues.join('; ')}); ${kept}; ${entries.length} entries loaded`);
    }
    // An entry caught mid-send by a restart may or may not have landed: its key makes sending it again safe.
    this.list = entries.map((e) => (e.state === 'sending' ? { ...e, state: 'pending' } : e));
    for (const entry of this.list) {
      if (entry.nextAttemptAt !== undefined) {
        // Stored in wall-clock time, which may have stepped since: never wait longer than the outbox ever would.
        this.waitFor(entry.id, Date.parse(entry.nextAttemptAt) - this.now());
      }
    }
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
    const now = this.clock();
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
      // attempt() settles every outcome itself; anything that still escapes is a bug, logged rather than lost.
      this.attempt(entry).catch((bug: unknown) => this.log(`attempt failed unexpectedly: ${String(bug)}`));
    }
    if (wakeAt !== Infinity) {
      this.schedule(wakeAt - now);
    }
  }

  /** When (monotonic) the entry may go: its own backoff, the tracker's pacing and Retry-After. */
  private dueAt(entry: OutboxEntry): number {
    const last = this.lastAttemptAt.get(entry.tracker);
    const interval = last === undefined ? -Infinity : last + this.policy.minIntervalMs;
    return Math.max(this.notBefore.get(entry.id) ?? -Infinity, interval, this.holdUntil.get(entry.tracker) ?? -Infinity);
  }

  /** Sets the entry's wait (bounded) and answers the wall-clock time to store for it. */
  private waitFor(id: string, ms: number): string | undefined {
    const wait = Math.min(clampTimer(ms), this.maxWaitMs);
    this.notBefore.set(id, this.clock() + wait);
    const at = new Date(this.now() + wait);
    return Number.isNaN(at.getTime()) ? undefined : at.toISOString();
  }

  private isInFlight(id: string): boolean {
    return [...this.inFlight.values()].some((flight) => flight.id === id);
  }

  private async attempt(entry: OutboxEntry): Promise<void> {
    const abort = new AbortController();
    this.inFlight.set(entry.tracker, { id: entry.id, abort });
    this.lastAttemptAt.set(entry.tracker, this.clock());
    this.notBefore.delete(entry.id);
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
      this.releaseIfStuck(entry.id);
      this.pump();
    }
  }

  /** An attempt that ended without an outcome (cancelled, or a bug) leaves its entry pending, never "sending" for ever. */
  private releaseIfStuck(id: string): void {
    if (!this.disposed && this.list.some((e) => e.id === id && e.state === 'sending') && !this.isInFlight(id)) {
      this.update(id, { state: 'pending' });
      this.changed.fire();
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
    this.notBefore.delete(entry.id);
    this.log(`confirmed ${describeEntry(entry)} after ${entry.attempts} attempt(s)`);
    this.confirmed.fire({ entry, result });
    this.changed.fire();
    await this.persistQuietly();
  }

  private async failed(entry: OutboxEntry, error: unknown): Promise<void> {
    const verdict = classifyFailure(error);
    if (verdict.retry) {
      // Bounded here too: the error may come from any adapter, not only through httpErrors.
      const retryAfterMs = verdict.retryAfterMs === undefined ? undefined : clampServerDelay(verdict.retryAfterMs);
      if (retryAfterMs !== undefined) {
        this.hold(entry.tracker, retryAfterMs);
      }
      const delay = Math.min(backoffDelay(entry.attempts, this.policy, this.deps.random ?? Math.random, retryAfterMs), this.maxWaitMs);
      this.update(entry.id, { state: 'pending', nextAttemptAt: this.waitFor(entry.id, delay), lastError: verdict.reason });
      this.log(`${describeEntry(entry)} failed (attempt ${entry.attempts}), retry in ${delay} ms: ${verdict.reason}`);
    } else {
      this.update(entry.id, { state: 'refused', lastError: verdict.reason });
      this.log(`${describeEntry(entry)} refused by the tracker, kept: ${verdict.reason}`);
    }
    this.changed.fire();
    await this.persistQuietly();
  }

  /** The tracker's Retry-After holds every write to it, and is stored with them so that a restart honours it too. */
  private hold(tracker: string, ms: number): void {
    const now = this.clock();
    const holdUntil = Math.max(this.holdUntil.get(tracker) ?? -Infinity, now + ms);
    this.holdUntil.set(tracker, holdUntil);
    this.list = this.list.map((e) => {
      const waiting = e.tracker === tracker && e.state === 'pending' && (this.notBefore.get(e.id) ?? -Infinity) < holdUntil;
      return waiting ? { ...e, nextAttemptAt: this.waitFor(e.id, holdUntil - now) } : e;
    });
  }

  private update(id: string, patch: Partial<OutboxEntry>): OutboxEntry | undefined {
    let updated: OutboxEntry | undefined;
    this.list = this.list.map((entry) => (entry.id === id ? (updated = { ...entry, ...patch }) : entry));
    return updated;
  }

  /**
   * Saves run one after another. A save writes the list as it is when it
   * starts, so every change asked for while one is running shares the next
   * one: a burst of writes costs two saves, not one each.
   */
  private persist(): Promise<void> {
    this.nextSave ??= this.saving.then(() => {
      this.nextSave = undefined;
      this.assertOpen();
      return this.deps.storage.save([...this.list]);
    });
    const run = this.nextSave;
    this.saving = run.catch(() => undefined); // the caller of `run` gets the error; the next save only waits
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
    this.timer = (this.deps.setTimer ?? defaultTimer)(() => this.pump(), clampTimer(ms));
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
