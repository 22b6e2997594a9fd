// History scanning speed: a generated repository of 10,000 commits (one in
// ten mentions an item, one in twenty carries a `Feedback:` trailer), scanned
// for references the way the extension does (git log -z streamed through
// LogParser), against `git log --format=%H%x00%B` alone, read to the end.
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { LOG_FORMAT, LogParser } from '../../src/core/historyScan';
import { DEFAULT_PATTERNS, ReferenceMatcher } from '../../src/core/references';
import { medianMs } from './timing';

const COMMITS = 10_000;
const ENV = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };

function message(i: number): string {
  const subject = i % 10 === 0 ? `Fix export of wide rows (FB-${i % 300})` : `Refactor module ${i} for clarity`;
  const body = `\n\nThe change touches ${i % 7} files and keeps the behaviour.\nSee the design notes for details.\n`;
  const trailers = i % 20 === 0 ? `\nFeedback: rest:FB-${i % 300}\nSigned-off-by: Ada <ada@example.com>\n` : '';
  return subject + body + trailers;
}

/** A repository of `COMMITS` commits, built with git fast-import (seconds, not minutes). */
function generateRepository(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fl-history-bench-'));
  execFileSync('git', ['init', '-q', '--initial-branch=main', dir], { env: ENV });
  const chunks: string[] = [];
  for (let i = 0; i < COMMITS; i++) {
    const text = message(i);
    const content = `line ${i}\n`;
    chunks.push(
      `commit refs/heads/main\nmark :${i + 1}\ncommitter Ada <ada@example.com> ${1_700_000_000 + i * 60} +0000\n` +
        `data ${Buffer.byteLength(text)}\n${text}\n${i > 0 ? `from :${i}\n` : ''}` +
        `M 644 inline src/file${i % 50}.ts\ndata ${Buffer.byteLength(content)}\n${content}\n`,
    );
  }
  execFileSync('git', ['fast-import', '--quiet'], { cwd: dir, env: ENV, input: chunks.join('') });
  return dir;
}

function runGitLog(dir: string, format: string, onChunk: (text: string) => void, range: readonly string[] = ['HEAD']): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', ['log', '-z', `--format=${format}`, '--end-of-options', ...range], { cwd: dir, env: ENV });
    const decoder = new StringDecoder('utf8');
    child.stdout.on('data', (data: Buffer) => onChunk(decoder.write(data)));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`git log exited with ${code}`))));
  });
}

/** Prints commits/second of a full scan and its ratio to git log alone (budget ≤ 1.5×). */
export async function historyScanBench(row: (name: string, value: string, budget: string) => void): Promise<void> {
  const dir = generateRepository();
  try {
    const matcher = new ReferenceMatcher({ patterns: DEFAULT_PATTERNS, trailerKey: 'Feedback' });
    let found = 0;
    const scanMs = await medianMs(async () => {
      const parser = new LogParser(matcher);
      let linked = 0;
      await runGitLog(dir, LOG_FORMAT, (chunk) => {
        linked += parser.push(chunk).length;
      });
      linked += parser.end().length;
      if (parser.count !== COMMITS) {
        throw new Error(`scanned ${parser.count} commits, expected ${COMMITS}`);
      }
      found = linked;
    });
    const gitMs = await medianMs(() => runGitLog(dir, '%H%x00%B', () => undefined));
    row(`history scan, ${COMMITS.toLocaleString('en')} commits (${found} linked)`, `${Math.round(COMMITS / (scanMs / 1000)).toLocaleString('en')} c/s`, '—');
    row('history scan vs git log --format=%H%x00%B alone', `${(scanMs / gitMs).toFixed(2)}× (${scanMs.toFixed(0)} / ${gitMs.toFixed(0)} ms)`, '≤ 1.5×');
    // A later scan reads only commits after the last one scanned: here, one new commit.
    const head = execFileSync('git', ['rev-parse', 'HEAD~1'], { cwd: dir, env: ENV, encoding: 'utf8' }).trim();
    const laterMs = await medianMs(async () => {
      const parser = new LogParser(matcher);
      await runGitLog(dir, LOG_FORMAT, (chunk) => void parser.push(chunk), ['HEAD', `^${head}`]);
      parser.end();
    });
    row('later scan (1 new commit after the last scanned)', `${laterMs.toFixed(1)} ms`, 'near-instant');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  void historyScanBench((name, value, budget) => console.log(`${name.padEnd(52)} ${value.padStart(12)}   (budget ${budget})`));
}
