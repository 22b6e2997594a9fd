// `npm run test:electron`: the in-host suites under @vscode/test-electron
// (desktop VS Code, downloaded by the tool), against a reference tracker
// started here. Needs internet access; not part of `npm test`.
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { startReferenceTracker } from '../src/reference-tracker/server';

async function main(): Promise<number> {
  const tracker = await startReferenceTracker({});
  try {
    const cli = path.join(__dirname, '..', 'node_modules', '@vscode', 'test-cli', 'out', 'bin.mjs');
    const child = spawn(process.execPath, [cli, ...process.argv.slice(2)], {
      stdio: 'inherit',
      env: { ...process.env, FEEDBACK_LOOP_TRACKER_URL: tracker.url, FEEDBACK_LOOP_TRACKER_TOKEN: tracker.token },
    });
    return await new Promise<number>((resolve) => child.once('exit', (code) => resolve(code ?? 1)));
  } finally {
    await tracker.stop();
  }
}

main().then((code) => process.exit(code), (error: unknown) => {
  console.error(error);
  process.exit(1);
});
