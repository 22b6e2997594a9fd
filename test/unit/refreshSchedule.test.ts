import * as assert from 'node:assert/strict';
import { RefreshSchedule } from '../../src/core/refreshSchedule';
import type { ScheduleClock } from '../../src/core/refreshSchedule';

const MINUTE = 60_000;

/** A clock whose time moves only when the test says so; timers fire in order. */
class FakeClock implements ScheduleClock {
  time = 1_000_000;
  private timers: { at: number; run: () => void; id: number }[] = [];
  private ids = 0;
  now(): number {
    return this.time;
  }
  setTimeout(run: () => void, ms: number): unknown {
    const id = ++this.ids;
    this.timers.push({ at: this.time + ms, run, id });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.timers = this.timers.filter((t) => t.id !== handle);
  }
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      const next = [...this.timers].sort((a, b) => a.at - b.at)[0];
      if (!next || next.at > end) {
        break;
      }
      this.timers = this.timers.filter((t) => t !== next);
      this.time = next.at;
      next.run();
    }
    this.time = end;
  }
  get pending(): number {
    return this.timers.length;
  }
}

function setup(options: { minutes?: number; focused?: boolean; visible?: boolean; canRefresh?: () => boolean } = {}) {
  const clock = new FakeClock();
  const refreshes: number[] = [];
  const schedule = new RefreshSchedule({
    clock,
    refresh: () => {
      refreshes.push(clock.time);
      // The store answers at once here: the schedule hears of the finished refresh.
      schedule.refreshed();
    },
    canRefresh: options.canRefresh ?? (() => true),
    intervalMinutes: options.minutes ?? 5,
    focused: options.focused ?? true,
    visible: options.visible ?? true,
  });
  return { clock, refreshes, schedule };
}

describe('RefreshSchedule', () => {
  it('does nothing before the first load: the view loads when it is first shown', () => {
    const { clock, refreshes } = setup();
    clock.advance(60 * MINUTE);
    assert.deepEqual(refreshes, []);
  });

  it('refreshes every interval after the last refresh, counting manual ones', () => {
    const { clock, refreshes, schedule } = setup({ minutes: 5 });
    schedule.refreshed(); // the first load
    clock.advance(5 * MINUTE - 1);
    assert.equal(refreshes.length, 0);
    clock.advance(1);
    assert.equal(refreshes.length, 1);
    clock.advance(3 * MINUTE);
    schedule.refreshed(); // the user pressed Refresh: the next background one is 5 minutes from now
    clock.advance(4 * MINUTE);
    assert.equal(refreshes.length, 1);
    clock.advance(MINUTE);
    assert.equal(refreshes.length, 2);
  });

  it('refreshes while the window is focused with the view hidden, or unfocused with the view visible', () => {
    const hidden = setup({ focused: true, visible: false });
    hidden.schedule.refreshed();
    hidden.clock.advance(5 * MINUTE);
    assert.equal(hidden.refreshes.length, 1);
    const unfocused = setup({ focused: false, visible: true });
    unfocused.schedule.refreshed();
    unfocused.clock.advance(5 * MINUTE);
    assert.equal(unfocused.refreshes.length, 1);
  });

  it('does nothing while the window is unfocused and the view hidden, and catches up when either comes back', () => {
    const { clock, refreshes, schedule } = setup({ focused: false, visible: false });
    schedule.refreshed();
    clock.advance(30 * MINUTE);
    assert.deepEqual(refreshes, []);
    schedule.setVisible(true);
    assert.equal(refreshes.length, 1, 'an overdue refresh runs when the view is shown again');
  });

  it('refreshes when the window regains focus after a minute or more away, not after less', () => {
    const { clock, refreshes, schedule } = setup({ minutes: 30 });
    schedule.refreshed();
    schedule.setFocused(false);
    clock.advance(59_000);
    schedule.setFocused(true);
    assert.equal(refreshes.length, 0, 'back within a minute');
    schedule.setFocused(false);
    clock.advance(MINUTE);
    schedule.setFocused(true);
    assert.equal(refreshes.length, 1, 'back after a minute');
    schedule.setFocused(true);
    assert.equal(refreshes.length, 1, 'a repeated focus event is not a return');
  });

  it('is off at 0 minutes: no timer, no refresh on focus; turning it on again schedules from the last refresh', () => {
    const { clock, refreshes, schedule } = setup({ minutes: 0 });
    schedule.refreshed();
    assert.equal(clock.pending, 0);
    schedule.setFocused(false);
    clock.advance(10 * MINUTE);
    schedule.setFocused(true);
    clock.advance(60 * MINUTE);
    assert.deepEqual(refreshes, []);
    schedule.setInterval(5);
    assert.equal(refreshes.length, 1, 'long overdue: refreshed at once');
    clock.advance(5 * MINUTE);
    assert.equal(refreshes.length, 2);
  });

  it('skips a tick while a refresh is already running, and waits for that one to finish', () => {
    let busy = true;
    const { clock, refreshes, schedule } = setup({ canRefresh: () => !busy });
    schedule.refreshed();
    clock.advance(5 * MINUTE);
    assert.equal(refreshes.length, 0);
    busy = false;
    schedule.refreshed(); // the running one finished
    clock.advance(5 * MINUTE);
    assert.equal(refreshes.length, 1);
  });

  it('keeps no timer after dispose', () => {
    const { clock, refreshes, schedule } = setup();
    schedule.refreshed();
    schedule.dispose();
    assert.equal(clock.pending, 0);
    clock.advance(60 * MINUTE);
    schedule.setFocused(false);
    clock.advance(2 * MINUTE);
    schedule.setFocused(true);
    assert.deepEqual(refreshes, []);
  });
});
