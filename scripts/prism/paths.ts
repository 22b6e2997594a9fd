// Where the GitHub contract tools live: a separate, cached install under
// .vscode-test/ (like code-server's), so Prism (~70 MB) and GitHub's OpenAPI
// description (~400 MB) stay out of the project's node_modules and bundle.
import * as path from 'node:path';

export const repoRoot = path.resolve(__dirname, '..', '..');

/** Exact pins: the contract is checked against this description of GitHub's API. */
export const versions = { prism: '5.16.0', openapi: '23.0.2', fixtures: '23.1.2' } as const;

export const prismDir = path.join(repoRoot, '.vscode-test', `prism-${versions.prism}`);
export const prismCli = path.join(prismDir, 'node_modules', '@stoplight', 'prism-cli', 'dist', 'index.js');
export const fullSpec = path.join(prismDir, 'node_modules', '@octokit', 'openapi', 'generated', 'api.github.com.deref.json');
/** The operations the GitHub adapter calls, cut from the full description (Prism loads it in about a second). */
export const githubSpec = path.join(prismDir, 'github-subset.json');
export const fixturesDir = path.join(prismDir, 'node_modules', '@octokit', 'fixtures', 'scenarios', 'api.github.com');
/** Written last by the setup, so its presence means a complete install. */
export const readyStamp = path.join(prismDir, 'ready.json');

/** Every path the adapter requests; the contract test fails if the adapter calls anything else. */
export const githubPaths = [
  '/search/issues',
  '/repos/{owner}/{repo}/issues/{issue_number}',
  '/repos/{owner}/{repo}/issues/{issue_number}/comments',
] as const;
