// The one timer the async benches share: a warm-up run, then the median.

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
