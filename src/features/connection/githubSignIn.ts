// How a GitHub connection signs in (Connect a Tracker…'s step 2 and
// Reconnect's), and the question when settings name a repository no
// connection has. Part of the connect steps' bundle (dist/connect.js).
import * as vscode from 'vscode';
import { describeError } from '../../platform/errorText';
import { GITHUB_SCOPES, githubProvider } from './trackerChoice';
import type { GithubAccount } from './trackerChoice';

type GithubAccounts = (providerId: string) => Thenable<readonly vscode.AuthenticationSessionAccountInformation[]>;

/**
 * How a GitHub connection signs in: VS Code's own GitHub sign-in, no token
 * pasted by hand (which one, github.com or GitHub Enterprise, follows from
 * the API URL, and a URL no sign-in's token may go to is refused before
 * anyone signs in); with `choose` (a second GitHub connection, a reconnect),
 * one of VS Code's accounts where VS Code lets an extension choose (1.93),
 * or a personal access token of the connection's own. Undefined: cancelled.
 */
export async function githubSignIn(apiUrl: string, choose: boolean): Promise<{ readonly account?: GithubAccount; readonly token?: string } | undefined> {
  if (process.env.FEEDBACK_LOOP_GITHUB_TOKEN) {
    return {};
  }
  let provider: string;
  try {
    provider = githubProvider(apiUrl);
  } catch (error) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Could not connect to GitHub: {0}', describeError(error)));
    return undefined;
  }
  // Feature-detected: not in the VS Code API of our engine (1.86).
  const getAccounts = (vscode.authentication as unknown as { getAccounts?: GithubAccounts }).getAccounts;
  const accounts = getAccounts ? await Promise.resolve(getAccounts(provider)).then(undefined, () => []) : [];
  if (!choose && accounts.length <= 1) {
    const session = await vscode.authentication.getSession(provider, GITHUB_SCOPES, { createIfNone: true });
    return session ? {} : undefined;
  }
  type Way = vscode.QuickPickItem & { readonly way: 'account' | 'another' | 'default' | 'token'; readonly account?: GithubAccount };
  const ways: Way[] = [
    ...(getAccounts
      ? [
          ...accounts.map((a): Way => ({ label: a.label, description: vscode.l10n.t('VS Code’s GitHub account'), way: 'account', account: { id: a.id, label: a.label } })),
          { label: vscode.l10n.t('Another GitHub account…'), way: 'another' } satisfies Way,
        ]
      : [{ label: vscode.l10n.t('VS Code’s GitHub account'), way: 'default' } satisfies Way]),
    { label: vscode.l10n.t('A personal access token…'), detail: vscode.l10n.t('For an account VS Code is not signed in with: kept in VS Code’s secret storage for this connection'), way: 'token' },
  ];
  const picked = await vscode.window.showQuickPick(ways, { title: vscode.l10n.t('Sign in to GitHub'), placeHolder: vscode.l10n.t('Which GitHub account reads and writes this repository?'), ignoreFocusOut: true });
  switch (picked?.way) {
    case 'account': {
      const options = { createIfNone: true, account: picked.account } as vscode.AuthenticationGetSessionOptions;
      return (await vscode.authentication.getSession(provider, GITHUB_SCOPES, options)) ? { account: picked.account } : undefined;
    }
    case 'another': {
      const session = await vscode.authentication.getSession(provider, GITHUB_SCOPES, { forceNewSession: true });
      return session ? { account: { id: session.account.id, label: session.account.label } } : undefined;
    }
    case 'default':
      return (await vscode.authentication.getSession(provider, GITHUB_SCOPES, { createIfNone: true })) ? {} : undefined;
    case 'token': {
      const token = await vscode.window.showInputBox({
        title: vscode.l10n.t('Sign in to GitHub'),
        prompt: vscode.l10n.t('A personal access token (scope repo) for {0}. It is kept in VS Code’s secret storage and sent only there.', apiUrl),
        password: true,
        ignoreFocusOut: true,
        validateInput: (value) => (/^[\x21-\x7e]{20,255}$/.test(value.trim()) ? undefined : vscode.l10n.t('Enter the token')),
      });
      return token ? { token: token.trim() } : undefined;
    }
    case undefined:
      return undefined;
  }
}

/** Settings name a repository no GitHub connection here has: connect it too, no (not asked again), or neither (dismissed). */
export async function askToAddRepository(offered: string, connected: string): Promise<'add' | 'no' | undefined> {
  const add = vscode.l10n.t('Connect {0} Too', offered);
  const no = vscode.l10n.t('No');
  const answer = await vscode.window.showWarningMessage(
    vscode.l10n.t(
      'The setting feedbackLoop.github.repository names {0}, but this workspace is connected to {1}: replies, links and status changes of its issues go to {1}. Connect {0} as well?',
      offered,
      connected,
    ),
    add,
    no,
  );
  return answer === add ? 'add' : answer === no ? 'no' : undefined;
}
