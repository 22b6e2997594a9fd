// Settings that decide where writes or credentials go cannot be set by an
// untrusted workspace: VS Code ignores the workspace's value of a setting in
// `restrictedConfigurations` until the folder is trusted, and a machine-scoped
// setting cannot be set by a workspace at all.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

interface Manifest {
  capabilities: { untrustedWorkspaces: { supported: unknown; restrictedConfigurations?: string[] } };
  contributes: { configuration: { properties: Record<string, { scope?: string }> } | { properties: Record<string, { scope?: string }> }[] };
}

const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', '..', 'package.json'), 'utf8')) as Manifest;
const properties = Object.assign({}, ...[manifest.contributes.configuration].flat().map((c) => c.properties)) as Record<string, { scope?: string }>;

/** Where a token goes: only the user's own (machine) settings may say. */
const TOKEN_DESTINATIONS = ['feedbackLoop.tracker.baseUrl', 'feedbackLoop.github.apiUrl', 'feedbackLoop.fider.baseUrl'];
/** Where (and what) writes go, or what runs on every line of every file. */
const WORKSPACE_SENSITIVE = [...TOKEN_DESTINATIONS, 'feedbackLoop.github.repository', 'feedbackLoop.github.statusLabels', 'feedbackLoop.linear.statusOverrides', 'feedbackLoop.links.referencePatterns'];

describe('settings an untrusted workspace cannot set', () => {
  it('keeps token destinations machine-scoped', () => {
    for (const key of TOKEN_DESTINATIONS) {
      assert.equal(properties[key]?.scope, 'machine', key);
    }
  });

  it('ignores the workspace value of every setting that directs writes or credentials in Restricted Mode', () => {
    assert.equal(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
    const restricted = manifest.capabilities.untrustedWorkspaces.restrictedConfigurations ?? [];
    assert.deepEqual(WORKSPACE_SENSITIVE.filter((key) => !restricted.includes(key)), []);
    assert.deepEqual(restricted.filter((key) => !(key in properties)), [], 'restricted but not declared');
  });
});
