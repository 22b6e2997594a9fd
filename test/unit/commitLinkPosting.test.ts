// What is posted to the tracker for commit links, and how: only the user's own
// commits (made through Source Control) are posted, never what history
// scanning finds; and a subject posted as a comment is text, not markdown.
import * as assert from 'node:assert/strict';
import MarkdownIt from 'markdown-it';
import type { NewCommitLink } from '../../src/core/model';
import { DEFAULT_PATTERNS, ReferenceMatcher } from '../../src/core/references';
import { OWN_COMMIT_WINDOW_MS, isFreshCommitEntry } from '../../src/features/commitLinks/linkPolicy';
import { trailersToPost } from '../../src/features/commitLinks/ownCommitLinks';
import { linkCommentText, markdownCodeSpan } from '../../src/trackers/linkCommentText';

const matcher = new ReferenceMatcher({ patterns: DEFAULT_PATTERNS, trailerKey: 'Feedback' });
const message = 'Quote CSV fields (FB-12)\n\nFeedback: rest:FB-3\nFeedback: rest:FB-3\nFeedback: github:octo/app#4\n';

describe('which commit links are posted', () => {
  it('posts nothing for commits found in history: pulled, other people’s, made in a terminal', () => {
    assert.deepEqual(trailersToPost('history', matcher.inMessage(message)), []);
  });

  it('posts the user’s own commit to the items its trailers name, each kind and item once', () => {
    assert.deepEqual(trailersToPost('ownCommit', matcher.inMessage(message)), [
      { tracker: 'rest', id: 'FB-3' },
      { tracker: 'github', id: 'octo/app#4' },
    ]);
  });

  it('does not post for a mere mention', () => {
    assert.deepEqual(trailersToPost('ownCommit', matcher.inMessage('Fix FB-12 and FB-13\n')), []);
  });
});

describe('a commit Source Control reports as just made', () => {
  const now = Date.parse('2024-05-01T10:00:00Z');

  it('is the user’s when HEAD’s last move is a commit of the last minutes', () => {
    for (const entry of ['commit: Quote CSV fields', 'commit (amend): Quote CSV fields', 'commit (initial): First', 'commit (merge): Merge branch x']) {
      assert.ok(isFreshCommitEntry(entry, now - 2_000, now), entry);
    }
  });

  it('is not when the commit failed: HEAD last moved by a pull, checkout, rebase or cherry-pick, or long ago', () => {
    for (const entry of ['pull: Fast-forward', 'checkout: moving from main to feature', 'rebase (finish): returning to refs/heads/main', 'cherry-pick: Quote CSV fields', 'merge origin/main: Fast-forward', 'reset: moving to HEAD~1', '']) {
      assert.ok(!isFreshCommitEntry(entry, now - 2_000, now), entry);
    }
    assert.ok(!isFreshCommitEntry('commit: Old', now - OWN_COMMIT_WINDOW_MS - 1, now));
    assert.ok(!isFreshCommitEntry('commit: From the future', now + 60_000, now));
    assert.ok(!isFreshCommitEntry('commit: No reflog time', Number.NaN, now));
  });
});

describe('a link’s comment text', () => {
  const md = new MarkdownIt({ html: true, linkify: true });
  const link = (subject: string, repository = 'https://github.com/octo/app.git', url: string | null = null): NewCommitLink => ({
    sha: 'a'.repeat(40),
    repository,
    subject,
    author: 'Ada',
    committedAt: '2024-05-01T10:00:00Z',
    url,
  });
  const hostile = [
    'Fix [the export](https://evil.example/phish) ![x](https://evil.example/pixel.png)',
    '<img src=x onerror=alert(1)> <script>alert(1)</script>',
    '**bold** _it_ # not a heading @octocat closes #12 octo/app#3',
    'Code `span` and ``double`` and ` edge',
    '`',
    '  spaced\tout\nacross lines  ',
  ];

  it('shows the subject and the repository exactly as written: no link, image, HTML or emphasis', () => {
    for (const subject of hostile) {
      const html = md.renderInline(linkCommentText(link(subject, `${subject}.git`), 'markdown'));
      const codes = [...html.matchAll(/<code>(.*?)<\/code>/g)].map((m) => m[1]);
      const shown = (text: string): string => md.utils.escapeHtml(text.replace(/\s+/g, ' ').trim());
      assert.deepEqual(codes, ['aaaaaaa', shown(`${subject}.git`), shown(subject)], subject);
      assert.doesNotMatch(html.replace(/<\/?code>/g, ''), /<[a-z]/i, `only code spans in ${html}`);
    }
  });

  it('links the commit only to an https address, percent-encoded', () => {
    const html = md.renderInline(linkCommentText(link('x', 'r', 'https://git.example/c/1?a=<b>\\'), 'markdown'));
    assert.match(html, /^Linked commit <a href="https:\/\/git\.example\/c\/1\?a=%3Cb%3E%5C"><code>aaaaaaa<\/code><\/a> in/);
    assert.doesNotMatch(md.renderInline(linkCommentText(link('x', 'r', 'javascript:alert(1)'), 'markdown')), /<a /);
  });

  it('fences a code span past the backticks it holds', () => {
    assert.equal(markdownCodeSpan('a ``b`` c'), '```a ``b`` c```');
    assert.equal(markdownCodeSpan('`x'), '`` `x ``');
    assert.equal(markdownCodeSpan(' \n '), '');
  });

  it('keeps plain text plain (Canny), on one line', () => {
    assert.equal(linkCommentText(link('Fix *it*\nnow', 'repo'), 'plain'), 'Linked commit aaaaaaa in repo: Fix *it* now');
  });
});
