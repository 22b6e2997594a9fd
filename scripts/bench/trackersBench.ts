// The external trackers' figures: reading a GitHub search page of 100 issues
// (zod per issue, mapped to items) against JSON.parse of it, and a Fider
// refresh of 10,000 posts (one list read, parsed once, then the six status
// groups filtered, sorted and paged on the client as the tree asks).
import { STATUSES } from '../../src/core/model';
import { FiderTracker } from '../../src/trackers/fider/fiderTracker';
import { DEFAULT_STATUS_LABELS, toSummary } from '../../src/trackers/github/githubMapping';
import { issueSchema } from '../../src/trackers/github/githubWire';
import { parseEach } from '../../src/trackers/itemList';
import { stubHttp } from '../../test/fixtures/adapterFuzz';
import { fiderPost } from '../../test/fixtures/fiderFake';
import { githubIssue } from '../../test/fixtures/githubFake';

type Row = (name: string, value: string, budget: string) => void;
type Timer = (run: () => void, runs?: number) => number;

export async function trackersBench(row: Row, timeMs: Timer): Promise<void> {
  const page = JSON.stringify({ total_count: 100, incomplete_results: false, items: Array.from({ length: 100 }, (_, i) => githubIssue(i + 1)) });
  const parseOnly = timeMs(() => JSON.parse(page));
  const read = timeMs(() => {
    const body = JSON.parse(page) as { items: unknown[] };
    parseEach(body.items, issueSchema, (i) => toSummary(i, 'octo/app', DEFAULT_STATUS_LABELS), ['items']);
  });
  row('GitHub: read a search page of 100 issues', `${read.toFixed(2)} ms`, '< 20 ms');
  row('  … of which JSON.parse', `${parseOnly.toFixed(2)} ms`, '—');

  const posts = Array.from({ length: 10_000 }, (_, i) => fiderPost(i + 1, { status: ['open', 'planned', 'started', 'completed'][i % 4], votesCount: (i * 7919) % 1000 }));
  const times: number[] = [];
  for (let run = 0; run < 7; run++) {
    const fider = new FiderTracker(stubHttp(() => posts), 'https://feedback.example.com');
    const started = process.hrtime.bigint();
    await Promise.all(STATUSES.map((status) => fider.listItems({ statuses: [status], sort: 'demand', limit: 100 })));
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  times.sort((a, b) => a - b);
  row('Fider: refresh of 10,000 posts (6 groups, client paging)', `${times[3].toFixed(1)} ms`, '< 500 ms');
}
