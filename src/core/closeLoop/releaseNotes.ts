// "Draft release notes" for a tag range: the feedback items whose linked
// commits landed between two tags, most demanded first, with their demand and
// commits, ready for markdown. Titles are customer text: escaped so they
// cannot add links, images, HTML or headings to the document. The feature
// words the document (features/closeLoop/releaseNotesText.ts).
import { compareDemand } from '../demand';
import type { ItemSummary } from '../model';

export interface AnsweredItem {
  readonly item: Pick<ItemSummary, 'id' | 'title' | 'votes' | 'customerCount' | 'revenue' | 'url'>;
  readonly subjects: readonly string[];
}

export interface ReleaseNotesInput {
  readonly from: string | undefined;
  readonly to: string;
  readonly items: readonly AnsweredItem[];
  /** Linked items the tracker could not return (deleted, no access). */
  readonly missing?: readonly string[];
}

/** One answered item as the notes list it: escaped text, its demand as figures. */
export interface ReleaseNote {
  readonly title: string;
  readonly id: string;
  readonly demand: Pick<ItemSummary, 'votes' | 'customerCount' | 'revenue'>;
  /** Its commits' subjects, escaped, each once, at most five. */
  readonly subjects: readonly string[];
}

export interface ReleaseNotes {
  /** The tags as given: the feature escapes the heading and range it words around them. */
  readonly from: string | undefined;
  readonly to: string;
  /** Most demanded first. */
  readonly notes: readonly ReleaseNote[];
  /** Ids of linked items the tracker did not return, kept to characters that cannot end an HTML comment. */
  readonly missing: readonly string[];
}

const SUBJECTS_SHOWN = 5;

/** Inline markdown that shows as the text it is. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\\`*_{}[\]()<>#+!|~]/g, (c) => `\\${c}`)
    .replace(/^([-=])/, '\\$1')
    .replace(/^(\d+)\./, '$1\\.');
}

function byDemand(a: AnsweredItem, b: AnsweredItem): number {
  return compareDemand(a.item, b.item);
}

export function releaseNotes(input: ReleaseNotesInput): ReleaseNotes {
  const notes = [...input.items].sort(byDemand).map(({ item, subjects }) => ({
    title: escapeMarkdown(item.title),
    id: escapeMarkdown(item.id),
    demand: item,
    subjects: [...new Set(subjects)].slice(0, SUBJECTS_SHOWN).map(escapeMarkdown),
  }));
  const missing = (input.missing ?? []).map((id) => id.replace(/[^\w:#./-]/g, ''));
  return { from: input.from, to: input.to, notes, missing };
}
