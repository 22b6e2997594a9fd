// The release notes draft in words, in the user's language: the document
// around the items core/closeLoop/releaseNotes.ts chose, ordered and escaped.
import * as vscode from 'vscode';
import { escapeMarkdown } from '../../core/closeLoop/releaseNotes';
import type { ReleaseNotes } from '../../core/closeLoop/releaseNotes';
import { demandLine } from '../../platform/itemWords';

/** Markdown to edit and paste into a changelog. */
export function releaseNotesMarkdown(notes: ReleaseNotes): string {
  const range = notes.from ? `${notes.from}…${notes.to}` : vscode.l10n.t('up to {0}', notes.to);
  const lines = [`# ${escapeMarkdown(notes.to)}`, '', vscode.l10n.t('Feedback answered in this release ({0}), most requested first.', escapeMarkdown(range)), ''];
  if (notes.notes.length === 0) {
    lines.push(`_${vscode.l10n.t('No linked feedback items in this range.')}_`, '');
  }
  for (const note of notes.notes) {
    lines.push(`- **${note.title}** (${note.id}): ${demandLine(note.demand)}`, ...note.subjects.map((subject) => `  - ${subject}`));
  }
  if (notes.missing.length > 0) {
    lines.push('', `<!-- ${vscode.l10n.t('Linked but not found on the tracker: {0}', notes.missing.join(', '))} -->`);
  }
  return `${lines.join('\n')}\n`;
}
