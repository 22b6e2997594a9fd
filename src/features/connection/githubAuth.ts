// Which VS Code sign-in may give its token to the configured GitHub API URL.
// A `github` session is a github.com token: it goes to https://api.github.com
// and nowhere else. Any other URL takes the `github-enterprise` sign-in, and
// only when the URL's host is the server that provider signs in to (the
// `github-enterprise.uri` setting), so each token only reaches the server that
// issued it. Pure (no vscode): the rules are unit-tested in plain Node.

export const GITHUB_API_URL = 'https://api.github.com';
const GITHUB_API_HOST = 'api.github.com';

export type GithubProvider = 'github' | 'github-enterprise';

export type GithubAuthRefusal =
  /** The API URL does not parse. */
  | 'invalidUrl'
  /** Not https: a token would cross the network in clear text. */
  | 'notHttps'
  /** `https://user:pass@host`: credentials in a URL end up in logs and proxies. */
  | 'credentialsInUrl'
  /** Not api.github.com, and no GitHub Enterprise server is configured. */
  | 'noEnterpriseUri'
  /** `github-enterprise.uri` does not parse as an http(s) URL. */
  | 'invalidEnterpriseUri'
  /** Neither api.github.com nor the configured GitHub Enterprise server. */
  | 'otherHost';

export type GithubAuth = { readonly provider: GithubProvider } | { readonly refused: GithubAuthRefusal };

/** The sign-in whose token may be sent to `apiUrl`, given the `github-enterprise.uri` setting. */
export function githubAuthFor(apiUrl: string, enterpriseUri: string | undefined): GithubAuth {
  const api = parseUrl(apiUrl.trim());
  if (!api) {
    return { refused: 'invalidUrl' };
  }
  if (api.username || api.password) {
    return { refused: 'credentialsInUrl' };
  }
  if (api.protocol !== 'https:') {
    return { refused: 'notHttps' };
  }
  // `host` is the normalised hostname plus a non-default port: exact equality, never a suffix test.
  if (api.host === GITHUB_API_HOST) {
    return { provider: 'github' };
  }
  if (!enterpriseUri?.trim()) {
    return { refused: 'noEnterpriseUri' };
  }
  const hosts = enterpriseApiHosts(enterpriseUri.trim());
  if (!hosts) {
    return { refused: 'invalidEnterpriseUri' };
  }
  return hosts.includes(api.host) ? { provider: 'github-enterprise' } : { refused: 'otherHost' };
}

/**
 * The API hosts of a GitHub Enterprise server, as VS Code's github-enterprise
 * sign-in computes them: the server itself (GHE Server, `https://HOST/api/v3`),
 * plus `api.HOST` for GHE Cloud with data residency (`*.ghe.com`).
 */
function enterpriseApiHosts(enterpriseUri: string): string[] | undefined {
  const server = parseUrl(enterpriseUri);
  if (!server || (server.protocol !== 'https:' && server.protocol !== 'http:') || !server.host) {
    return undefined;
  }
  return server.hostname.endsWith('.ghe.com') ? [server.host, `api.${server.host}`] : [server.host];
}

function parseUrl(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined; // not a URL: the answer, not an error
  }
}
