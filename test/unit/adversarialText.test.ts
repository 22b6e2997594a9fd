// Every parser of outside text (comments, commit messages, tracker answers,
// branch names, headers) on 64 kB of hostile text: each call must stay far
// below what a backtracking regex or repeated slicing costs on it. A linear
// parser takes well under 10 ms here; the quadratic ones this guards against
// took 1–14 s per call. The bound sits ten times from both, so a busy machine
// does not fail it and a quadratic parser cannot pass it.
import './vscodeL10n';
import * as assert from 'node:assert/strict';
import { commitList, renderTemplate, DEFAULT_TEMPLATE } from '../../src/core/closeLoop/template';
import { escapeMarkdown, releaseNotes } from '../../src/core/closeLoop/releaseNotes';
import { readRefs } from '../../src/core/closeLoop/detection';
import { LogParser, subjectOf } from '../../src/core/historyScan';
import { parseBlamePorcelain } from '../../src/core/impact/blame';
import { branchItemId } from '../../src/core/impact/branchItem';
import { DiffParser, parseUnifiedDiff, unquoteGitPath } from '../../src/core/impact/diff';
import { fileHistory, parsePathLog } from '../../src/core/impact/fileHistory';
import { itemSummarySchema } from '../../src/core/model';
import { branchNameFor, slugify } from '../../src/core/branchName';
import { DEFAULT_BRANCH_TEMPLATE, DEFAULT_PATTERNS, ReferenceMatcher, parseTrailerValue } from '../../src/core/references';
import { normalizeLine, splitLines } from '../../src/core/tradeoffs/anchor';
import { parseTradeOffFile } from '../../src/core/tradeoffs/tradeoffFile';
import { itemIdFromBranch } from '../../src/core/tradeoffs/tradeoffView';
import { itemNode } from '../../src/core/treeModel';
import { releaseNotesMarkdown } from '../../src/features/closeLoop/releaseNotesText';
import { rowText } from '../../src/features/feedbackTree/rowText';
import { appendTrailers, formatTrailer, parseTrailers } from '../../src/core/trailers';
import { CannyTracker } from '../../src/trackers/canny/cannyTracker';
import { FiderTracker } from '../../src/trackers/fider/fiderTracker';
import { customersOf, searchTerms, toComment, toMarked } from '../../src/trackers/github/githubMapping';
import { GithubTracker } from '../../src/trackers/github/githubTracker';
import { nextLink } from '../../src/trackers/github/githubWire';
import { githubRepositoryOf } from '../../src/trackers/github/remote';
import { clean, parseRetryAfter } from '../../src/trackers/httpErrors';
import { findWriteIn, isRecord, linksIn, markBody, readMarker, tradeOffsIn } from '../../src/trackers/writeMarker';
import { matchAutolinks } from '../../src/webview/itemPanel/autolinks';
import { HOSTILE_SIZE, hostileTexts, stubHttpByPath } from '../fixtures/hostileText';

const BUDGET_MS = 100;
const WHEN = '2026-01-01T00:00:00Z';

type Parser = (text: string) => unknown;

const matcher = new ReferenceMatcher({ patterns: DEFAULT_PATTERNS, trailerKey: 'Feedback', itemUrlPrefixes: ['https://tracker.example/items/'] });

function githubComment(body: string) {
  return { id: 1, body, user: { login: 'ada' }, author_association: 'OWNER', created_at: WHEN, html_url: 'https://github.com/o/r/issues/1#c1' };
}

const github = new GithubTracker({ repository: 'o/r', http: stubHttpByPath(() => [githubComment(current)]) });
const canny = new CannyTracker({
  http: stubHttpByPath(() => ({ hasMore: false, comments: [{ id: 'c1', author: { id: 'u1', name: 'Ada', isAdmin: true }, created: WHEN, internal: true, value: current }] })),
  getApiKey: async () => 'key',
  boardID: 'b1',
});
const fider = new FiderTracker(
  stubHttpByPath(() => [{ id: 1, content: current, createdAt: WHEN, user: { id: 1, name: 'Ada', role: 'administrator' } }]),
  'https://tracker.example',
);
const fiderId = `fider:tracker.example#1`;
/** What the stubbed trackers answer: the text under test. */
let current = '';

