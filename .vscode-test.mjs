// @vscode/test-cli configuration, for machines that can download VS Code:
// the same in-host suites that `npm run test:integration` runs in code-server.
// Run through `npm run test:electron`, which starts the reference tracker first.
import { defineConfig } from '@vscode/test-cli';

export default defineConfig({
  files: 'out/test/integration/*.test.js',
  version: 'stable',
  workspaceFolder: '.',
  mocha: { ui: 'bdd', timeout: 60000 },
  env: {
    FEEDBACK_LOOP_TRACKER_URL: process.env.FEEDBACK_LOOP_TRACKER_URL,
    FEEDBACK_LOOP_TRACKER_TOKEN: process.env.FEEDBACK_LOOP_TRACKER_TOKEN,
  },
});
