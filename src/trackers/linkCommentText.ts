// The visible text of a link kept as a tracker comment (GitHub, Fider: markdown;
// Canny: plain text). A commit's subject and repository are whatever someone
// typed: in markdown they would become links, images, HTML, headings, and on
// GitHub @mentions and #references that notify people and cross-post onto
// other issues, all as the user. So they go in as code spans, which markdown
// shows exactly as written and GitHub never scans for mentions or references.
import type { NewCommitLink } from '../core/model';

export type CommentFormat = 'markdown' | 'plain';

/** `Linked commit abc1234 in <repository>: <subject>`, the two free texts inert in `format`. */
export function linkCommentText(link: NewCommitLink, format: CommentFormat): string {
  const short = link.sha.slice(0, 7);
  if (format === 'plain') {
    return `Linked commit ${short} in ${oneLine(link.repository)}: ${oneLine(link.subject)}`;
  }
  const url = httpsUrl(link.url);
  const commit = url ? `[\`${short}\`](<${url}>)` : `\`${short}\``;
  return `Linked commit ${commit} in ${markdownCodeSpan(link.repository)}: ${markdownCodeSpan(link.subject)}`;
}

/**
 * `text` on one line as a markdown code span: fenced by one more backtick than
 * its longest run of backticks, and padded with a space when it starts or ends
 * with a backtick or a space (CommonMark strips one space from each side).
 */
export function markdownCodeSpan(text: string): string {
  const line = oneLine(text);
  if (!line) {
    return '';
  }
  const longestRun = Math.max(0, ...(line.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const pad = /^[` ]|[` ]$/.test(line) ? ' ' : '';
  return `${fence}${pad}${line}${pad}${fence}`;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** The commit's web address, when it is one we can put in a link destination safely (https, percent-encoded). */
function httpsUrl(value: string | null | undefined): string | undefined {
  try {
    const url = value ? new URL(value) : undefined;
    // href percent-encodes spaces and angle brackets; a backslash could still escape the closing `>`.
    return url?.protocol === 'https:' ? url.href.replace(/\\/g, '%5C') : undefined;
  } catch {
    return undefined; // not a URL: the comment names the commit without a link
  }
}
