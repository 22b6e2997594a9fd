// Paths named by `.feedback/tradeoffs.json` (and the file itself) against a
// real file system with real symbolic links: a cloned repository can hold a
// link to ~/.aws/credentials, and a fuzzy anchor would copy its lines into the
// file the user then commits.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { UnsafePathError, resolveInsideFolder } from '../../src/features/tradeoffs/pathGuard';

describe('trade-off paths on disk', () => {
  let base: string;
  let folder: string;
  let secret: string;

  beforeEach(() => {
    base = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'tradeoff-paths-')));
    folder = path.join(base, 'repo');
    secret = path.join(base, 'credentials');
    fs.mkdirSync(path.join(folder, 'src'), { recursive: true });
    fs.mkdirSync(path.join(folder, '.feedback'));
    fs.writeFileSync(path.join(folder, 'src', 'a.ts'), 'export const a = 1;\n');
    fs.writeFileSync(secret, 'aws_secret_access_key = hunter2\n');
  });

  afterEach(() => {
    fs.rmSync(base, { recursive: true, force: true });
  });

  async function refusal(relative: string): Promise<string> {
    const error = await resolveInsideFolder(folder, relative).then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(error instanceof UnsafePathError, `${relative} should be refused`);
    return error.message;
  }

  it('resolves a regular file of the folder to its real path', async () => {
    assert.equal(await resolveInsideFolder(folder, 'src/a.ts'), path.join(folder, 'src', 'a.ts'));
  });

  it('resolves a file that does not exist yet (a first write), under the real folder', async () => {
    fs.rmSync(path.join(folder, '.feedback'), { recursive: true });
    assert.equal(await resolveInsideFolder(folder, '.feedback/tradeoffs.json'), path.join(folder, '.feedback', 'tradeoffs.json'));
  });

  it('refuses a file that is a symbolic link to a file outside the folder, naming the path', async () => {
    fs.symlinkSync(secret, path.join(folder, 'src', 'config.ts'));
    const message = await refusal('src/config.ts');
    assert.match(message, /src\/config\.ts/);
    assert.match(message, /symbolic link/);
  });

  it('refuses a path through a linked folder', async () => {
    fs.symlinkSync(base, path.join(folder, 'vendor'));
    assert.match(await refusal('vendor/credentials'), /"vendor" is a symbolic link/);
  });

  it('refuses links even when they point inside the folder', async () => {
    fs.symlinkSync(path.join(folder, 'src', 'a.ts'), path.join(folder, 'src', 'b.ts'));
    assert.match(await refusal('src/b.ts'), /symbolic link/);
  });

  it('refuses .feedback/tradeoffs.json as a link, and .feedback as a linked folder, for reading and writing alike', async () => {
    fs.symlinkSync(secret, path.join(folder, '.feedback', 'tradeoffs.json'));
    assert.match(await refusal('.feedback/tradeoffs.json'), /\.feedback\/tradeoffs\.json/);
    fs.rmSync(path.join(folder, '.feedback'), { recursive: true });
    fs.symlinkSync(base, path.join(folder, '.feedback'));
    assert.match(await refusal('.feedback/tradeoffs.json'), /"\.feedback" is a symbolic link/);
  });

  it('refuses what is not a regular file, and paths that leave the folder by their text', async () => {
    assert.match(await refusal('src'), /not a regular file/);
    for (const relative of ['../credentials', '/etc/passwd', 'src/../../credentials', '']) {
      await refusal(relative);
    }
  });

  it('accepts a folder that is itself reached through a link (the user opened it so)', async () => {
    const linkedFolder = path.join(base, 'linked-repo');
    fs.symlinkSync(folder, linkedFolder);
    assert.equal(await resolveInsideFolder(linkedFolder, 'src/a.ts'), path.join(folder, 'src', 'a.ts'));
  });
});
