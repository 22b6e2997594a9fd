// When the Feedback view refreshes on its own (issue 12, "Live"): every
// `feedbackLoop.refreshIntervalMinutes` after the last refresh (whoever asked
// for it), and when the window regains focus after a minute or more away;
// nothing while the window is unfocused and the view hidden, and nothing
// before the first load (the view loads when it is first shown). 0 minutes
// turns it off. Plain rules over an injected clock, so they are tested in Node.

export interface ScheduleClock {
  now(): number;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: ScheduleClock = {
  now: () => Date.now(),
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Away from the window at least this long: coming back refreshes. */
export const FOCUS_AWAY_MS = 60_000;
const MINUTE_MS = 60_000;
/** setTimeout holds 32-bit milliseconds; a longer wait is taken in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export interface RefreshScheduleOptions {
  readonly clock?: ScheduleClock;
  /** Starts a background refresh; its end is reported through `refreshed()`. */
  readonly refresh: () => void;
  /** False while a refresh runs or no tracker is connected. */
  readonly canRefresh: () => boolean;
  readonly intervalMinutes: number;
  readonly focused: boolean;
  readonly visible: boolean;
}

export class RefreshSchedule {
  private readonly clock: ScheduleClock;
  private intervalMs: number;
  private focused: boolean;
  private visible: boolean;
  private lastRefresh: number | undefined;
  private blurredAt: number | undefined;
  private timer: unknown;
  private disposed = false;

  constructor(private readonly options: RefreshScheduleOptions) {
    this.clock = options.clock ?? systemClock;
    this.intervalMs = toMs(options.intervalMinutes);
    this.focused = options.focused;
    this.visible = options.visible;
  }

  /** A refresh finished (background or asked for, failed or not): the next one is an interval from now. */
  refreshed(): void {
    this.lastRefresh = this.clock.now();
    this.schedule();
  }

  setInterval(minutes: number): void {
    this.intervalMs = toMs(minutes);
    this.schedule();
    this.runIfDue();
  }

  setFocused(focused: boolean): void {
    if (focused === this.focused) {
      return;
    }
    this.focused = focused;
    if (!focused) {
      this.blurredAt = this.clock.now();
      return;
    }
    const away = this.blurredAt === undefined ? 0 : this.clock.now() - this.blurredAt;
    this.blurredAt = undefined;
    if (away >= FOCUS_AWAY_MS) {
      this.run();
    } else {
      this.runIfDue();
    }
  }

  setVisible(visible: boolean): void {
    this.visible = visible;
    if (visible) {
      this.runIfDue();
    }
  }

  dispose(): void {
    this.disposed = true;
    this.clearTimer();
  }

  private get active(): boolean {
    return this.focused || this.visible;
  }

  private get due(): number | undefined {
    return this.intervalMs === 0 || this.lastRefresh === undefined ? undefined : this.lastRefresh + this.intervalMs;
  }

  private schedule(): void {
    this.clearTimer();
    const due = this.due;
    if (this.disposed || due === undefined) {
      return;
    }
    const wait = Math.max(0, due - this.clock.now());
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      if (this.clock.now() < due) {
        this.schedule(); // a wait longer than one timer allows
      } else {
        this.runIfDue();
      }
    }, Math.min(wait, MAX_TIMER_MS));
  }

  private runIfDue(): void {
    const due = this.due;
    if (due !== undefined && this.clock.now() >= due) {
      this.run();
    }
  }

  /** Runs now when allowed; otherwise the next `refreshed()`, focus or visibility change tries again. */
  private run(): void {
    if (this.disposed || this.due === undefined || !this.active || !this.options.canRefresh()) {
      return;
    }
    this.clearTimer();
    this.options.refresh();
  }

  private clearTimer(): void {
    if (this.timer !== undefined) {
      this.clock.clearTimeout(this.timer);
      this.timer = undefined;
    }
  }
}

function toMs(minutes: number): number {
  return Number.isFinite(minutes) && minutes > 0 ? minutes * MINUTE_MS : 0;
}
