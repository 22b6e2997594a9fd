// Every user-facing string of the manifest comes from package.nls.json, so a
// language pack can translate the listing, commands, views, settings and the
// walkthrough (scripts/nls.ts moves new literals there).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readJsonObject } from '../../scripts/manifest/editManifest';
import type { JsonObject } from '../../scripts/manifest/editManifest';
import { isNlsReference, manifestStrings } from '../../scripts/manifest/nlsStrings';

const root = path.resolve(__dirname, '..', '..');
const manifest = readJsonObject(path.join(root, 'package.json'));
const nlsFile = path.join(root, 'package.nls.json');
const nls: JsonObject = fs.existsSync(nlsFile) ? readJsonObject(nlsFile) : {};

describe('manifest localisation (package.nls.json)', () => {
  it('finds the strings a user reads, wherever they are', () => {
    const found = manifestStrings({
      displayName: 'Feedback Loop',
      contributes: {
        commands: [{ command: 'feedbackLoop.refresh', title: 'Refresh', category: 'Feedback Loop' }],
        configuration: { properties: { 'feedbackLoop.x': { enum: ['a'], enumDescriptions: ['The a'], description: '%x%' } } },
        walkthroughs: [{ id: 'w', steps: [{ id: 's', media: { image: 'a.png', altText: 'A picture' } }] }],
      },
    }).map((s) => [s.key, s.value]);
    assert.deepEqual(found, [
      ['displayName', 'Feedback Loop'],
      ['commands.feedbackLoop.refresh.title', 'Refresh'],
      ['configuration.properties.feedbackLoop.x.enumDescriptions.0', 'The a'],
      ['configuration.properties.feedbackLoop.x.description', '%x%'],
      ['walkthroughs.w.steps.s.media.altText', 'A picture'],
    ]);
  });

  it('has no literal user-facing string in package.json (run `npx tsx scripts/nls.ts`)', () => {
    const literal = manifestStrings(manifest).filter((s) => !isNlsReference(s.value)).map((s) => `${s.key}: ${s.value}`);
    assert.deepEqual(literal, []);
  });

  it('has a non-empty English text in package.nls.json for every %key%', () => {
    const missing = manifestStrings(manifest)
      .map((s) => s.value.slice(1, -1))
      .filter((key) => typeof nls[key] !== 'string' || nls[key] === '');
    assert.deepEqual(missing, []);
  });
});
