// "Draft release notes" for a tag range: the feedback items whose linked
// commits landed between two tags, most demanded first, with their demand,
// as markdown to edit and paste into a changelog. Titles are customer text:
// escaped so they cannot add links, images, HTML or headings to the document.
import { describeDemand } from '../demand';
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
  return b.item.votes - a.item.votes || (b.item.revenue?.amount ?? 0) - (a.item.revenue?.amount ?? 0) || b.item.customerCount - a.item.customerCount;
}

export function draftReleaseNotes(input: ReleaseNotesInput): string {
  const range = input.from ? `${input.from}…${input.to}` : `up to ${input.to}`;
  const lines = [`# ${escapeMarkdown(input.to)}`, '', `Feedback answered in this release (${escapeMarkdown(range)}), most requested first.`, ''];
  const items = [...input.items].sort(byDemand);
  if (items.length === 0) {
    lines.push('_No linked feedback items in this range._', '');
  }
  for (const { item, subjects } of items) {
    lines.push(`- **${escapeMarkdown(item.title)}** (${escapeMarkdown(item.id)}): ${describeDemand(item)}`);
    for (const subject of [...new Set(subjects)].slice(0, 5)) {
      lines.push(`  - ${escapeMarkdown(subject)}`);
    }
  }
  if (input.missing && input.missing.length > 0) {
    lines.push('', `<!-- Linked but not found on the tracker: ${input.missing.map((id) => id.replace(/[^\w:#./-]/g, '')).join(', ')} -->`);
  }
  return `${lines.join('\n')}\n`;
}
