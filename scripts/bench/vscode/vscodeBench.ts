// `npm run bench:vscode`: what a user feels of Feedback Loop in a real VS Code
// (code-server 4.139.1 and headless Chromium) against the reference tracker
// seeded with 10,000 items: the Feedback view and item panels (panels.ts),
// sending a reply (sendReply.ts), scrolling 1,000 rows (scrolling.ts) and the
// extension host's heap (heap.ts, read through probe.ts). Run twice: the
// project folder linked in with the production bundle (`dev build`), then the
// packaged .vsix installed by code-server as users get it. Not a test: it
// measures and prints; figures over budget are reported, not failed. It exits
// non-zero only when something could not be measured.
//   Run it alone: `flock /tmp/e2e.lock npm run bench:vscode` (code-server is shared).
//   --only=dev|vsix runs one of the two; --measure=panels,reply,scroll,heap,cache
//   some of the measurements. E2E_SKIP_BUILD=1 reuses dist/ as it is for the dev build.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot, runsDir } from '../../realVscode/paths';
import { run } from '../../realVscode/processes';
import { ensureRealVscode } from '../../realVscode/setup';
import { clearArtifacts, saveFailureArtifacts } from '../../../test/e2e/support/artifacts';
import { Session } from '../../../test/e2e/support/session';
import type { Section } from './figures';
import { isMissing, printTable } from './figures';
import { measureCachedHeap, measurePanelHeap } from './heap';
import { PaintMarks } from './paintMarks';
import { measurePanels } from './panels';
import { bindProbeKeys, Probe, probeEnvironment } from './probe';
import { measureScrolling } from './scrolling';
import { measureSendReply } from './sendReply';

const ITEMS = 10_000;

const BUILDS = { dev: 'dev build (project folder, production bundle)', vsix: 'installed .vsix' } as const;
type Build = keyof typeof BUILDS;

interface Context {
  readonly session: Session;
  readonly marks: PaintMarks;
  readonly probe: Probe;
}

/** In this order: the panels' first window must be the first window of the session. */
const MEASUREMENTS: Readonly<Record<string, (c: Context) => Promise<Section | Section[]>>> = {
  panels: (c) => measurePanels(c.session.page, c.marks),
  reply: (c) => measureSendReply(c.session.page, c.marks),
  scroll: (c) => measureScrolling(c.session.page),
  heap: (c) => measurePanelHeap(c.session, c.marks, c.probe),
  cache: (c) => measureCachedHeap(c.session, c.probe, ITEMS),
};

function option(name: string): string[] | undefined {
  return process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3).split(',');
}

/** Runs each measurement in turn; one that fails is reported as not measured and the next one still runs. */
async function measureAll(context: Context, names: readonly string[]): Promise<Section[]> {
  const sections: Section[] = [];
  for (const name of names) {
    const startedAt = Date.now();
    console.log(`${name}…`);
    try {
      sections.push(...[await MEASUREMENTS[name](context)].flat());
    } catch (error) {
      console.log(`  ${name} failed: ${String(error)}`);
      await saveFailureArtifacts(context.session, name);
      sections.push({ heading: name, rows: [{ name, reason: String(error).split('\n')[0] }] });
    }
    console.log(`  (${((Date.now() - startedAt) / 1000).toFixed(0)} s)`);
  }
  return sections;
}

async function measureBuild(build: Build, names: readonly string[]): Promise<Section[]> {
  const name = `bench-vscode-${build}`;
  clearArtifacts(name);
  fs.mkdirSync(runsDir, { recursive: true });
  const probeDir = fs.mkdtempSync(path.join(runsDir, 'bench-probe-'));
  const probeFile = path.join(probeDir, 'probe.json');
  try {
    const session = await Session.start({ name, tracker: { size: ITEMS }, install: build === 'dev' ? 'folder' : 'vsix', env: probeEnvironment(probeFile) });
    try {
      bindProbeKeys(session.codeServer.userDataDir);
      const marks = await PaintMarks.install(session.page);
      console.log(`\n${BUILDS[build]}: code-server ${session.codeServer.url}, Chromium ${session.browser.version()}, ${ITEMS} items`);
      return await measureAll({ session, marks, probe: new Probe(session.page, probeFile) }, names);
    } finally {
      await session.stop();
    }
  } finally {
    fs.rmSync(probeDir, { recursive: true, force: true });
  }
}

async function main(): Promise<boolean> {
  const builds = (option('only') ?? Object.keys(BUILDS)) as Build[];
  const names = option('measure') ?? Object.keys(MEASUREMENTS);
  const unknown = [...builds.filter((b) => !(b in BUILDS)), ...names.filter((n) => !(n in MEASUREMENTS))];
  if (unknown.length > 0) {
    throw new Error(`Unknown --only or --measure value: ${unknown.join(', ')}`);
  }
  await ensureRealVscode();
  if (builds.includes('dev') && process.env.E2E_SKIP_BUILD !== '1') {
    // The bundle users get: minified, no source maps.
    await run(process.execPath, ['esbuild.js', '--production'], { cwd: repoRoot });
  }
  const tables: [Build, Section[]][] = [];
  for (const build of builds) {
    tables.push([build, await measureBuild(build, names)]);
    printTable(BUILDS[build], tables[tables.length - 1][1]);
  }
  return tables.every(([, sections]) => sections.every((s) => !s.rows.some(isMissing)));
}

main().then(
  (complete) => process.exit(complete ? 0 : 1),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
