// Bounds on waits a tracker asks for (Retry-After, rate-limit resets) and on
// the timers that honour them. A tracker is input like any other: a wait of
// 10⁹ s must not overflow a timer (Node fires an overlong setTimeout after
// 1 ms, so the outbox would spin), nor make a date that cannot be written.

/** The longest wait a tracker may impose: after it we simply ask again (and it may say "later" again). */
export const MAX_SERVER_DELAY_MS = 60 * 60_000;

/** setTimeout's largest delay (a signed 32-bit count of milliseconds). */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** A tracker's wait in ms, within [0, MAX_SERVER_DELAY_MS]; undefined when it is not a number at all. */
export function clampServerDelay(ms: number): number | undefined {
  if (Number.isNaN(ms)) {
    return undefined;
  }
  return Math.min(Math.max(ms, 0), MAX_SERVER_DELAY_MS);
}

/** A delay any timer accepts as written: negative and NaN become 0, the overlong become MAX_TIMER_MS. */
export function clampTimer(ms: number): number {
  return Number.isNaN(ms) ? 0 : Math.min(Math.max(ms, 0), MAX_TIMER_MS);
}
