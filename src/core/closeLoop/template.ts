// The announcement template: a plain string with named placeholders such as
// {title}. Checked when the setting is read, so a typo ({titel}) is reported
// with its name instead of reaching customers as literal text.
export const PLACEHOLDERS = ['id', 'title', 'release', 'commits', 'customerCount', 'repository'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];
export type TemplateValues = Readonly<Record<Placeholder, string>>;

export const DEFAULT_TEMPLATE =
  'Good news: **{title}** has shipped in {release}.\n\n' +
  'What changed:\n{commits}\n\n' +
  'Thank you for asking for it (you are one of {customerCount} customers who did). Let us know how it works for you!';

// `{{` and `}}` are literal braces; `{name}` is a placeholder.
const TOKEN = /\{\{|\}\}|\{([^{}]*)\}/g;

/** Why `template` cannot be used (an unknown placeholder, named), or undefined when it can. */
export function templateProblem(template: string): string | undefined {
  for (const match of template.matchAll(TOKEN)) {
    const name = match[1];
    if (name !== undefined && !(PLACEHOLDERS as readonly string[]).includes(name)) {
      const known = PLACEHOLDERS.map((p) => `{${p}}`).join(', ');
      return `unknown placeholder {${name.slice(0, 40)}}; known: ${known} (write {{ and }} for literal braces)`;
    }
  }
  return undefined;
}

/** Fills a template that passed templateProblem; values are inserted as they are, never read as placeholders. */
export function renderTemplate(template: string, values: TemplateValues): string {
  return template.replace(TOKEN, (token: string, name: string | undefined) => {
    if (name === undefined) {
      return token[0];
    }
    return (PLACEHOLDERS as readonly string[]).includes(name) ? values[name as Placeholder] : token;
  });
}

// Git's own merge subjects name the branch (and so the item): they tell customers nothing.
const MERGE_SUBJECT = /^Merge (branch|pull request|remote-tracking branch|tag|[\w./-]+$)/;

/** The linked commits' subjects as a markdown list, one line each, merges left out. */
export function commitList(subjects: readonly string[]): string {
  const all = [...new Set(subjects.map((s) => s.replace(/\s+/g, ' ').trim()).filter(Boolean))];
  const work = all.filter((s) => !MERGE_SUBJECT.test(s));
  const unique = work.length > 0 ? work : all;
  return unique.length === 0 ? '- (no commit subjects)' : unique.map((s) => `- ${s}`).join('\n');
}