/** `git log -z --format=LOG_FORMAT` of two commits, `text` as a body and as an author, read in pipe-sized chunks. */
function scanLog(text: string): void {
  const sha = 'a'.repeat(40);
  const log = `${sha}\0${text}\0${WHEN}\0${text}\0\n${sha}\0Ada\0${WHEN}\0${text}`;
  const parser = new LogParser(matcher);
  for (let i = 0; i < log.length; i += 4096) {
    parser.push(log.slice(i, i + 4096));
  }
  parser.end();
}

/**
 * `text` where git puts what a cloned repository chooses: as a quoted and an
 * unquoted file name, as hunk headers' context, as removed and added lines
 * (one of them as long as the text), and pushed in pipe-sized chunks.
 */
function diffOf(text: string): unknown {
  const quoted = `"a/${text.replace(/["\\]/g, '\\$&')}"`;
  const diff = [
    `diff --git a/${text} b/${text}`,
    `--- a/${text}`,
    `+++ ${quoted.replace('"a/', '"b/')}`,
    `@@ -1,2 +1,2 @@ ${text}`,
    `-${text}`,
    `-${text}`,
    `+${text}`,
    `+${text}`,
    `@@ -${text} +1 @@`,
    text,
  ].join('\n');
  const parser = new DiffParser();
  for (let i = 0; i < diff.length; i += 4096) {
    parser.push(diff.slice(i, i + 4096));
  }
  return [parser.end(), parseUnifiedDiff(text), unquoteGitPath(quoted)];
}

function answerOrRefusal(parse: () => unknown): unknown {
  try {
    return parse();
  } catch (error) {
    return error; // refusing is an answer
  }
}

/** `git blame --porcelain` with `text` as a line's content, a commit's summary and its file name, and as the output itself. */
function blameOf(text: string): unknown {
  const sha = 'a'.repeat(40);
  const porcelain = `${sha} 1 1 1\nauthor ${text}\nsummary ${text}\nfilename ${text}\n\t${text}\n${sha} 2 2\n\t${text}`;
  return [parseBlamePorcelain(porcelain), answerOrRefusal(() => parseBlamePorcelain(text))];
}

