// The GitHub repository of a git remote URL (`origin`), hosts compared exactly
// after parsing: `https://github.com/o/r.git`, `git@github.com:o/r.git`,
// `ssh://git@github.com/o/r`. Anything else (another host, a look-alike such
// as github.com.evil.example) is not a GitHub repository.
const NAME = /^([A-Za-z0-9][A-Za-z0-9-]{0,38})\/([A-Za-z0-9._-]{1,100}?)(?:\.git)?\/?$/;

export function githubRepositoryOf(remote: string, host = 'github.com'): string | undefined {
  const trimmed = remote.trim();
  const scp = /^[A-Za-z0-9._-]+@([^:/]+):(.+)$/.exec(trimmed);
  let hostname: string;
  let path: string;
  if (scp && !trimmed.includes('://')) {
    hostname = scp[1];
    path = scp[2];
  } else {
    try {
      const url = new URL(trimmed);
      if (!['https:', 'ssh:', 'git:', 'http:'].includes(url.protocol)) {
        return undefined;
      }
      hostname = url.hostname;
      path = url.pathname.replace(/^\//, '');
    } catch {
      return undefined; // neither scp-like nor a URL: not a GitHub remote
    }
  }
  if (hostname.toLowerCase() !== host) {
    return undefined;
  }
  const match = NAME.exec(path);
  return match && match[2] !== '.' && match[2] !== '..' ? `${match[1]}/${match[2]}` : undefined;
}
