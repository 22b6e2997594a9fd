// The manifest, the code and the README agree (static checks; the in-host
// suite checks the registered commands in a real VS Code too).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { settingSchemas } from '../../src/platform/settingSchemas';

const root = path.resolve(__dirname, '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  contributes: { commands: { command: string }[]; configuration: { properties: Record<string, unknown> } | { properties: Record<string, unknown> }[] };
};

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(full) : full.endsWith('.ts') ? [full] : [];
  });
}

const source = sourceFiles(path.join(root, 'src')).map((file) => fs.readFileSync(file, 'utf8')).join('\n');
const declaredSettings = [manifest.contributes.configuration].flat().flatMap((c) => Object.keys(c.properties));

describe('manifest, code and README agree', () => {
  it('registers in code exactly the commands package.json declares', () => {
    const registered = new Set([...source.matchAll(/registerCommand\(\s*'(feedbackLoop\.[\w.]+)'/g)].map((m) => m[1]));
    const declared = new Set(manifest.contributes.commands.map((c) => c.command));
    assert.deepEqual([...declared].filter((c) => !registered.has(c)), [], 'declared but never registered');
    assert.deepEqual([...registered].filter((c) => !declared.has(c)), [], 'registered but not declared');
  });

  it('reads only declared settings, and declares only settings it reads', () => {
    const read = Object.keys(settingSchemas).map((key) => `feedbackLoop.${key}`);
    assert.deepEqual(read.filter((key) => !declaredSettings.includes(key)), [], 'read but not declared');
    assert.deepEqual(declaredSettings.filter((key) => !read.includes(key)), [], 'declared but never read through platform/settings.ts');
  });

  it('documents every declared setting in the README settings table', () => {
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    const missing = declaredSettings.filter((key) => !new RegExp(`^\\|\\s*\`${key.replace(/\./g, '\\.')}\`\\s*\\|`, 'm').test(readme));
    assert.deepEqual(missing, [], 'settings missing from the README table');
  });

  it('lists every declared command in the README commands table, by id', () => {
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    const table = readme.slice(readme.indexOf('| command | id | where |'));
    const rows = table.slice(0, table.search(/\n(?!\|)/)).split('\n');
    const listed = new Set(rows.flatMap((row) => [...row.matchAll(/`(feedbackLoop\.\w+)`/g)].map((m) => m[1])));
    const missing = manifest.contributes.commands.map((c) => c.command).filter((id) => !listed.has(id));
    assert.ok(rows.length > 2, 'the README has a "| command | id | where |" table');
    assert.deepEqual(missing, [], 'commands missing from the README commands table');
  });
});
