// `npm run bench`: prints the figures the issues budget. Not a test: it
// measures and prints; the closing notes report what it printed.
//   bundle sizes (minified) · activate() time · loading 10,000 items vs JSON.parse · first tree level
//   · the trackers' reads (GitHub, Fider, Linear: linearBench.ts) · Merge All's ranking (mergeBench.ts)
//   · the first tree level of three connections (multiTreeBench.ts) · …
import * as fs from 'node:fs';
import * as path from 'node:path';
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import * as readline from 'node:readline';
import { FeedbackStore } from '../../src/core/feedbackStore';
import type { ItemSource } from '../../src/core/feedbackStore';
import { groupItems } from '../../src/core/grouping';
import type { ItemSummary } from '../../src/core/model';
import { rootNodes } from '../../src/core/treeModel';
import { HttpClient } from '../../src/trackers/http';
import { parseItemPage } from '../../src/trackers/rest/parseItems';
import { RestTracker } from '../../src/trackers/rest/restTracker';
import { installStandInVscode, standInContext } from './standInVscode';
import { timeMs } from './timing';

const root = path.resolve(__dirname, '..', '..');
const outDir = path.join(root, 'out', 'bench');

function row(name: string, value: string, budget: string): void {
  console.log(`${name.padEnd(52)} ${value.padStart(12)}   (budget ${budget})`);
}

function bundleSizes(): void {
  execFileSync(process.execPath, ['esbuild.js', '--production', `--outdir=${outDir}`], { cwd: root, stdio: 'inherit' });
  const kb = (file: string): string => `${(fs.statSync(file).size / 1024).toFixed(1)} KB`;
  row('dist/extension.js, minified', kb(path.join(outDir, 'extension.js')), '≤ 250 KB');
  for (const file of fs.readdirSync(path.join(outDir, 'webview')).filter((f) => f.endsWith('.js'))) {
    row(`dist/webview/${file}, minified`, kb(path.join(outDir, 'webview', file)), '≤ 120 KB');
  }
  // Loaded on demand (esbuild.js): a tracker's adapter and the HTTP client when it is first used, and so on.
  for (const file of lazyBundleFiles(outDir)) {
    row(`  dist/${file}, loaded on demand`, kb(path.join(outDir, file)), '—');
  }
}

function lazyBundleFiles(dir: string): string[] {
  const skip = new Set(['extension.js', 'reference-tracker.js']);
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.js') && !skip.has(f) && !f.startsWith('webview'))
    .sort();
}

function activateTime(): void {
  installStandInVscode();
  const started = process.hrtime.bigint();
  const extension = require(path.join(outDir, 'extension.js')) as { activate(context: unknown): void };
  const loadMs = Number(process.hrtime.bigint() - started) / 1e6;
  const first = process.hrtime.bigint();
  extension.activate(standInContext());
  const firstMs = Number(process.hrtime.bigint() - first) / 1e6;
  row('loading dist/extension.js (require)', `${loadMs.toFixed(1)} ms`, '—');
  row('activate(), first call (stand-in vscode)', `${firstMs.toFixed(2)} ms`, '≤ 50 ms');
  row('activate(), median of 15 (stand-in vscode)', `${timeMs(() => extension.activate(standInContext())).toFixed(2)} ms`, '≤ 50 ms');
}

