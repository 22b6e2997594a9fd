// Every file read or written because `.feedback/tradeoffs.json` names it (and
// the file itself) stays inside the workspace folder on disk, not only in its
// text. A cloned repository can hold `src/config.ts -> ~/.aws/credentials`: a
// fuzzy anchor on it would copy the secret lines into tradeoffs.json, which the
// user then commits and pushes. So symbolic links are refused on every part
// of the path, links inside the folder included (one rule, nothing to judge),
// and the real path must lie under the folder's real path.
//
// Plain Node (no vscode), so that it is tested against real links. Checked
// then read: a race with a process swapping files under the folder is beyond
// what a cloned repository can do.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';

export class UnsafePathError extends Error {}

const WHY = 'trade-offs never follow symbolic links, so that no file outside the workspace folder is read or copied into .feedback/tradeoffs.json';

/**
 * The real path of the workspace-relative `relative` (`/`-separated) under the
 * folder `root`. Parts that do not exist yet are allowed (a first write); a
 * symbolic link on the way, a last part that is not a regular file, or a path
 * that leaves the folder is refused with an UnsafePathError naming `relative`.
 */
export async function resolveInsideFolder(root: string, relative: string): Promise<string> {
  const parts = relative.split('/');
  if (relative === '' || path.isAbsolute(relative) || parts.some((part) => part === '' || part === '.' || part === '..' || part.includes('\\'))) {
    throw new UnsafePathError(`${JSON.stringify(relative)} is not a path inside the workspace folder`);
  }
  // The folder itself may be reached through a link (the user opened it so): its real path is the reference.
  const realRoot = await fs.realpath(root);
  let current = realRoot;
  for (const [i, part] of parts.entries()) {
    current = path.join(current, part);
    const kind = await kindOf(current);
    if (kind === undefined) {
      return path.join(realRoot, ...parts); // the rest does not exist yet: nothing to follow
    }
    if (kind === 'link') {
      throw new UnsafePathError(`${relative} is refused: "${parts.slice(0, i + 1).join('/')}" is a symbolic link (${WHY})`);
    }
    if (i === parts.length - 1 && kind !== 'file') {
      throw new UnsafePathError(`${relative} is refused: it is not a regular file`);
    }
  }
  // Without links the real path is the joined one; checked anyway, for what lstat cannot see (a mount).
  const real = await fs.realpath(current);
  if (!isInside(realRoot, real)) {
    throw new UnsafePathError(`${relative} is refused: it resolves to ${real}, outside the workspace folder ${realRoot}`);
  }
  return real;
}

async function kindOf(file: string): Promise<'link' | 'file' | 'directory' | 'other' | undefined> {
  try {
    const stat = await fs.lstat(file);
    return stat.isSymbolicLink() ? 'link' : stat.isFile() ? 'file' : stat.isDirectory() ? 'directory' : 'other';
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      return undefined;
    }
    throw error;
  }
}

function isInside(root: string, file: string): boolean {
  const relative = path.relative(root, file);
  return relative !== '' && relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative);
}
