// The item's linked commits: short sha, subject, author, date, and where the
// commit is (default branch, tags); a commit in a local repository opens its
// changes. Text enters as text nodes only.
import type { PanelLinkedCommit } from '../../shared/itemPanelProtocol';
import { button, el, isolate } from './dom';
import { formatDate } from './format';
import type { RenderContext } from './render';

export interface LinkedCommitContext extends RenderContext {
  readonly openCommit: (root: string, sha: string) => void;
  readonly linkPastCommit: () => void;
}

export function renderLinkedCommits(ctx: LinkedCommitContext, links: readonly PanelLinkedCommit[] | undefined): HTMLElement | false {
  const texts = ctx.strings.links;
  if (!links || !texts) {
    return false; // a host without commit links sends none
  }
  const heading = el('h2', '', `${texts.heading} (${links.length})`);
  const action = button('link-past-commit', texts.linkPastCommit, ctx.linkPastCommit);
  const list = links.length === 0 ? el('p', 'empty', texts.none) : el('ul', 'commit-list', ...links.map((c) => renderCommit(ctx, c)));
  return el('section', 'linked-commits', heading, list, action);
}

function renderCommit(ctx: LinkedCommitContext, commit: PanelLinkedCommit): HTMLElement {
  const texts = ctx.strings.links;
  const short = commit.sha.slice(0, 7);
  let sha: HTMLElement = el('code', 'commit-sha', short);
  const root = commit.root;
  if (root !== null) {
    const link = el('a', 'commit-sha', el('code', '', short));
    link.href = '#';
    link.title = commit.sha;
    link.addEventListener('click', (event) => {
      event.preventDefault();
      ctx.openCommit(root, commit.sha);
    });
    sha = link;
  }
  const where = [
    commit.root === null ? texts?.notHere : commit.onDefaultBranch ? texts?.onDefaultBranch : commit.onDefaultBranch === false ? texts?.notOnDefaultBranch : undefined,
    ...commit.tags,
  ].filter((x): x is string => Boolean(x));
  return el(
    'li',
    'commit',
    sha,
    ' ',
    isolate(el('span', 'commit-subject', commit.subject)),
    el('div', 'commit-meta', isolate(el('span', 'commit-author', commit.author)), ` · ${formatDate(commit.committedAt, ctx.locale)}${where.length ? ` · ${where.join(' · ')}` : ''}`),
  );
}
