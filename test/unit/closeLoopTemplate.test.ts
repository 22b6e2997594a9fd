import './vscodeL10n';
import * as assert from 'node:assert/strict';
import { escapeMarkdown, releaseNotes } from '../../src/core/closeLoop/releaseNotes';
import type { ReleaseNotesInput } from '../../src/core/closeLoop/releaseNotes';
import { closeLoopSettingSchemas } from '../../src/core/closeLoop/settings';
import { commitList, DEFAULT_TEMPLATE, renderTemplate, templateProblem } from '../../src/core/closeLoop/template';
import { releaseNotesMarkdown } from '../../src/features/closeLoop/releaseNotesText';

const values = { id: 'FB-1', title: 'Export {release} to CSV', release: 'v2.4', commits: '- a', customerCount: '14', repository: 'app' };

describe('close the loop: templates', () => {
  it('fills named placeholders, keeps escaped braces, and never re-reads inserted values', () => {
    assert.equal(renderTemplate('{{x}} {title} in {release} for {customerCount}', values), '{x} Export {release} to CSV in v2.4 for 14');
    assert.match(renderTemplate(DEFAULT_TEMPLATE, values), /has shipped in v2\.4[\s\S]*one of 14 customers/);
  });

  it('names an unknown placeholder, in the setting check too', () => {
    assert.equal(templateProblem(DEFAULT_TEMPLATE), undefined);
    assert.match(templateProblem('Shipped {titel} in {release}') ?? '', /unknown placeholder \{titel\}/);
    const result = closeLoopSettingSchemas['closeLoop.template'].safeParse('{release} {customers}');
    assert.ok(!result.success && result.error.issues[0].message.includes('{customers}'));
  });

  it('lists each commit subject once', () => {
    assert.equal(commitList(['Add  export', 'Add export', 'Fix quoting']), '- Add export\n- Fix quoting');
    assert.equal(commitList(['Merge feedback/FB-238-export', 'Export as CSV', "Merge branch 'x'"]), '- Export as CSV');
  });
});

describe('close the loop: release notes', () => {
  const item = (id: string, title: string, votes: number) => ({ id, title, votes, customerCount: votes, revenue: null, url: null });
  const draftReleaseNotes = (input: ReleaseNotesInput) => releaseNotesMarkdown(releaseNotes(input));

  it('lists answered items by demand, with their commits', () => {
    const text = draftReleaseNotes({ from: 'v2.3', to: 'v2.4', items: [{ item: item('FB-1', 'Low', 2), subjects: ['a'] }, { item: item('FB-2', 'High', 9), subjects: ['b', 'b'] }] });
    const high = text.indexOf('**High** (FB-2): ▲ 9 · 9 customers');
    assert.ok(high > 0 && high < text.indexOf('**Low**'), text);
    assert.equal(text.match(/ {2}- b/g)?.length, 1);
    assert.match(text, /v2\.3…v2\.4/);
  });

  it('reads as a document: the range, each item with its demand and commits, and the items the tracker did not return', () => {
    const text = draftReleaseNotes({
      from: undefined,
      to: 'v1.0',
      items: [{ item: { ...item('FB-7', 'Export to CSV', 42), customerCount: 7, revenue: { amount: 12_400, currency: 'USD' } }, subjects: ['Add export', 'Quote fields'] }],
      missing: ['FB-9', 'FB-10 -->'],
    });
    assert.equal(
      text,
      [
        '# v1.0',
        '',
        'Feedback answered in this release (up to v1.0), most requested first.',
        '',
        '- **Export to CSV** (FB-7): ▲ 42 · 7 customers · $12.4k/mo',
        '  - Add export',
        '  - Quote fields',
        '',
        '<!-- Linked but not found on the tracker: FB-9, FB-10-- -->',
        '',
      ].join('\n'),
    );
    assert.equal(draftReleaseNotes({ from: 'v1', to: 'v2', items: [] }), '# v2\n\nFeedback answered in this release (v1…v2), most requested first.\n\n_No linked feedback items in this range._\n\n');
  });

  it('keeps hostile titles as text', () => {
    const text = draftReleaseNotes({ from: undefined, to: 'v1', items: [{ item: item('FB-3', '[click](https://evil) <img src=x>\n# Heading', 1), subjects: [] }] });
    assert.ok(!text.includes('[click](') && !/[^\\]<img/.test(text) && !/^# Heading/m.test(text), text);
    assert.equal(escapeMarkdown('1. not a list'), '1\\. not a list');
  });
});

describe('close the loop: manifest', () => {
  it('declares the same default template as the code', async () => {
    const fs = await import('node:fs');
    const manifest = JSON.parse(fs.readFileSync('package.json', 'utf8')) as { contributes: { configuration: { properties: Record<string, { default?: unknown }> } } };
    assert.equal(manifest.contributes.configuration.properties['feedbackLoop.closeLoop.template'].default, DEFAULT_TEMPLATE);
  });
});
