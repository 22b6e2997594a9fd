// Test doubles for the outbox: a clock whose timers the test advances, and a
// storage that keeps JSON text (so every load is a real round trip).
import type { Unsubscribe } from '../../src/core/events';
import type { OutboxEntry, OutboxStorage, Timer } from '../../src/core/outbox';

interface PendingTimer {
  readonly due: number;
  readonly callback: () => void;
}

/** Lets promises and I/O callbacks queued so far run. */
export async function settle(rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    await new Promise((resolve) => setImmediate(resolve));
  }
}

export class ManualClock {
  time = Date.parse('2025-01-01T00:00:00Z');
  private timers: PendingTimer[] = [];

  readonly now = (): number => this.time;

  readonly setTimer: Timer = (callback, ms): Unsubscribe => {
    const timer = { due: this.time + ms, callback };
    this.timers.push(timer);
    return { dispose: () => (this.timers = this.timers.filter((t) => t !== timer)) };
  };

  /** Moves time forward, firing each timer at its due time, letting promises settle in between. */
  async advance(ms: number): Promise<void> {
    const end = this.time + ms;
    await settle();
    for (;;) {
      const next = [...this.timers].sort((a, b) => a.due - b.due)[0];
      if (!next || next.due > end) {
        break;
      }
      this.timers = this.timers.filter((t) => t !== next);
      this.time = Math.max(this.time, next.due);
      next.callback();
      await settle();
    }
    this.time = end;
  }
}

/**
 * Timers fire on the next turn of the event loop while a virtual clock jumps
 * to their due time: real HTTP runs at full speed, and waits (backoff,
 * Retry-After, one write per second) are still measured and honoured.
 */
export class VirtualClock {
  time = Date.parse('2025-01-01T00:00:00Z');
  readonly now = (): number => this.time;
  readonly setTimer: Timer = (callback, ms) => {
    const due = this.time + ms;
    const handle = setImmediate(() => {
      this.time = Math.max(this.time, due);
      callback();
    });
    return { dispose: () => clearImmediate(handle) };
  };
}

export class MemoryStorage implements OutboxStorage {
  text: string | undefined;
  saves = 0;
  asideReasons: string[] = [];
  failNextSave = false;

  async load(): Promise<unknown> {
    return this.text === undefined ? undefined : (JSON.parse(this.text) as unknown);
  }

  async save(entries: readonly OutboxEntry[]): Promise<void> {
    if (this.failNextSave) {
      this.failNextSave = false;
      throw new Error('disk full');
    }
    this.saves++;
    this.text = JSON.stringify(entries);
  }

  async setAside(reason: string): Promise<string> {
    this.asideReasons.push(reason);
    return 'outbox.bad.json';
  }

  stored(): OutboxEntry[] {
    return this.text === undefined ? [] : (JSON.parse(this.text) as OutboxEntry[]);
  }
}
