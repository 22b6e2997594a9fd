// What an e2e test leaves under test-results/: a screenshot of every scenario,
// and on failure also the tails of the extension host's logs and code-server's
// output, so a red run can be understood without re-running it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { tail } from '../../../scripts/realVscode/codeServer';
import { testResultsDir } from '../../../scripts/realVscode/paths';
import type { Session } from './session';

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 80);
}

function suiteDir(suite: string): string {
  return path.join(testResultsDir, 'e2e', slug(suite));
}

/** Drops the suite's screenshots and logs of an earlier run, so what is there is this run's. */
export function clearArtifacts(suite: string): void {
  fs.rmSync(suiteDir(suite), { recursive: true, force: true });
}

function artifactPath(suite: string, title: string, suffix: string): string {
  const dir = suiteDir(suite);
  fs.mkdirSync(dir, { recursive: true });
  return path.join(dir, `${slug(title)}${suffix}`);
}

/** The page, or only the `clip` part of it (a side bar, say). */
export async function saveScreenshot(page: Page, suite: string, title: string, suffix = '.png', clip?: { x: number; y: number; width: number; height: number }): Promise<string> {
  const file = artifactPath(suite, title, suffix);
  await page.screenshot({ path: file, clip });
  return file;
}

/** Every log file of the extension host (its own and each extension's), newest session first. */
export function extensionHostLogs(userDataDir: string): string[] {
  const logsDir = path.join(userDataDir, 'logs');
  if (!fs.existsSync(logsDir)) {
    return [];
  }
  const found: string[] = [];
  for (const session of fs.readdirSync(logsDir).sort().reverse()) {
    for (const entry of fs.readdirSync(path.join(logsDir, session), { recursive: true, encoding: 'utf8' })) {
      const isHostLog = entry.startsWith('exthost') && entry.endsWith('.log');
      if (isHostLog && (entry.endsWith('remoteexthost.log') || /feedback/i.test(entry))) {
        found.push(path.join(logsDir, session, entry));
      }
    }
  }
  return found;
}

export async function saveFailureArtifacts(session: Session, title: string): Promise<void> {
  const lines: string[] = [];
  try {
    lines.push(`screenshot: ${await saveScreenshot(session.page, session.name, title, '-failed.png')}`);
  } catch (error) {
    lines.push(`screenshot failed: ${String(error)}`);
  }
  const report: string[] = [];
  for (const file of extensionHostLogs(session.codeServer.userDataDir)) {
    report.push(`==> ${path.relative(session.codeServer.userDataDir, file)} <==`, tail(fs.readFileSync(file, 'utf8'), 80), '');
  }
  report.push('==> code-server output <==', tail(session.codeServer.output(), 60), '');
  report.push('==> dialogs the pages opened <==', ...(session.dialogs.length > 0 ? session.dialogs : ['(none)']));
  const logFile = artifactPath(session.name, title, '-failed.log');
  fs.writeFileSync(logFile, report.join('\n') + '\n');
  lines.push(`logs: ${logFile}`);
  console.log(lines.map((l) => `      ${l}`).join('\n'));
}