const PARSERS: Readonly<Record<string, Parser>> = {
  'writeMarker markBody (html)': (t) => markBody(t, { kind: 'reply', key: 'k1' }),
  'writeMarker markBody (invisible)': (t) => markBody(t, { kind: 'reply', key: 'k1' }, 'invisible'),
  'writeMarker readMarker': (t) => readMarker(t),
  'trailers parseTrailers': (t) => parseTrailers(t),
  'trailers appendTrailers': (t) => appendTrailers(t, [{ key: 'Feedback', value: 'rest:FB-1' }]),
  'trailers formatTrailer': (t) => formatTrailer({ key: 'Feedback', value: t }),
  'references inMessage': (t) => matcher.inMessage(t),
  'references matchAt': (t) => matcher.matchAt(t, t.length >> 1),
  'references parseTrailerValue': (t) => parseTrailerValue(t),
  'references slugify': (t) => slugify(t),
  'references branchNameFor': (t) => [branchNameFor(DEFAULT_BRANCH_TEMPLATE, { id: t, title: t }), branchNameFor('<id>', { id: t, title: t })],
  'historyScan LogParser': (t) => scanLog(t),
  'historyScan subjectOf': (t) => subjectOf(t),
  'closeLoop commitList': (t) => commitList([t, `Merge ${t}`]),
  'closeLoop escapeMarkdown': (t) => escapeMarkdown(t),
  'closeLoop release notes': (t) =>
    releaseNotesMarkdown(releaseNotes({ from: 'v1', to: 'v2', items: [{ item: { id: 'FB-1', title: t, votes: 1, customerCount: 1, revenue: null, url: null }, subjects: [t] }], missing: [t] })),
  'feedback view row text (title, tags, companies)': (t) =>
    rowText(itemNode({ id: t, title: t, status: 'open', votes: 1, customerCount: 1, revenue: null, tags: [t], companies: [t], createdAt: WHEN, updatedAt: WHEN, url: null }, 'g', true)),
  'closeLoop renderTemplate': (t) => renderTemplate(DEFAULT_TEMPLATE, { id: t, title: t, release: t, commits: t, customerCount: t, repository: t }),
  'closeLoop readRefs (git output)': (t) => readRefs(async () => t, t),
  'tradeoffs normalizeLine / splitLines': (t) => [normalizeLine(t), splitLines(t)],
  'tradeoffs parseTradeOffFile': (t) => parseTradeOffFile(t),
  'tradeoffs itemIdFromBranch': (t) => itemIdFromBranch(t, ['FB-1', 'a', '-']),
  'impact git diff -U0 (paths, headers, content)': (t) => diffOf(t),
  'impact git blame --porcelain': (t) => blameOf(t),
  'impact git log of the changed paths (file names, the output itself)': (t) => {
    const sha = 'a'.repeat(40);
    const log = parsePathLog(`\x01${sha} \0\n${t}\0\x01${'b'.repeat(40)} ${sha}\0\n${t}\0`, new Set([t]));
    return [fileHistory(log, 'c'.repeat(40), t), answerOrRefusal(() => parsePathLog(t, new Set()))];
  },
  'impact branch item (branch name)': (t) => [branchItemId(t.slice(0, 1000), DEFAULT_BRANCH_TEMPLATE, ['FB-1', 'a'], matcher), branchItemId(`feedback/${t}`.slice(0, 1000), DEFAULT_BRANCH_TEMPLATE, [], matcher)],
  'model timestamps (itemSummarySchema)': (t) =>
    itemSummarySchema.safeParse({ id: t, title: t, status: 'open', votes: 0, customerCount: 0, revenue: null, tags: [t], createdAt: t, updatedAt: WHEN, url: t }),
  'github mapping (comment, link, trade-off, reply, write, customers)': (t) => {
    const c = githubComment(t);
    const marked = [toMarked(c)];
    return [toComment(c), linksIn(marked), tradeOffsIn(marked), isRecord(marked[0]), findWriteIn(marked, 'k1'), customersOf({ ...c, number: 1, title: t, state: 'open', labels: [] } as never, [c])];
  },
  'github searchTerms': (t) => searchTerms(t),
  'github nextLink (Link header)': (t) => [nextLink(t), nextLink(`<https://x/?page=2>; rel="${t}"`), nextLink(`<${t}>;${t}`)],
  'github remote URL': (t) => [githubRepositoryOf(t), githubRepositoryOf(`git@github.com:${t}`), githubRepositoryOf(`https://github.com/o/${t}`)],
  'github tracker (comments, links, trade-offs, findWrite)': () =>
    Promise.all([github.listComments('github:o/r#1'), github.listLinks('github:o/r#1'), github.listTradeOffs('github:o/r#1'), github.findWrite('github:o/r#1', 'k1')]),
  'canny tracker (comments, links, trade-offs, findWrite)': () =>
    Promise.all([canny.listComments('canny:p1'), canny.listLinks('canny:p1'), canny.listTradeOffs('canny:p1'), canny.findWrite('canny:p1', 'k1')]),
  'fider tracker (comments, links, trade-offs, findWrite)': () =>
    Promise.all([fider.listComments(fiderId), fider.listLinks(fiderId), fider.listTradeOffs(fiderId), fider.findWrite(fiderId, 'k1')]),
  'http errors (clean, Retry-After)': (t) => [clean(t), parseRetryAfter(t), parseRetryAfter(`1${t}`)],
  // The whole markdown pipeline is held to linear time in markdown.test.ts.
  'webview bare-address links (comments, descriptions)': (t) => matchAutolinks(t),
};

/** Milliseconds of one call; a throw is an answer too (the parser refused the text). */
async function timeCall(parse: Parser, text: string): Promise<number> {
  current = text;
  const started = process.hrtime.bigint();
  try {
    await parse(text);
  } catch {
    // refusing hostile text is fine; only the time matters here
  }
  return Number(process.hrtime.bigint() - started) / 1e6;
}

/** The fastest of up to three calls: a garbage collection or a busy neighbour slows one call, not three. */
async function bestOfThree(parse: Parser, text: string): Promise<number> {
  let best = await timeCall(parse, text);
  for (let i = 0; i < 2 && best >= BUDGET_MS; i++) {
    best = Math.min(best, await timeCall(parse, text));
  }
  return best;
}

describe(`parsers of outside text stay linear on ${HOSTILE_SIZE / 1024} kB of hostile text`, function () {
  this.timeout(120_000);
  const texts = hostileTexts();

  for (const [name, parse] of Object.entries(PARSERS)) {
    it(`${name}: every call under ${BUDGET_MS} ms`, async () => {
      for (const { name: input, text } of texts) {
        const ms = await bestOfThree(parse, text);
        assert.ok(ms < BUDGET_MS, `${name} took ${ms.toFixed(0)} ms on ${input}`);
      }
    });
  }
});
