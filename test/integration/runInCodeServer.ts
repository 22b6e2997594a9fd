// Runs the in-host integration suites inside a real VS Code (code-server),
// where @vscode/test-electron cannot download one: the workbench loads the
// extension in development mode and runs out/test/integration/index.js, and
// reports the result through the smoke-test driver's callbacks.
// Usage: tsx test/integration/runInCodeServer.ts   (after `node esbuild.js --only=extension,webviews,tracker,integration`)
import * as fs from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import { chromium } from 'playwright-core';
import { startCodeServer } from '../../scripts/realVscode/codeServer';
import { chromiumPath, repoRoot, runsDir, testResultsDir } from '../../scripts/realVscode/paths';
import { ensureRealVscode } from '../../scripts/realVscode/setup';
import { ensureSampleWorkspace } from '../../scripts/realVscode/sampleWorkspace';
import { startReferenceTracker } from '../../src/reference-tracker/server';
import { chromiumArgs, leaveSignalsToUs } from '../e2e/support/session';
import { onInterrupt } from '../../scripts/realVscode/processes';

const TIMEOUT_MS = 240_000;

function payloadUrl(base: string, workspace: string, env: Record<string, string>): string {
  const payload = [
    ['extensionDevelopmentPath', `vscode-remote://remote${repoRoot}`],
    ['extensionTestsPath', `vscode-remote://remote${path.join(repoRoot, 'out/test/integration/index.js')}`],
    ['extensionEnvironment', JSON.stringify(env)],
    ['skipWelcome', 'true'],
  ];
  return `${base}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

async function main(): Promise<number> {
  await ensureRealVscode();
  fs.mkdirSync(runsDir, { recursive: true });
  const runDir = fs.mkdtempSync(path.join(runsDir, 'integration-'));
  const tracker = await startReferenceTracker({});
  const env = { FEEDBACK_LOOP_TRACKER_URL: tracker.url, FEEDBACK_LOOP_TRACKER_TOKEN: tracker.token };
  const server = await startCodeServer({ runDir, env: { VSCODE_OPTIONS: 'enable-smoke-test-driver' }, log: (m) => console.log(`[integration] ${m}`) });
  const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs, ...leaveSignalsToUs });
  const stopAll = async (): Promise<void> => {
    await browser.close();
    await server.stop();
    await tracker.stop();
    fs.rmSync(runDir, { recursive: true, force: true });
  };
  const forgetInterrupt = onInterrupt(stopAll);
  try {
    const page = await browser.newPage();
    const exitCode = new Promise<number>((resolve, reject) => {
      setTimeout(() => reject(new Error(`The integration tests did not report within ${TIMEOUT_MS / 1000} s`)), TIMEOUT_MS).unref();
      void page.exposeFunction('codeAutomationExit', (code: number) => resolve(code));
    });
    await page.exposeFunction('codeAutomationLog', (_level: string, args: unknown[]) => {
      console.log(format(...(args as [unknown, ...unknown[]])));
    });
    const workspace = await ensureSampleWorkspace(path.join(runDir, 'workspace'));
    await page.goto(payloadUrl(server.url, workspace, env));
    const code = await exitCode.catch(async (error: unknown) => {
      fs.mkdirSync(testResultsDir, { recursive: true });
      await page.screenshot({ path: path.join(testResultsDir, 'integration-timeout.png') });
      console.error(error instanceof Error ? error.message : error);
      return 1;
    });
    return code;
  } finally {
    forgetInterrupt();
    await stopAll();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
