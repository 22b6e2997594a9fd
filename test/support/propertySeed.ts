// Property tests are reproducible in `npm test` and exploratory in `npm run fuzz`.
// `npm test` runs every fast-check property with one fixed seed (printed), so a
// newcomer's first run sees exactly what CI saw. `npm run fuzz` (FUZZ=1) draws a
// fresh seed and runs ten times as many cases; fast-check prints the seed and the
// shrunk counterexample of a failure, which then becomes a fixed case in the test.
// FC_SEED=<n> replays one seed in either mode.
import * as fc from 'fast-check';

const FIXED_SEED = 20261129;
const fuzzing = process.env.FUZZ === '1';
const seedFromEnv = process.env.FC_SEED === undefined ? undefined : Number(process.env.FC_SEED);
if (seedFromEnv !== undefined && !Number.isSafeInteger(seedFromEnv)) {
  throw new Error(`FC_SEED must be an integer, got "${process.env.FC_SEED}"`);
}
const seed = seedFromEnv ?? (fuzzing ? Math.floor(Math.random() * 2 ** 31) : FIXED_SEED);
const multiplier = fuzzing ? 10 : 1;

fc.configureGlobal({ seed });
console.log(`fast-check: seed ${seed}${fuzzing ? ` (fuzz: ${multiplier}x runs)` : ''}; replay with FC_SEED=${seed}`);

/** How many cases a property runs: `base` in `npm test`, ten times that in `npm run fuzz`. */
export function propertyRuns(base: number): number {
  return base * multiplier;
}
