// Which commit links reach the tracker, inside a real extension host against
// the reference tracker: a commit the user makes through Source Control (the
// Git extension's commit) is posted to the item its trailer names; a commit
// that arrives any other way (a terminal, a pull) is shown locally only.
// Works on a branch of its own, so the default branch (close the loop) and the
// other suites' commits stay as they were.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activatedApi, eventually } from './support';

interface GitRepository {
  add(paths: string[]): Promise<void>;
  commit(message: string): Promise<void>;
}
interface GitApi {
  getRepository(uri: vscode.Uri): GitRepository | null;
}

const BRANCH = 'commit-link-posting-test';

describe('commit links posted to the tracker', () => {
  let root: string;
  let original: string;
  const git = (...args: string[]): string => execFileSync('git', args, { cwd: root, encoding: 'utf8' });

  async function links(itemId: string): Promise<{ sha: string }[]> {
    const url = process.env.FEEDBACK_LOOP_TRACKER_URL;
    const token = process.env.FEEDBACK_LOOP_TRACKER_TOKEN;
    assert.ok(url && token, 'the reference tracker of the integration run');
    const response = await fetch(`${url}/api/v1/items/${itemId}/links`, { headers: { authorization: `Bearer ${token}` } });
    return ((await response.json()) as { links: { sha: string }[] }).links;
  }

  function commitFile(name: string): string {
    fs.writeFileSync(path.join(root, name), `${name}\n`);
    return path.join(root, name);
  }

  before(async () => {
    await activatedApi();
    root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '';
    assert.ok(root, 'a workspace folder');
    original = git('branch', '--show-current').trim();
    git('config', 'user.name', 'Ada Example');
    git('config', 'user.email', 'ada@example.com');
    git('checkout', '-q', '-b', BRANCH);
  });

  after(() => {
    git('checkout', '-q', original);
    git('branch', '-q', '-D', BRANCH);
  });

  it('posts the trailer of a Source Control commit, and not one made outside VS Code', async () => {
    // Outside VS Code: what a terminal commit or a pull brings in.
    git('add', commitFile('posting-outside.txt'));
    git('commit', '-q', '--no-verify', '-m', 'Made in a terminal\n\nFeedback: rest:FB-20');
    const outside = git('rev-parse', 'HEAD').trim();

    // Through Source Control: the Git extension's own commit.
    const api = vscode.extensions.getExtension<{ getAPI(v: 1): GitApi }>('vscode.git')?.exports.getAPI(1);
    const repo = await eventually(() => api?.getRepository(vscode.Uri.file(root)) ?? null, (r) => r !== null, 'the Git extension’s repository');
    assert.ok(repo);
    await repo.add([commitFile('posting-own.txt')]);
    await repo.commit('Made in Source Control\n\nFeedback: rest:FB-21');
    const own = git('rev-parse', 'HEAD').trim();

    await eventually(() => links('FB-21'), (all) => all.some((l) => l.sha === own), 'the link of the Source Control commit');
    // History scanning saw the terminal commit before the Source Control one: had it posted, it would be there by now.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    assert.deepEqual((await links('FB-20')).filter((l) => l.sha === outside), [], 'the terminal commit is not posted');
  });
});
