// The timers the benches share: the median of timed runs after a warm-up,
// for synchronous work (each run from a collected heap) and for async work.

/** Runs `run` once to warm up, then `runs` times; answers the median in milliseconds. */
export async function medianMs(run: () => Promise<unknown>, runs = 7): Promise<number> {
  await run();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = process.hrtime.bigint();
    await run();
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
}

/** `npm run bench` runs Node with --expose-gc; without it, runs are timed as they come. */
const collectGarbage: () => void = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

/** Runs `run` three times to warm up, then `runs` times, each from a collected heap; answers the median in milliseconds. */
export function timeMs(run: () => unknown, runs = 15): number {
  for (let i = 0; i < 3; i++) {
    run();
  }
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    // Each run starts from a collected heap, so one run's garbage is not billed to the next.
    collectGarbage();
    const started = process.hrtime.bigint();
    run();
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
}
