// "Draft Release Notes…": the items answered between two tags, with their
// demand, as a markdown document. A bundle of its own (dist/releaseNotes.js),
// loaded when the command first runs: nothing of it is needed before.
import * as path from 'node:path';
import * as vscode from 'vscode';
import * as z from 'zod/mini';
import { readRefs } from '../../core/closeLoop/detection';
import type { RefTip } from '../../core/closeLoop/detection';
import { linkedByRepository } from '../../core/closeLoop/linked';
import { releaseNotes } from '../../core/closeLoop/releaseNotes';
import type { AnsweredItem } from '../../core/closeLoop/releaseNotes';
import type { Git } from '../../platform/git';
import { releaseNotesMarkdown } from './releaseNotesText';
import { singleLineText } from '../../core/displayText';
import type { CloseLoopCommandDeps } from './commands';

/** From another extension or a test: the range without asking. */
const rangeSchema = z.object({ repository: z.string(), from: z.optional(z.string()), to: z.string() });
type TagRange = z.infer<typeof rangeSchema>;

async function pickRepository(git: Git): Promise<string | undefined> {
  const roots = git.repositories.map((r) => r.rootUri.fsPath);
  if (roots.length <= 1) {
    return roots[0];
  }
  const picked = await vscode.window.showQuickPick(
    roots.map((root) => ({ label: path.basename(root), description: root, root })),
    { title: vscode.l10n.t('Release Notes: Which Repository?') },
  );
  return picked?.root;
}

/** `arg`: the command's argument, a range when another extension or a test gives one (anything else asks). */
export async function draftNotes(deps: CloseLoopCommandDeps, arg: unknown): Promise<void> {
  const given = rangeSchema.safeParse(arg).data;
  const connection = deps.connection();
  const root = given ? deps.git.repositories.find((r) => r.rootUri.fsPath === given.repository)?.rootUri.fsPath : await pickRepository(deps.git);
  if (!connection || !root) {
    void vscode.window.showWarningMessage(connection ? vscode.l10n.t('No Git repository is open.') : vscode.l10n.t('Not connected to a tracker.'));
    return;
  }
  const run = (args: readonly string[]): Promise<string> => deps.git.run(root, args);
  const tags = [...(await readRefs(run, undefined)).tags].reverse();
  if (tags.length === 0) {
    void vscode.window.showWarningMessage(vscode.l10n.t('{0} has no tags.', path.basename(root)));
    return;
  }
  const range = given ? fromGiven(tags, given) : await pickRange(tags);
  if (!range) {
    return;
  }
  const { from, to } = range;
  const shas = (await run(['rev-list', to.tag.sha, ...(from.tag ? ['--not', from.tag.sha] : [])])).split('\n').filter(Boolean);
  const { kind, history } = await deps.links();
  const linked = linkedByRepository(history, kind ?? '').get(root) ?? new Map<string, string[]>();
  const subjects = new Map<string, string[]>();
  for (const sha of shas) {
    for (const id of linked.get(sha) ?? []) {
      subjects.set(id, [...(subjects.get(id) ?? []), history.commit(root, sha)?.subject ?? sha.slice(0, 7)]);
    }
  }
  // An item the tracker does not answer is not lost: the draft lists it as missing.
  const fetched = await Promise.all([...subjects].map(async ([id, list]) => ({ id, item: await deps.items.summary(id).catch(() => undefined), list })));
  const items: AnsweredItem[] = fetched.flatMap((f) => (f.item ? [{ item: f.item, subjects: f.list }] : []));
  const missing = fetched.filter((f) => !f.item).map((f) => f.id);
  const content = releaseNotesMarkdown(releaseNotes({ from: from.tag?.name, to: to.tag.name, items, missing }));
  const document = await vscode.workspace.openTextDocument({ language: 'markdown', content });
  await vscode.window.showTextDocument(document);
}

interface TagPick {
  readonly tag: RefTip | undefined;
}

function fromGiven(tags: readonly RefTip[], given: TagRange): { from: TagPick; to: { tag: RefTip } } | undefined {
  const to = tags.find((t) => t.name === given.to);
  const from = given.from === undefined ? undefined : tags.find((t) => t.name === given.from);
  return to && (given.from === undefined || from) ? { to: { tag: to }, from: { tag: from } } : undefined;
}

async function pickRange(tags: readonly RefTip[]): Promise<{ from: TagPick; to: { tag: RefTip } } | undefined> {
  const to = await vscode.window.showQuickPick(tags.map((t) => ({ label: singleLineText(t.name), tag: t })), { title: vscode.l10n.t('Release Notes: Up to Which Tag?') });
  if (!to) {
    return undefined;
  }
  const older = tags.slice(tags.indexOf(to.tag) + 1);
  const start = vscode.l10n.t('(the start of history)');
  const from = await vscode.window.showQuickPick([...older.map((t): { label: string; tag: RefTip | undefined } => ({ label: singleLineText(t.name), tag: t })), { label: start, tag: undefined }], {
    title: vscode.l10n.t('Release Notes: Since Which Tag?'),
  });
  return from ? { from, to } : undefined;
}
