// Background work that a newer request makes pointless: recomputing a file's
// impact after an edit, when the user has typed again. One run per key; a new
// run aborts the one before, whose caller then gets an AbortError rather than
// an answer about text that no longer exists.

export class LatestRuns {
  private readonly running = new Map<string, AbortController>();

  /** Runs `task` as the latest of `key`; `outer` aborts it too. Rejects with an AbortError once superseded. */
  async run<T>(key: string, outer: AbortSignal | undefined, task: (signal: AbortSignal) => Promise<T>): Promise<T> {
    this.running.get(key)?.abort();
    const controller = new AbortController();
    this.running.set(key, controller);
    const abort = (): void => controller.abort();
    outer?.addEventListener('abort', abort);
    if (outer?.aborted) {
      controller.abort();
    }
    try {
      const result = await task(controller.signal);
      // A run answered from caches alone never saw its signal: a superseded one still must not answer.
      controller.signal.throwIfAborted();
      return result;
    } finally {
      outer?.removeEventListener('abort', abort);
      if (this.running.get(key) === controller) {
        this.running.delete(key);
      }
    }
  }

  /** Aborts every run (the owner is disposed). */
  abortAll(): void {
    for (const controller of this.running.values()) {
      controller.abort();
    }
    this.running.clear();
  }
}

/** At most `max` tasks at once, the others started in order as those end: bounds the git processes of several repositories. */
export function concurrencyLimit(max: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (running < max) {
      running++;
    } else {
      await new Promise<void>((resolve) => waiting.push(resolve));
    }
    try {
      return await task();
    } finally {
      // The slot passes straight to the next in line, so a newcomer cannot take it in between.
      const next = waiting.shift();
      if (next) {
        next();
      } else {
        running--;
      }
    }
  };
}