async function loadingTenThousand(): Promise<void> {
  // A separate process, as in real use: the server's 10,000 items must not weigh on this heap's GC.
  const tracker = await startTrackerProcess(10_000);
  try {
    const http = new HttpClient({ baseUrl: tracker.url, getToken: async () => tracker.token });
    const rest = new RestTracker(http);
    const started = process.hrtime.bigint();
    const loaded: ItemSummary[] = [];
    let cursor: string | null = null;
    do {
      const page = await rest.listItems({ limit: 200, cursor });
      loaded.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
    row(`loading ${loaded.length} items over loopback (wall, incl. server)`, `${wallMs.toFixed(0)} ms`, '—');

    const bodies = await rawPages(tracker.url, tracker.token);
    const bytes = bodies.reduce((n, b) => n + Buffer.byteLength(b), 0);
    const parseOnly = timeMs(() => bodies.forEach((b) => JSON.parse(b)));
    const full = timeMs(() => {
      const items = bodies.flatMap((b) => parseItemPage(http, JSON.parse(b), 'GET /api/v1/items').items);
      groupItems(items, 'tag');
    });
    row(`JSON.parse of the same ${(bytes / 1e6).toFixed(1)} MB`, `${parseOnly.toFixed(1)} ms`, '—');
    row('parse + validate + group them', `${full.toFixed(1)} ms`, '—');
    row('ratio to JSON.parse', `${(full / parseOnly).toFixed(2)}×`, '≤ 3×');
    firstTreeLevel(loaded);
  } finally {
    tracker.stop();
  }
}

async function startTrackerProcess(size: number): Promise<{ url: string; token: string; stop(): void }> {
  const child = spawn(process.execPath, [path.join(outDir, 'reference-tracker.js'), '--port', '0', '--size', String(size), '--json'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [line] = (await once(readline.createInterface({ input: child.stdout! }), 'line')) as [string];
  const ready = JSON.parse(line) as { url: string; token: string };
  return { ...ready, stop: () => child.kill('SIGTERM') };
}

async function rawPages(url: string, token: string): Promise<string[]> {
  const bodies: string[] = [];
  let cursor: string | null = null;
  do {
    const query: URLSearchParams = new URLSearchParams({ limit: '200', ...(cursor ? { cursor } : {}) });
    const answer: Response = await fetch(`${url}/api/v1/items?${query}`, { headers: { authorization: `Bearer ${token}` } });
    const text: string = await answer.text();
    bodies.push(text);
    cursor = (JSON.parse(text) as { nextCursor: string | null }).nextCursor;
  } while (cursor);
  return bodies;
}

/** The store's cache is filled once; what is timed is answering the view's first getChildren. */
function firstTreeLevel(items: ItemSummary[]): void {
  for (const grouping of ['status', 'tag', 'company'] as const) {
    const source: ItemSource = {
      listItems: async (q) => ({ items: q.statuses ? items.filter((i) => q.statuses!.includes(i.status)) : items, nextCursor: null, rejected: [] }),
    };
    const store = new FeedbackStore({ grouping, sort: 'demand', filter: '' });
    store.setSource(source);
    void store.refresh().then(() => {
      const describe = (e: unknown): string => String(e);
      row(`first tree level, ${items.length} cached items, by ${grouping}`, `${timeMs(() => rootNodes(store, describe)).toFixed(2)} ms`, '≤ 50 ms');
      const regroup = timeMs(() => groupItems(items, grouping === 'status' ? 'tag' : grouping), 5);
      if (grouping !== 'status') {
        row(`  regrouping ${items.length} items by ${grouping} (on data change)`, `${regroup.toFixed(1)} ms`, '—');
      }
    });
  }
}

async function main(): Promise<void> {
  bundleSizes();
  // First, with a small heap: later benches load jsdom and more, whose live
  // objects make every garbage collection (and so the allocating side) slower.
  await loadingTenThousand();
  activateTime();
  await (await import('./liveBench')).liveBench(row, startTrackerProcess, outDir);
  (await import('./anchorBench')).anchorBench(row, timeMs);
  (await import('./mergeBench')).mergeBench(row);
  await (await import('./multiTreeBench')).multiTreeBench(row);
  await (await import('./replyBench')).replyBench(row);
  await (await import('./trackersBench')).trackersBench(row, timeMs);
  await (await import('./linearBench')).linearBench(row);
  await (await import('./historyBench')).historyScanBench(row);
  await (await import('./impactBench')).impactBench(row);
  await (await import('./hostileTextBench')).hostileTextBench(row);
  await new Promise((resolve) => setTimeout(resolve, 100));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
