// `npm run demo`: the extension in a real VS Code, connected to the reference
// tracker, on a sample repository. Browser by default (code-server, offline);
// `--desktop` opens a desktop VS Code (`code` on PATH) as an extension
// development host instead. Runs until Ctrl-C, which stops everything it started.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startCodeServer } from './realVscode/codeServer';
import { demoDir, repoRoot } from './realVscode/paths';
import { commandExists, onInterrupt, run, spawnGroup, stopGroup } from './realVscode/processes';
import { ensureSampleWorkspace } from './realVscode/sampleWorkspace';
import { ensureRealVscode } from './realVscode/setup';
import { startReferenceTracker } from '../src/reference-tracker/server';
import type { RunningTracker } from '../src/reference-tracker/server';

const say = (message: string): void => console.log(`[demo] ${message}`);

async function startTracker(): Promise<RunningTracker> {
  const dataFile = path.join(demoDir, 'tracker-data.json');
  say(fs.existsSync(dataFile) ? `Starting the reference tracker with the data kept in ${dataFile}…` : 'Starting the reference tracker with seeded sample data…');
  const tracker = await startReferenceTracker({ dataFile });
  onInterrupt(() => tracker.stop());
  say(`Tracker: ${tracker.url} (API under /api/v1; data saved to ${dataFile})`);
  return tracker;
}

function trackerEnv(tracker: RunningTracker): Record<string, string> {
  return { FEEDBACK_LOOP_TRACKER_URL: tracker.url, FEEDBACK_LOOP_TRACKER_TOKEN: tracker.token };
}

/** Resolves on Ctrl-C; the interrupt handlers of processes.ts stop everything and exit. */
function untilInterrupted(): Promise<never> {
  return new Promise(() => undefined);
}

async function browserDemo(tracker: RunningTracker, workspace: string): Promise<void> {
  const codeServer = await startCodeServer({
    runDir: path.join(demoDir, 'code-server'),
    extension: { folder: repoRoot },
    env: trackerEnv(tracker),
    log: say,
  });
  say('');
  say(`Open ${codeServer.folderUrl(workspace)}`);
  say('Then click "Feedback Loop" in the activity bar. Press Ctrl-C to stop.');
  await untilInterrupted();
}

async function desktopDemo(tracker: RunningTracker, workspace: string): Promise<void> {
  say(`Opening desktop VS Code: code --extensionDevelopmentPath=${repoRoot} ${workspace}`);
  const code = spawnGroup('code', ['--new-window', '--wait', `--extensionDevelopmentPath=${repoRoot}`, workspace], {
    env: { ...process.env, ...trackerEnv(tracker) },
    stdio: 'inherit',
  });
  say('Close the VS Code window or press Ctrl-C to stop.');
  await new Promise((resolve) => code.once('exit', resolve));
  await stopGroup(code);
  await tracker.stop();
  say('VS Code closed; tracker stopped.');
}

async function main(): Promise<void> {
  const desktop = process.argv.includes('--desktop');
  if (desktop && !(await commandExists('code'))) {
    throw new Error('--desktop needs the `code` command on PATH (VS Code: "Shell Command: Install \'code\' command in PATH")');
  }
  if (!desktop) {
    say('Checking the cached code-server and Chromium (first run: about a minute)…');
    await ensureRealVscode((m) => say(m));
  }
  say('Building the extension (node esbuild.js)…');
  await run(process.execPath, ['esbuild.js'], { cwd: repoRoot });
  fs.mkdirSync(demoDir, { recursive: true });
  const tracker = await startTracker();
  const workspace = path.join(demoDir, 'workspace');
  say(`Preparing the sample repository ${workspace}…`);
  await ensureSampleWorkspace(workspace);
  await (desktop ? desktopDemo(tracker, workspace) : browserDemo(tracker, workspace));
}

main().catch((error: unknown) => {
  console.error(`[demo] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
