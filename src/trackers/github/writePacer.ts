// At most one write per interval (GitHub's guidance against secondary rate
// limits): each write waits for the previous one's slot.
import { TrackerError } from '../tracker';

export class WritePacer {
  private next = 0;

  constructor(
    private readonly intervalMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  async wait(signal?: AbortSignal): Promise<void> {
    const at = Math.max(this.now(), this.next);
    this.next = at + this.intervalMs;
    const delay = at - this.now();
    if (delay > 0) {
      await sleep(delay, signal);
    }
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new TrackerError('cancelled', 'The write was cancelled.'));
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new TrackerError('cancelled', 'The write was cancelled.'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
