// Customer impact speed (issue 16): a generated repository of 20,000 commits
// over 200 files, every tenth commit linking an item. The branch
// `feedback/FB-31` commits 150 rewritten lines in 10 files and the working tree
// rewrites 150 more in 10 others: a 300-line diff over 20 files. Timed:
// - the impact from scratch (merge base, diff, the changed paths' history,
//   blame of the changed lines, the computation) against `git blame` of the
//   same ranges alone, one call per file and side as ChangeBlame makes them,
//   four at a time, walking the history as git does by itself (ChangeBlame
//   hands it the changed paths' history instead: platform/pathHistory.ts);
// - the recomputation after an edit in one file: its diff, the blame of the
//   one line never asked about, the computation over all 20 files.
import { execFile, execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { linkedByRepository } from '../../src/core/closeLoop/linked';
import { HistoryIndex, LOG_FORMAT, LogParser } from '../../src/core/historyScan';
import { parseBlamePorcelain } from '../../src/core/impact/blame';
import { computeImpact } from '../../src/core/impact/impact';
import type { BlamedFile, ImpactInput } from '../../src/core/impact/impact';
import { DEFAULT_PATTERNS, ReferenceMatcher } from '../../src/core/references';
import { ChangeBlame } from '../../src/platform/changeBlame';
import { gitEnv, gitProcess } from '../../src/platform/gitProcess';
import type { GitProcess } from '../../src/platform/gitProcess';
import { concurrencyLimit } from '../../src/platform/latestRuns';
import { medianMs } from './timing';

type Row = (name: string, value: string, budget: string) => void;

const COMMITS = 20_000;
const FILES = 200;
const LINES_PER_FILE = 80;
/** Changed files, half on the branch and half in the working tree; three 5-line hunks each. */
const CHANGED_FILES = 20;
const HUNK_STARTS = [10, 35, 60];
const HUNK_LINES = 5;
const ENV = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', GIT_AUTHOR_NAME: 'Ada', GIT_AUTHOR_EMAIL: 'ada@example.com', GIT_COMMITTER_NAME: 'Ada', GIT_COMMITTER_EMAIL: 'ada@example.com' };

function filePath(n: number): string {
  return `src/module${n % 20}/file${n}.ts`;
}

function codeLine(file: number, line: number, version: number): string {
  return `  const value${file}_${line} = compute(${version}, input.field${line % 7});`;
}

/** A small PRNG whose low bits are as random as its high ones (an LCG's `% 200` would touch one file in eight). */
function mulberry32(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return (t ^ (t >>> 14)) >>> 0;
  };
}

/** The repository, built with git fast-import (seconds, not minutes) and repacked: each commit rewrites two lines of one file. */
function generateRepository(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fl-impact-bench-'));
  execFileSync('git', ['init', '-q', '--initial-branch=main', dir], { env: ENV });
  const files = Array.from({ length: FILES }, (_, f) => Array.from({ length: LINES_PER_FILE }, (_, l) => codeLine(f, l + 1, 0)));
  const next = mulberry32(16);
  const chunks: string[] = [];
  const data = (text: string): string => `data ${Buffer.byteLength(text)}\n${text}\n`;
  for (let i = 0; i < COMMITS; i++) {
    const message = i % 10 === 0 ? `Change ${i}\n\nFeedback: rest:FB-${i % 300}\n` : `Change ${i}\n`;
    chunks.push(`commit refs/heads/main\nmark :${i + 1}\ncommitter Ada <ada@example.com> ${1_700_000_000 + i * 60} +0000\n${data(message)}${i > 0 ? `from :${i}\n` : ''}`);
    const touched = i === 0 ? files.map((_, f) => f) : [next() % FILES];
    for (const f of touched) {
      if (i > 0) {
        const line = next() % (LINES_PER_FILE - 1);
        files[f][line] = codeLine(f, line + 1, i);
        files[f][line + 1] = codeLine(f, line + 2, i);
      }
      chunks.push(`M 100644 inline ${filePath(f)}\n${data(`${files[f].join('\n')}\n`)}`);
    }
    chunks.push('\n');
  }
  execFileSync('git', ['fast-import', '--quiet'], { cwd: dir, env: ENV, input: chunks.join(''), maxBuffer: 64 * 1024 * 1024 });
  // fast-import's pack is not a real repository's (its manual says to repack after it): each blob is a
  // delta of the blob written before it, another file's, so reading one version of a file unpacks ~25
  // unrelated ones, and blame -S spent three quarters of its time there. A clone or gc packs a file's versions together.
  execFileSync('git', ['repack', '-a', '-d', '-f', '-q'], { cwd: dir, env: ENV });
  execFileSync('git', ['reset', '-q', '--hard'], { cwd: dir, env: ENV });
  return dir;
}

