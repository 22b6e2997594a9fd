// One e2e session: a reference tracker (in this process), a private code-server
// with the extension linked in, and a headless Chromium page on the workbench.
// `useSession` wires it into a mocha suite: started before the suite, a
// screenshot after every test (plus log tails on failure), everything stopped after.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { startCodeServer } from '../../../scripts/realVscode/codeServer';
import type { CodeServer } from '../../../scripts/realVscode/codeServer';
import { chromiumPath, repoRoot, runsDir } from '../../../scripts/realVscode/paths';
import { onInterrupt } from '../../../scripts/realVscode/processes';
import { ensureSampleWorkspace } from '../../../scripts/realVscode/sampleWorkspace';
import { packageVsix } from '../../../scripts/package/packageVsix';
import { startReferenceTracker } from '../../../src/reference-tracker/server';
import type { ReferenceTrackerOptions, RunningTracker } from '../../../src/reference-tracker/server';
import { clearArtifacts, saveFailureArtifacts, saveScreenshot } from './artifacts';
import { openWorkbench } from './workbench';

export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Playwright's own Ctrl-C handler closes the browser and exits at once, before
 * code-server and the run folder are cleaned up; processes.ts handles signals instead.
 */
export const leaveSignalsToUs = { handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false } as const;

export interface SessionOptions {
  /** Names the run folder and the screenshots. */
  readonly name: string;
  /** Tracker options, or `false` for a fresh install with nothing configured. */
  readonly tracker?: ReferenceTrackerOptions | false;
  readonly settings?: Readonly<Record<string, unknown>>;
  /** `vsix`: package the extension and install it as users do, instead of linking the project folder. */
  readonly install?: 'folder' | 'vsix';
  /** More environment for code-server (and so the extension host), e.g. a test-only GitHub token. */
  readonly env?: Readonly<Record<string, string>>;
  /** Changes the sample workspace before VS Code opens it (another repository in it, files left changed). */
  readonly prepareWorkspace?: (workspace: string) => Promise<void>;
}

export class Session {
  /** Messages of every dialog (alert, confirm, prompt) any page opened. */
  readonly dialogs: string[] = [];
  private trackerOptions: ReferenceTrackerOptions | undefined;
  /** Ctrl-C mid-run stops this session too (its run folder included). */
  private readonly forgetInterrupt = onInterrupt(() => this.stop());
  private stopping: Promise<void> | undefined;

  private constructor(
    readonly name: string,
    readonly runDir: string,
    readonly workspace: string,
    readonly codeServer: CodeServer,
    readonly browser: Browser,
    readonly page: Page,
    public tracker: RunningTracker | undefined,
  ) {
    this.trackerOptions = tracker ? { port: tracker.port, token: tracker.token } : undefined;
  }

  static async start(options: SessionOptions): Promise<Session> {
    fs.mkdirSync(runsDir, { recursive: true });
    const runDir = fs.mkdtempSync(path.join(runsDir, `${options.name}-`));
    const stack: (() => Promise<void>)[] = [async () => removeRunDir(runDir)];
    try {
      const workspace = await ensureSampleWorkspace(path.join(runDir, 'workspace'));
      await options.prepareWorkspace?.(workspace);
      // Kept in a file, as a real tracker keeps its data: a restart (restartTracker) loses no write.
      const tracker = options.tracker === false ? undefined : await startReferenceTracker({ dataFile: path.join(runDir, 'tracker.json'), ...options.tracker });
      if (tracker) {
        stack.push(() => tracker.stop());
      }
      const env: Record<string, string> = tracker
        ? { ...options.env, FEEDBACK_LOOP_TRACKER_URL: tracker.url, FEEDBACK_LOOP_TRACKER_TOKEN: tracker.token }
        : { ...options.env };
      const extension = options.install === 'vsix' ? { vsix: await packageVsix() } : { folder: repoRoot };
      const codeServer = await startCodeServer({ runDir, extension, env, settings: options.settings });
      stack.push(() => codeServer.stop());
      const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs, ...leaveSignalsToUs });
      stack.push(() => browser.close());
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      const session = new Session(options.name, runDir, workspace, codeServer, browser, page, tracker);
      session.trackerOptions = tracker ? { dataFile: path.join(runDir, 'tracker.json'), ...options.tracker, port: tracker.port, token: tracker.token } : undefined;
      page.on('dialog', (dialog) => {
        session.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
        // Dismissing "leave this page?" would cancel a reload the test asked for; it is recorded above.
        void (dialog.type() === 'beforeunload' ? dialog.accept() : dialog.dismiss());
      });
      await openWorkbench(page, codeServer.folderUrl(workspace));
      return session;
    } catch (error) {
      await unwind(stack);
      throw error;
    }
  }

  /** Stops the tracker (its port goes quiet: connections are refused). */
  async stopTracker(): Promise<void> {
    await this.tracker?.stop();
    this.tracker = undefined;
  }

  /** Starts the tracker again on the same port with the same token and data. */
  async restartTracker(): Promise<RunningTracker> {
    if (!this.trackerOptions) {
      throw new Error('This session has no tracker to restart');
    }
    this.tracker = await startReferenceTracker(this.trackerOptions);
    return this.tracker;
  }

  /** Idempotent: Ctrl-C and mocha's `after` hook may both ask. */
  stop(): Promise<void> {
    this.stopping ??= this.stopOnce();
    return this.stopping;
  }

  private async stopOnce(): Promise<void> {
    this.forgetInterrupt();
    await unwind([
      async () => removeRunDir(this.runDir),
      () => this.stopTracker(),
      () => this.codeServer.stop(),
      () => this.browser.close(),
    ]);
  }
}

/** Retries: processes of a just-stopped code-server may still be closing files in it. */
function removeRunDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
}

/** Runs cleanups last-in first-out; all of them run, the first error is rethrown. */
async function unwind(stack: (() => Promise<void>)[]): Promise<void> {
  let first: unknown;
  for (const cleanup of [...stack].reverse()) {
    try {
      await cleanup();
    } catch (error) {
      first ??= error;
    }
  }
  if (first !== undefined) {
    throw first;
  }
}

/** Starts a session for the enclosing `describe`; the getter is valid inside its tests. */
export function useSession(options: SessionOptions): () => Session {
  let session: Session | undefined;
  before(async function () {
    this.timeout(180_000);
    clearArtifacts(options.name);
    session = await Session.start(options);
  });
  afterEach(async function () {
    const test = this.currentTest;
    if (!session || !test) {
      return;
    }
    if (test.state === 'failed') {
      await saveFailureArtifacts(session, test.title);
    } else {
      await saveScreenshot(session.page, options.name, test.title);
    }
  });
  after(async function () {
    this.timeout(60_000);
    await session?.stop();
    session = undefined;
  });
  return () => {
    if (!session) {
      throw new Error(`The "${options.name}" session did not start`);
    }
    return session;
  };
}
