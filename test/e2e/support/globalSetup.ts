// Mocha root hooks for the e2e run: install (once, cached) what running a real
// VS Code needs, and build the bundles the linked extension loads from dist/.
// E2E_SKIP_BUILD=1 reuses dist/ as it is (while iterating with `npm run watch`).
import { ensureRealVscode } from '../../../scripts/realVscode/setup';
import { repoRoot } from '../../../scripts/realVscode/paths';
import { run } from '../../../scripts/realVscode/processes';

export const mochaHooks = {
  async beforeAll(this: Mocha.Context): Promise<void> {
    this.timeout(600_000);
    await ensureRealVscode();
    if (process.env.E2E_SKIP_BUILD !== '1') {
      await run(process.execPath, ['esbuild.js'], { cwd: repoRoot });
    }
  },
};