/** Rewrites the hunks' lines of `file` in the working tree. */
function rewrite(dir: string, file: number, mark: string): void {
  const full = path.join(dir, filePath(file));
  const lines = fs.readFileSync(full, 'utf8').split('\n');
  for (const start of HUNK_STARTS) {
    for (let l = start; l < start + HUNK_LINES; l++) {
      lines[l - 1] = `  const ${mark}${l} = rewritten(${file});`;
    }
  }
  fs.writeFileSync(full, lines.join('\n'));
}

/** The branch's commit (files 0–9) and the working tree's edits (files 10–19). */
function makeChanges(dir: string): void {
  execFileSync('git', ['switch', '-q', '-c', 'feedback/FB-31-faster-export'], { cwd: dir, env: ENV });
  for (let f = 0; f < CHANGED_FILES / 2; f++) {
    rewrite(dir, f * 10, 'branch');
  }
  execFileSync('git', ['commit', '-q', '-am', 'Faster export\n\nFeedback: rest:FB-31'], { cwd: dir, env: ENV });
  for (let f = CHANGED_FILES / 2; f < CHANGED_FILES; f++) {
    rewrite(dir, f * 10, 'edit');
  }
}

/** What history scanning would have found: commit → items. */
function scanLinks(dir: string): ImpactInput['links'] {
  const parser = new LogParser(new ReferenceMatcher({ patterns: DEFAULT_PATTERNS, trailerKey: 'Feedback' }));
  const log = execFileSync('git', ['log', '-z', `--format=${LOG_FORMAT}`, 'HEAD'], { cwd: dir, env: ENV, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const commits = [...parser.push(log), ...parser.end()];
  const history = new HistoryIndex();
  history.record(dir, parser.first, commits, parser.count);
  return linkedByRepository(history, 'rest');
}

/** ChangeBlame's git, with every command's arguments written down. */
function recordingGit(calls: string[][]): GitProcess {
  const git = gitProcess(() => 'git');
  return { run: (root, args, signal, options) => (calls.push([...args]), git.run(root, args, signal, options)), stream: (root, args, onChunk, signal) => (calls.push([...args]), git.stream(root, args, onChunk, signal)) };
}

/** The blames among `calls`, as git would run them on its own: without `-S <history>`, each once. */
function plainBlames(calls: readonly string[][]): string[][] {
  const plain = calls.filter((args) => args.includes('blame')).map((args) => args.filter((arg, i) => arg !== '-S' && args[i - 1] !== '-S'));
  return [...new Map(plain.map((args) => [args.join('\0'), args])).values()];
}

function impactInput(files: readonly BlamedFile[], links: ImpactInput['links'], dir: string): ImpactInput {
  return { files, links, tradeOffs: [], branches: [{ repository: dir, branch: 'feedback/FB-31-faster-export', itemId: 'FB-31' }], findItem: () => undefined };
}

/** CPU time of this process's finished children (git), in ms; undefined off Linux. */
function childrenCpuMs(): number | undefined {
  try {
    // /proc/self/stat: after the command's `)`, fields 14 and 15 (cutime, cstime), in clock ticks (100 a second).
    const fields = fs.readFileSync('/proc/self/stat', 'utf8').split(')')[1].trim().split(' ');
    return (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    return undefined; // not Linux: no figure
  }
}

/** What one run costs in CPU, git's and ours: unlike wall time, it does not grow with the machine's load. */
async function cpuOf(run: () => Promise<unknown>): Promise<string> {
  const git = childrenCpuMs();
  const own = process.cpuUsage();
  await run();
  const ownMs = (process.cpuUsage(own).user + process.cpuUsage(own).system) / 1000;
  const gitMs = git === undefined ? undefined : childrenCpuMs()! - git;
  return `${gitMs === undefined ? '' : `git ${gitMs} ms + `}Node ${ownMs.toFixed(0)} ms`;
}

/** Blame calls four at a time, as ChangeBlame runs them, without the diff, the parsing or the computation: each call's output. */
function blameAlone(dir: string, calls: readonly string[][]): Promise<string[]> {
  const limit = concurrencyLimit(4);
  const run = (args: readonly string[]): Promise<string> =>
    new Promise((resolve, reject) => execFile('git', [...args], { cwd: dir, env: gitEnv(), maxBuffer: 16 * 1024 * 1024 }, (error, out) => (error ? reject(error) : resolve(out))));
  return Promise.all(calls.map((args) => limit(() => run(args))));
}

/** `<rev or "working tree">\0<path>` of a blame call: a commit id before `--`, the path after it. */
function blameKey(args: readonly string[]): string {
  const rev = args[args.length - 3];
  return `${/^[0-9a-f]{40}$/.test(rev) ? rev : 'working tree'}\0${args[args.length - 1]}`;
}

/**
 * Throws unless the impact's blame is git's own: every line ChangeBlame blamed
 * (along the paths' history, with its shortcuts) names the commit plain
 * `git blame` of the same ranges names, so a speed-up that changes a result fails here.
 */
async function assertSameAsPlainBlame(dir: string, base: string, files: readonly BlamedFile[], blames: readonly string[][]): Promise<void> {
  const outputs = await blameAlone(dir, blames);
  const plain = new Map(blames.map((args, i) => [blameKey(args), parseBlamePorcelain(outputs[i]).lines]));
  const same = (found: ReadonlyMap<number, string>, key: string): boolean => {
    const expected = plain.get(key) ?? new Map<number, string>();
    return found.size === expected.size && [...found].every(([line, sha]) => expected.get(line) === sha);
  };
  for (const file of files) {
    const removedSame = file.diff.oldPath === undefined || same(file.removedBlame, `${base}\0${file.diff.oldPath}`);
    const addedSame = file.diff.path === undefined || same(file.addedBlame, `working tree\0${file.diff.path}`);
    if (!removedSame || !addedSame || file.blameProblem !== undefined) {
      throw new Error(`impact bench: ${file.diff.path ?? file.diff.oldPath} blamed otherwise than by plain git blame`);
    }
  }
}

export async function impactBench(row: Row): Promise<void> {
  const started = Date.now();
  const dir = generateRepository();
  try {
    makeChanges(dir);
    const generatedS = ((Date.now() - started) / 1000).toFixed(1);
    const links = scanLinks(dir);
    const calls: string[][] = [];
    let impactCount = 0;
    let blamed: { base: string; files: readonly BlamedFile[] } | undefined;
    const fromScratch = async (): Promise<void> => {
      calls.length = 0;
      const changes = new ChangeBlame(recordingGit(calls));
      const base = (await changes.base(dir, 'main'))!;
      const { files } = await changes.changedFiles(dir, base);
      impactCount = computeImpact(impactInput(files, links, dir)).items.length;
      blamed = { base: base.commit, files };
      changes.dispose();
    };
    const impactMs = await medianMs(fromScratch, 5);
    const impactCpu = await cpuOf(fromScratch);
    const processes = calls.length;
    const blames = plainBlames(calls);
    await assertSameAsPlainBlame(dir, blamed!.base, blamed!.files, blames);
    const blameMs = await medianMs(() => blameAlone(dir, blames), 5);
    const blameCpu = await cpuOf(() => blameAlone(dir, blames));
    const load = `load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} CPUs`;
    row(`impact, 300 lines in 20 files, ${COMMITS.toLocaleString('en')} commits (${impactCount} items)`, `${impactMs.toFixed(0)} ms`, '≤ 500 ms');
    row(`  vs git blame of the same ranges alone (${blames.length} calls)`, `${(impactMs / blameMs).toFixed(2)}× (${blameMs.toFixed(0)} ms)`, '≤ 1.5×');
    row(`  CPU, impact (${processes} git processes): ${impactCpu}`, '', '—');
    row(`  CPU, git blame alone: ${blameCpu}; ${load}`, '', '—');

    // After an edit: a warm ChangeBlame, one more line of one file rewritten each time (a line never blamed before).
    const changes = new ChangeBlame(recordingGit(calls));
    const base = (await changes.base(dir, 'main'))!;
    const all = [...(await changes.changedFiles(dir, base)).files];
    const edited = filePath(CHANGED_FILES * 5); // in the working tree's half
    const index = all.findIndex((f) => f.diff.path === edited);
    let edit = 0;
    let gitProcesses = 0;
    const afterEdit = async (): Promise<void> => {
      const full = path.join(dir, edited);
      const lines = fs.readFileSync(full, 'utf8').split('\n');
      lines[20 + edit] = `  const typed${edit} = again();`;
      edit++;
      fs.writeFileSync(full, lines.join('\n'));
      calls.length = 0;
      const file = await changes.changedFile(dir, base, edited);
      all[index] = file!;
      computeImpact(impactInput(all, links, dir));
      gitProcesses = calls.length;
    };
    const editMs = await medianMs(afterEdit);
    changes.dispose();
    row(`recompute after an edit in 1 file (${gitProcesses} git processes)`, `${editMs.toFixed(0)} ms`, 'that file only');
    row(`  (repository generated in ${generatedS} s)`, '', '—');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  void impactBench((name, value, budget) => console.log(`${name.padEnd(52)} ${value.padStart(12)}   (budget ${budget})`));
}
